"""Amounts in article text: counts, money, percentages and vague quantities, with their units.

Owns `find_amounts`. One precompiled pattern per language covers an optional comparator ("lebih dari",
"more than", "plus de", "mehr als", ...), then either an approximate quantity word ("ratusan",
"hundreds", "des centaines", "Hunderte", ...) or a number with an optional currency, range, scale word
("juta", "million", "Milliarden", "万"), percent sign/word and currency word. The unit noun that follows
is read in plain Python. The pattern is tried only where a digit, currency sign or lexicon word starts
(lexicon words come from the word-start scan shared with the date and media finders, see `_trie`), which
keeps it linear and fast.

Numbers follow the language's separators: "2.000" is two thousand in id/de/es/it/pt/nl/da/tr/el, "2,000"
in en/ms/ja/zh, "2 000" (and "2.000") in fr/ru/uk/pl/cs/sv/no/fi; a separator followed by other than three
digits is a decimal mark. Languages without word lists of their own use the English lists, with their own
separators.
Numbers inside date mentions, clock times and model names ("F-16", "COVID-19") are not amounts; nor are
bare years (1800-2100 without currency, scale, percent or comparator), numbers written with a leading
zero ("0812", "'08") or chained with hyphens ("202-555-0143"), which are codes and phone numbers.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from workers.nlp._trie import (FALLBACK_KEY, first_of_overlapping, lowered, number_hits, register_words,
                               trie_pattern, word_hits)
from workers.nlp.langtag import base_language

__all__ = ["find_amounts"]

Number = int | float

_THOUSANDS_DOT = frozenset({"id", "de", "es", "it", "pt", "nl", "da", "tr", "el"})
# These write decimals with a comma too, so a lone dot before three digits groups thousands.
_THOUSANDS_SPACE = frozenset({"fr", "ru", "uk", "pl", "cs", "sv", "no", "fi"})

# Comparator phrases that precede the number.
_COMPARATORS: dict[str, dict[str, str]] = {
    "id": {"lebih dari": ">", "lebih daripada": ">", "di atas": ">", "melebihi": ">", "sedikitnya": ">=",
           "setidaknya": ">=", "paling sedikit": ">=", "minimal": ">=", "sekurang-kurangnya": ">=",
           "kurang dari": "<", "di bawah": "<", "maksimal": "<=", "paling banyak": "<=", "hingga": "<=",
           "sebanyak-banyaknya": "<=", "sekitar": "~", "sekira": "~", "kira-kira": "~", "kurang lebih": "~",
           "hampir": "~", "nyaris": "~", "mencapai": "~"},
    "ms": {"lebih daripada": ">", "lebih dari": ">", "melebihi": ">", "sekurang-kurangnya": ">=",
           "sekurangnya": ">=", "kurang daripada": "<", "sehingga": "<=", "hingga": "<=", "kira-kira": "~",
           "sekitar": "~", "hampir": "~", "lebih kurang": "~"},
    "en": {"more than": ">", "over": ">", "above": ">", "upwards of": ">", "in excess of": ">",
           "at least": ">=", "no fewer than": ">=", "no less than": ">=", "a minimum of": ">=",
           "less than": "<", "fewer than": "<", "under": "<", "below": "<", "at most": "<=",
           "up to": "<=", "no more than": "<=", "a maximum of": "<=", "about": "~", "around": "~",
           "approximately": "~", "roughly": "~", "some": "~", "nearly": "~", "almost": "~",
           "an estimated": "~", "close to": "~", "an approximately": "~"},
    "fr": {"plus de": ">", "au-delà de": ">", "au moins": ">=", "moins de": "<", "jusqu'à": "<=",
           "jusqu’à": "<=", "au maximum": "<=", "environ": "~", "près de": "~", "quelque": "~",
           "presque": "~", "quasiment": "~", "approximativement": "~"},
    "de": {"mehr als": ">", "über": ">", "mindestens": ">=", "wenigstens": ">=", "weniger als": "<",
           "unter": "<", "bis zu": "<=", "höchstens": "<=", "maximal": "<=", "etwa": "~", "rund": "~",
           "ungefähr": "~", "circa": "~", "ca.": "~", "fast": "~", "knapp": "~", "beinahe": "~"},
    "es": {"más de": ">", "al menos": ">=", "por lo menos": ">=", "como mínimo": ">=", "menos de": "<",
           "hasta": "<=", "como máximo": "<=", "unos": "~", "unas": "~", "alrededor de": "~",
           "cerca de": "~", "aproximadamente": "~", "casi": "~", "en torno a": "~"},
    "pt": {"mais de": ">", "pelo menos": ">=", "ao menos": ">=", "no mínimo": ">=", "menos de": "<",
           "até": "<=", "no máximo": "<=", "cerca de": "~", "aproximadamente": "~", "quase": "~",
           "uns": "~", "umas": "~", "por volta de": "~"},
    "it": {"più di": ">", "oltre": ">", "almeno": ">=", "meno di": "<", "fino a": "<=", "circa": "~",
           "quasi": "~", "intorno a": "~", "all'incirca": "~", "una ventina di": "~"},
    "nl": {"meer dan": ">", "ruim": ">", "minstens": ">=", "ten minste": ">=", "minder dan": "<",
           "tot": "<=", "maximaal": "<=", "ongeveer": "~", "circa": "~", "bijna": "~", "zo'n": "~",
           "rond de": "~"},
    "ru": {"более": ">", "более чем": ">", "больше": ">", "свыше": ">", "не менее": ">=",
           "как минимум": ">=", "менее": "<", "меньше": "<", "до": "<=", "не более": "<=", "около": "~",
           "примерно": "~", "почти": "~", "порядка": "~", "приблизительно": "~"},
    "zh": {"超过": ">", "超過": ">", "逾": ">", "至少": ">=", "不到": "<", "不足": "<", "约": "~", "約": "~",
           "近": "~", "将近": "~", "大约": "~"},
    "ja": {"約": "~", "およそ": "~", "少なくとも": ">=", "最大": "<="},
}
# Comparators written after the number (CJK).
_SUFFIX_COMPARATORS = {"以上": ">=", "多": ">", "余": ">", "餘": ">", "左右": "~", "以下": "<=", "未満": "<"}

# Vague quantity words -> (min, max) of what they can mean.
_APPROX: dict[str, dict[str, tuple[int, int]]] = {
    "id": {"puluhan": (10, 99), "belasan": (11, 19), "ratusan": (100, 999), "ribuan": (1000, 9999),
           "jutaan": (10**6, 10**9 - 1), "miliaran": (10**9, 10**12 - 1)},
    "ms": {"puluhan": (10, 99), "belasan": (11, 19), "ratusan": (100, 999), "ribuan": (1000, 9999),
           "jutaan": (10**6, 10**9 - 1)},
    "en": {"tens": (10, 99), "dozens": (24, 99), "hundreds": (100, 999),
           "thousands": (1000, 9999), "millions": (10**6, 10**9 - 1), "billions": (10**9, 10**12 - 1)},
    "fr": {"dizaines": (10, 99), "centaines": (100, 999), "milliers": (1000, 9999),
           "millions": (10**6, 10**9 - 1), "milliards": (10**9, 10**12 - 1)},
    "de": {"dutzende": (24, 99), "hunderte": (100, 999), "tausende": (1000, 9999),
           "zehntausende": (10**4, 10**5 - 1), "hunderttausende": (10**5, 10**6 - 1),
           "millionen": (10**6, 10**9 - 1)},
    "es": {"decenas": (10, 99), "centenares": (100, 999), "cientos": (100, 999), "miles": (1000, 9999),
           "millones": (10**6, 10**9 - 1)},
    "pt": {"dezenas": (10, 99), "centenas": (100, 999), "milhares": (1000, 9999),
           "milhões": (10**6, 10**9 - 1)},
    "it": {"decine": (10, 99), "centinaia": (100, 999), "migliaia": (1000, 9999),
           "milioni": (10**6, 10**9 - 1)},
    "nl": {"tientallen": (10, 99), "honderden": (100, 999), "duizenden": (1000, 9999),
           "tienduizenden": (10**4, 10**5 - 1), "honderdduizenden": (10**5, 10**6 - 1),
           "miljoenen": (10**6, 10**9 - 1)},
    "ru": {"десятки": (10, 99), "десятков": (10, 99), "сотни": (100, 999), "сотен": (100, 999),
           "тысячи": (1000, 9999), "миллионы": (10**6, 10**9 - 1)},
    "zh": {"数十": (10, 99), "几十": (10, 99), "数百": (100, 999), "几百": (100, 999), "上百": (100, 999),
           "数千": (1000, 9999), "几千": (1000, 9999), "上千": (1000, 9999), "数万": (10**4, 10**5 - 1),
           "上万": (10**4, 10**5 - 1)},
    "ja": {"数十": (10, 99), "数百": (100, 999), "数千": (1000, 9999), "数万": (10**4, 10**5 - 1)},
}
# Single approximate amounts ("a dozen", "une centaine") -> value with comparator "~".
_APPROX_SINGLE: dict[str, dict[str, int]] = {
    "en": {"a dozen": 12, "a hundred": 100, "a thousand": 1000, "a million": 10**6},
    "fr": {"une dizaine": 10, "une vingtaine": 20, "une trentaine": 30, "une quarantaine": 40,
           "une cinquantaine": 50, "une centaine": 100, "un millier": 1000},
    "de": {"ein dutzend": 12, "einem dutzend": 12},
    "es": {"una docena": 12, "una decena": 10, "una veintena": 20, "un centenar": 100, "un millar": 1000},
    "pt": {"uma dúzia": 12, "uma dezena": 10, "uma centena": 100, "um milhar": 1000},
    "it": {"una dozzina": 12, "una decina": 10, "una ventina": 20, "un centinaio": 100,
           "un migliaio": 1000},
    "nl": {"een dozijn": 12, "een tiental": 10, "een twintigtal": 20, "een honderdtal": 100},
}
_SCALES: dict[str, dict[str, int]] = {
    "id": {"ribu": 10**3, "rb": 10**3, "juta": 10**6, "jt": 10**6, "miliar": 10**9, "milyar": 10**9,
           "triliun": 10**12},
    "ms": {"ribu": 10**3, "juta": 10**6, "bilion": 10**9, "billion": 10**9, "trilion": 10**12},
    # Plurals only serve "tens of thousands", "hundreds of millions".
    "en": {"thousand": 10**3, "thousands": 10**3, "million": 10**6, "millions": 10**6, "mn": 10**6,
           "billion": 10**9, "bn": 10**9, "trillion": 10**12, "tn": 10**12},
    "fr": {"mille": 10**3, "milliers": 10**3, "million": 10**6, "millions": 10**6, "milliard": 10**9,
           "milliards": 10**9, "md": 10**9, "mds": 10**9},
    "de": {"tausend": 10**3, "million": 10**6, "millionen": 10**6, "mio.": 10**6, "mio": 10**6,
           "milliarde": 10**9, "milliarden": 10**9, "mrd.": 10**9, "mrd": 10**9, "billion": 10**12,
           "billionen": 10**12},
    "es": {"mil": 10**3, "miles": 10**3, "millón": 10**6, "millones": 10**6, "mil millones": 10**9,
           "billón": 10**12, "billones": 10**12},
    "pt": {"mil": 10**3, "milhares": 10**3, "milhão": 10**6, "milhões": 10**6, "bilhão": 10**9, "bilhões": 10**9,
           "mil milhões": 10**9, "trilhão": 10**12, "trilhões": 10**12},
    "it": {"mila": 10**3, "mille": 10**3, "migliaia": 10**3, "milione": 10**6, "milioni": 10**6, "miliardo": 10**9,
           "miliardi": 10**9},
    "nl": {"duizend": 10**3, "miljoen": 10**6, "miljard": 10**9, "biljoen": 10**12},
    "ru": {"тыс.": 10**3, "тыс": 10**3, "тысяч": 10**3, "тысячи": 10**3, "тысяча": 10**3, "млн": 10**6,
           "миллион": 10**6, "миллиона": 10**6, "миллионов": 10**6, "млрд": 10**9, "миллиард": 10**9,
           "миллиарда": 10**9, "миллиардов": 10**9, "трлн": 10**12},
    "zh": {"千": 10**3, "万": 10**4, "萬": 10**4, "百万": 10**6, "千万": 10**7, "亿": 10**8, "億": 10**8},
    "ja": {"千": 10**3, "万": 10**4, "百万": 10**6, "億": 10**8, "兆": 10**12},
}
_PERCENT = ["%", "％", "persen", "per cent", "percent", "pct", "pour cent", "prozent", "por ciento",
            "por cento", "per cento", "procent", "процента", "процентов", "процент"]
_CURRENCY_PREFIX = {"rp": "IDR", "rp.": "IDR", "idr": "IDR", "us$": "USD", "usd": "USD", "$": "USD",
                    "€": "EUR", "eur": "EUR", "£": "GBP", "gbp": "GBP", "¥": "JPY", "jpy": "JPY",
                    "rm": "MYR", "myr": "MYR", "s$": "SGD", "sgd": "SGD", "a$": "AUD", "au$": "AUD",
                    "c$": "CAD", "hk$": "HKD", "cny": "CNY", "rmb": "CNY", "₹": "INR", "rs": "INR",
                    "r$": "BRL", "₽": "RUB", "chf": "CHF", "₩": "KRW"}
_CURRENCY_SUFFIX = {"€": "EUR", "$": "USD", "euro": "EUR", "euros": "EUR", "dollars": "USD", "dollar": "USD",
                    "us dollars": "USD", "dolar as": "USD", "dolar amerika serikat": "USD", "dolar": "USD",
                    "rupiah": "IDR", "ringgit": "MYR", "yuan": "CNY", "renminbi": "CNY", "yen": "JPY",
                    "pounds": "GBP", "pound": "GBP", "pounds sterling": "GBP", "us-dollar": "USD",
                    "dólares": "USD", "dólar": "USD", "reais": "BRL", "rublos": "RUB", "rubles": "RUB",
                    "roubles": "RUB", "rubel": "RUB", "рублей": "RUB", "рубля": "RUB", "рубль": "RUB",
                    "руб.": "RUB", "долларов": "USD", "доллара": "USD", "евро": "EUR", "元": "CNY",
                    "美元": "USD", "円": "JPY", "ドル": "USD", "ユーロ": "EUR", "欧元": "EUR", "dollari": "USD",
                    "francs": "CHF", "franken": "CHF", "hryvnia": "UAH", "гривен": "UAH"}
# What may stand between a scale or vague word and the noun it counts ("hundreds of", "des millions de").
_CONNECTORS = frozenset({"of", "de", "d'", "d’", "di", "van", "dari"})
_PEOPLE = frozenset({"orang", "jiwa", "people", "persons", "personnes", "gens", "menschen", "personen",
                     "leute", "personas", "pessoas", "persone", "mensen", "человек", "людей", "人", "名"})
# Words that follow numbers but are not what they count (articles, prepositions, auxiliaries...).
_FUNCTION_WORDS: dict[str, frozenset[str]] = {k: frozenset(v.split()) for k, v in {
    "id": "yang dan di ke dari pada untuk dengan itu ini telah sudah akan juga adalah atau tersebut lalu "
          "lebih kurang hingga sampai sejak dalam oleh bagi per setiap tiap para saat ketika namun tetapi "
          "karena sebagai seperti menjadi masih belum tidak bukan pun lagi saja hanya sekitar antara "
          "sebanyak mencapai atas bawah serta kepada tentang terhadap",
    "ms": "yang dan di ke dari pada untuk dengan itu ini telah sudah akan juga adalah atau tersebut lalu "
          "lebih kurang hingga sehingga sejak dalam oleh bagi setiap para ketika namun tetapi kerana "
          "sebagai seperti menjadi masih belum tidak bukan pun lagi sahaja hanya sekitar antara kepada",
    "en": "the a an and or of in on at to for from by with as is are was were be been has have had will "
          "would could should may might can that this these those which who whom it its their they he she "
          "we you i but than per more less each after before since during over under about into out up "
          "down not no said says say while when where if so then also including such",
    "fr": "le la les l un une des du de d et ou à au aux en dans sur par pour avec sans que qui ont sont "
          "est était a ce cette ces se sa son ses leur leurs il elle ils elles plus moins selon depuis "
          "pendant contre entre ne pas",
    "de": "der die das den dem des ein eine einen einem und oder in im an am auf aus bei mit nach von vom "
          "zu zum zur für über unter um ist sind war waren hat haben wurde wurden wird werden sich nicht "
          "als wie seit bis pro je mehr weniger",
    "es": "el la los las un una unos unas y o de del en a al por para con sin que se su sus es son fue "
          "fueron ha han más menos desde hasta según entre",
    "pt": "o a os as um uma e ou de do da dos das em no na nos nas por para com sem que se seu sua é são "
          "foi foram tem têm mais menos desde até segundo entre",
    "it": "il lo la i gli le un una e o di del della dei degli delle in nel nella a al alla da dal per "
          "con su che si è sono ha hanno più meno tra fra",
    "nl": "de het een en of van in op aan te voor met door bij uit om naar dat die is zijn was waren "
          "heeft hebben werd worden niet meer minder per sinds tot",
    "ru": "и в во на с со по к у о об из за от до для что как не это был была были было более менее чем",
}.items()}
# Indonesian/Malay adjectives follow their noun ("peralatan berat"): kept as part of the unit.
_POSTNOMINAL: dict[str, frozenset[str]] = {
    "id": frozenset("berat ringan besar kecil baru lama militer sipil asing lokal tambahan aktif bersenjata "
                    "muda tua swasta negeri tempur perang darurat medis resmi ilegal".split()),
    "ms": frozenset("berat ringan besar kecil baru lama tentera awam asing tempatan tambahan aktif "
                    "bersenjata muda tua swasta".split()),
}
# English modifiers that precede the counted noun ("40 additional fire engines", "39.6 million cubic
# metres"): the unit then runs to the next word.
_PRENOMINAL: dict[str, frozenset[str]] = {
    "en": frozenset("additional extra new more other further armed military civilian foreign local young "
                    "small large heavy light cubic square metric elderly injured displaced".split()),
}
_CJK_COUNTERS = frozenset("人名件台辆輛架艘枚个個座所家起次例头頭匹只隻棟戸軒本")
_TIME_SUFFIX = re.compile(r"[ \t\u00a0]{0,2}(?:wib|wita|wit|gmt|utc|cet|cest|a\.m\.|p\.m\.|am|pm|uhr|h)\b",
                          re.IGNORECASE)
# "pukul 10" is always a clock time; "at 10.30" only when written as hours.minutes ("at 2,000 feet" stays).
# Between the word and the number: spaces, or one line break with spaces around it, as where text is
# wrapped mid-sentence ("at\n10.30"). A blank line ends the paragraph, so its last word does not govern
# the number that opens the next one. `\Z` (not `$`) ends the gap exactly where the number starts.
_PREFIX_GAP = r"(?:[ \t\u00a0]{1,2}|[ \t\u00a0]{0,2}(?:\r\n?|\n)[ \t\u00a0]{0,2})\Z"
_TIME_PREFIX = re.compile(r"\b(?:pukul|pkl\.?)" + _PREFIX_GAP, re.IGNORECASE)
_TIME_PREFIX_WEAK = re.compile(r"\b(?:at|à|às|las|um|alle|om|jam|в)" + _PREFIX_GAP, re.IGNORECASE)
# The minutes of a French "10 h 30" (the hour went with its "h", as a clock time).
_HOURS_BEFORE_MINUTES = re.compile(r"\d[ \t\u00a0]{0,2}h[ \t\u00a0]{1,2}\Z", re.IGNORECASE)
_TIME_PREFIX_REACH = len("pukul") + 6  # longest prefix word and gap: where the searches start
_HOURS_MINUTES = re.compile(r"(?:[01]?\d|2[0-3])[.:h][0-5]\d")
_WORD = re.compile(r"[^\W\d_][\w'’-]{0,40}")
_SPACES = re.compile(r"[ \t\u00a0]{1,2}")
# What `[ \t\u00a0]` matches, as one-character strings (not one string: "" is in every string).
_SPACE_CHARS = frozenset(" \t\u00a0")
_SPACE_CHARS_OR_BREAK = _SPACE_CHARS | {"\n", "\r"}




@dataclass(frozen=True)
class _Lang:
    code: str  # whose word lists these are
    # The thousands mark, as `_parse_number` takes it: "." where the decimal mark is a comma.
    grouping: str
    pattern: re.Pattern[str]
    # `pattern` from the number on: what `pattern` matches at a digit, where no comparator, vague word or
    # currency code can start (one alternation would try each of them there first).
    number_pattern: re.Pattern[str]
    trigger: re.Pattern[str]  # where a candidate starts; the start lists below reproduce its matches
    trigger_words: re.Pattern[str]  # the words of `trigger` alone (CJK: no shared scan)
    comparators: dict[str, str]
    approx: dict[str, tuple[int, int]]
    single: dict[str, int]
    scales: dict[str, int]
    function_words: frozenset[str]
    shared_scan: bool  # word triggers found by the scan shared with the other finders (not CJK)
    # What `pattern` can start with at a letter: comparators, vague words, currency codes (lower case).
    starter_phrases: frozenset[str]
    starters_of: dict[str, tuple[str, ...]]  # longest shared-scan word -> first words of phrases in it


def _first_char_of(words: Iterable[str]) -> str:
    """A look-ahead for the first characters of `words`, to put before their trie.

    Most numbers have none of the words after them. Under IGNORECASE `re` then tries each first
    character of the trie in turn, but checks a class with one look-up; a class matches, case-blind,
    the characters its members match as literals (tests/nlp/test_amounts.py checks it).
    """
    return "(?=[" + "".join(sorted({re.escape(w[0]) for w in words})) + "])"


def _build(code: str, numbers: str | None = None) -> _Lang:
    """The tables of `code`; numbers written with the separators of `numbers` (default: `code`'s own)."""
    numbers = numbers or code
    comparators = _COMPARATORS.get(code, _COMPARATORS["en"])
    approx = _APPROX.get(code, {})
    single = _APPROX_SINGLE.get(code, {})
    scales = _SCALES.get(code, _SCALES["en"])
    cjk = code in ("zh", "ja")
    b = "" if cjk else r"(?!\w)"
    sp = r"[ \t\u00a0]"
    if numbers in _THOUSANDS_SPACE:
        group = r"[.,'\u00a0\u202f\u2009 ]"
    else:
        group = r"[.,'\u00a0\u202f\u2009]"
    number = rf"\d{{1,3}}(?:{group}\d{{3}}){{1,5}}(?:[.,]\d{{1,6}})?(?!\d)|\d{{1,15}}(?:[.,]\d{{1,6}})?(?![\d])"
    cur_prefix = trie_pattern(_CURRENCY_PREFIX)
    cur_suffix = trie_pattern(_CURRENCY_SUFFIX)
    scale = trie_pattern(scales)
    connectors = ["of", "de", "di", "d'", "d’"]
    connector = rf"(?:{trie_pattern(connectors)}{sp}{{0,2}})?"
    parts = [
        rf"(?:(?P<cmp>{trie_pattern(comparators)}){sp}{{1,2}}|(?P<cmpcjk>{trie_pattern(comparators)}))?" if cjk
        else rf"(?:(?P<cmp>{trie_pattern(comparators)}){sp}{{1,2}})?",
        "(?:",
        rf"(?P<single>{trie_pattern(single)}){b}|" if single else "",
        rf"(?P<approx>{trie_pattern(approx)}){b}(?:{sp}{{1,2}}{connector}(?P<ascale>{scale}){b})?|" if approx else "",
        rf"(?:(?P<cur1>{cur_prefix}){sp}{{0,2}})?",
    ]
    number_parts = [
        rf"(?P<n1>{number})",
        rf"(?:{sp}{{0,2}}[-–]{sp}{{0,2}}(?P<n2>{number}))?",
        rf"(?:{sp}{{0,2}}{_first_char_of(scales)}(?P<scale>{scale}){b})?",
        rf"(?:{sp}{{0,2}}{_first_char_of(_PERCENT)}(?P<pct>{trie_pattern(_PERCENT)}){b})?",
        rf"(?:{sp}{{0,2}}{_first_char_of([*connectors, *_CURRENCY_SUFFIX])}{connector}(?P<cur2>{cur_suffix}){b})?",
    ]
    pattern = re.compile("".join(parts + number_parts + [")"]), re.IGNORECASE)
    number_pattern = re.compile("".join(number_parts), re.IGNORECASE)
    starters = set(approx) | set(single) | {c for c in _CURRENCY_PREFIX if c[0].isalpha()}
    phrases = {p.lower() for p in starters | set(comparators)}
    starters |= {c.split()[0] for c in comparators}
    symbol_starters = "".join(re.escape(c[0]) for c in _CURRENCY_PREFIX if not c[0].isalpha())
    wb = "" if cjk else r"\b"
    # Whole first words only (not "a" at the start of "area"); a currency code may touch its digits.
    word_end = "" if cjk else r"(?![^\W\d_])"
    first_words = {s.split()[0].lower() for s in starters}
    if any(w[:1].isdecimal() for w in first_words):  # `find_amounts` and `_cjk_trigger_spans` rely on it
        raise ValueError(f"a {code} amount word starts with a digit")
    trigger = re.compile(rf"\d+|[{symbol_starters}]|{wb}{trie_pattern(first_words)}{word_end}")
    trigger_words = re.compile(trie_pattern(first_words))
    if not cjk and numbers == code:  # a variant with other separators has its words registered already
        # Whole phrases, not first words: "a", "di", "no" alone start no amount, and a scan hit at
        # each of them would cost every finder sharing the scan.
        register_words(code, phrases)
        if code == "en":  # the fallback of languages without their own lists
            register_words(FALLBACK_KEY, phrases)
    grouping = "." if numbers in _THOUSANDS_DOT or numbers in _THOUSANDS_SPACE else ","
    return _Lang(code, grouping, pattern, number_pattern, trigger, trigger_words, comparators, approx, single,
                 scales, _FUNCTION_WORDS.get(code, _FUNCTION_WORDS["en"]), not cjk, frozenset(phrases), {})


_SYMBOLS = "".join(sorted({c[0] for c in _CURRENCY_PREFIX if not c[0].isalpha()}))
_SYMBOL = re.compile(f"[{re.escape(_SYMBOLS)}]")


def _starters_of(lang: _Lang, word: str) -> tuple[str, ...]:
    """First words of the starter phrases that the shared scan's (longest) word begins with, longest
    phrase first; memoised."""
    try:
        return lang.starters_of[word]
    except KeyError:
        prefixes = (word[:k] for k in range(len(word), 0, -1))
        found = tuple(p.split()[0] for p in prefixes if p in lang.starter_phrases)
        lang.starters_of[word] = found
        return found


def _trigger_spans(low: str, lang: _Lang, key: str) -> list[int]:
    """Where `lang.trigger` would match in `low` and `lang.pattern` can: digit runs, currency signs,
    and the first words of starter phrases (where the whole phrase follows).

    Read from the scan shared with the date and media finders instead of running `lang.trigger`, whose
    three-way alternation makes `re` start its matcher at every position (~140 µs per 3 KB). A first
    word without the rest of its phrase ("a" without "dozen") is left out: the pattern cannot match
    there, and no digit or sign lies inside a first word, so leaving it out changes no result.
    """
    spans = list(number_hits(low))
    if any(c in low for c in _SYMBOLS):
        spans += [(m.start(), m.start() + 1) for m in _SYMBOL.finditer(low)]
    for start, word in word_hits(low, key):
        for starter in _starters_of(lang, word):
            end = start + len(starter)
            nxt = low[end:end + 1]
            if not (nxt.isalnum() and not nxt.isdecimal()):  # (?![^\W\d_]): not followed by a letter
                spans.append((start, end))
                break
    return first_of_overlapping(spans)


def _cjk_trigger_spans(low: str, lang: _Lang) -> list[int]:
    """Where `lang.trigger` matches in `low` for Chinese and Japanese (no shared scan, no `\\b`): digit
    runs, currency signs and the first words.

    The words are found by a pattern of their own: `re` skips to their first characters in C, where the
    alternation with `\\d+` makes it start its matcher at every position. No first word starts with a
    digit (checked in `_build`) or a sign, so where the trigger matches a digit run or a sign, so do these.
    """
    spans = list(number_hits(low))
    if any(c in low for c in _SYMBOLS):
        spans += [(m.start(), m.start() + 1) for m in _SYMBOL.finditer(low)]
    spans += [m.span() for m in lang.trigger_words.finditer(low)]
    return first_of_overlapping(spans)


_LANGS: dict[str, _Lang] = {c: _build(c) for c in ("en", "id", "ms", "fr", "de", "es", "pt", "it", "nl", "ru",
                                                     "zh", "ja")}
# For languages without lists of their own: the English lists, with the separators of each style (pattern
# and parsing differ only in these, so one variant serves every language of a style).
_FALLBACK_DOT = _build("en", numbers="de")
_FALLBACK_SPACE = _build("en", numbers="fr")


def _fallback(code: str) -> _Lang:
    if code in _THOUSANDS_SPACE:
        return _FALLBACK_SPACE
    return _FALLBACK_DOT if code in _THOUSANDS_DOT else _LANGS["en"]


@lru_cache(maxsize=4096)  # news repeats its numbers ("2", "10", "2024"); parsing one costs ~1 µs
def _parse_number(raw: str, grouping: str) -> Number | None:
    """Digits with locale separators -> number; None when the form is not a number in any reading.

    `grouping` ("." or ",") is what a lone separator before three digits is read as: thousands.
    """
    s = raw.replace("\u00a0", " ").replace("\u202f", " ").replace("\u2009", " ").replace("'", "")
    s = s.replace(" ", "")
    dots, commas = s.count("."), s.count(",")
    if dots and commas:
        dec = "." if s.rfind(".") > s.rfind(",") else ","
        grp = "," if dec == "." else "."
        s = s.replace(grp, "").replace(dec, ".")
    elif dots or commas:
        sep = "." if dots else ","
        groups = s.split(sep)
        thousands_like = all(len(g) == 3 for g in groups[1:])
        if len(groups) > 2:
            if not thousands_like:
                return None
            s = s.replace(sep, "")
        elif thousands_like and sep == grouping:
            s = s.replace(sep, "")
        else:
            s = s.replace(sep, ".")
    try:
        value = float(s)
    except ValueError:
        return None
    return int(value) if value.is_integer() and "." not in s else value


def _tidy(value: Number) -> Number:
    if type(value) is int:  # most amounts: whole numbers times whole scales, nothing to round
        return value
    r = round(value, 6)
    return int(r) if float(r).is_integer() else r


@dataclass
class _Amount:
    start: int
    end: int
    value: Number | None
    comparator: str | None
    vmin: Number | None
    vmax: Number | None
    unit: str | None
    has_marker: bool  # currency, scale, percent, comparator or vague word: not a bare number


def _unit_after(text: str, pos: int, lang: _Lang, allow_connector: bool) -> tuple[int, str | None]:
    """Unit noun right after an amount: (end of span, unit) or (pos, None)."""
    if lang.code in ("zh", "ja"):
        if pos < len(text) and text[pos] in _CJK_COUNTERS:
            ch = text[pos]
            return pos + 1, "people" if ch in _PEOPLE else ch
        return pos, None
    sp = _SPACES.match(text, pos)
    if sp is None:
        return pos, None
    p = sp.end()
    w = _WORD.match(text, p)
    if w is None:
        return pos, None
    word = w.group(0)
    low = word.lower()
    if allow_connector and (low in _CONNECTORS or low[:2] in ("d'", "d’")):
        if low in _CONNECTORS:
            sp2 = _SPACES.match(text, w.end())
            if sp2 is None:
                return pos, None
            w = _WORD.match(text, sp2.end())
        else:  # "d'euros", "d’habitants"
            w = _WORD.match(text, p + 2)
        if w is None:
            return pos, None
        word = w.group(0)
        low = word.lower()
    if low in lang.function_words or low in _CONNECTORS:
        return pos, None
    if word[0].isupper() and lang.code != "de":
        return pos, None  # a name ("5 Juli", "3 Putin") rather than what is counted
    end = w.end()
    if low in _PEOPLE:
        return end, "people"
    unit = word
    if low in _PRENOMINAL.get(lang.code, ()):
        sp4 = _SPACES.match(text, end)
        w4 = _WORD.match(text, sp4.end()) if sp4 is not None else None
        if w4 is not None and w4.group(0).lower() not in lang.function_words and w4.group(0)[0].islower():
            end = w4.end()
            unit = text[w.start():end]
            if w4.group(0).lower() in _PEOPLE:
                unit = "people"
        return end, unit
    extra = _POSTNOMINAL.get(lang.code)
    if extra:
        sp3 = _SPACES.match(text, end)
        if sp3 is not None:
            w2 = _WORD.match(text, sp3.end())
            if w2 is not None and w2.group(0).lower() in extra:
                end = w2.end()
                unit = text[w.start():end]
    return end, unit


def _interpret(m: re.Match[str], text: str, lang: _Lang) -> _Amount | None:
    if m.lastgroup == "n1" and m.start() == m.start("n1"):
        # A bare number, most of what news text has: no group before or after "n1" took part, which
        # is the general path below with every marker absent.
        n1 = _parse_number(m.group("n1"), lang.grouping)
        if n1 is None:
            return None
        return _unitless_number(m.start(), m.end(), _tidy(n1), text, lang)
    g = m.groupdict()
    cmp_word = g.get("cmp") or g.get("cmpcjk")
    comparator = lang.comparators.get(cmp_word.lower()) if cmp_word else None
    start, end = m.span()
    if g.get("single"):
        value = lang.single[g["single"].lower()]
        uend, unit = _unit_after(text, end, lang, allow_connector=True)
        return _Amount(start, uend, value, comparator or "~", None, None, unit, True)
    if g.get("approx"):
        lo, hi = lang.approx[g["approx"].lower()]
        if g.get("ascale"):
            mult = lang.scales[g["ascale"].lower()]
            lo, hi = lo * mult, (hi + 1) * mult - 1
        uend, unit = _unit_after(text, end, lang, allow_connector=True)
        return _Amount(start, uend, None, comparator, lo, hi, unit, True)
    n1 = _parse_number(g["n1"], lang.grouping)
    if n1 is None:
        return None
    n2 = _parse_number(g["n2"], lang.grouping) if g.get("n2") else None
    if g.get("n2") and (n2 is None or n2 <= n1):
        # "2-1" is a score and "2024-08" a date fragment, not a range: keep only the first number.
        return None
    mult = lang.scales[g["scale"].lower()] if g.get("scale") else 1
    currency = None
    if g.get("cur1"):
        currency = _CURRENCY_PREFIX[g["cur1"].lower()]
    if g.get("cur2"):
        currency = currency or _CURRENCY_SUFFIX[g["cur2"].lower()]
    unit: str | None = currency
    if g.get("pct"):
        unit = "percent"
    has_marker = bool(currency or g.get("scale") or g.get("pct") or comparator)
    if unit is None:
        end, unit = _unit_after(text, end, lang, allow_connector=bool(g.get("scale")))
    if lang.code in ("zh", "ja"):
        # "2000人以上", "3亿多": the comparator is written after the number (and counter).
        for word, sym in _SUFFIX_COMPARATORS.items():
            if text.startswith(word, end):
                comparator = comparator or sym
                end += len(word)
                has_marker = True
                break
    if n2 is not None:
        return _Amount(start, end, None, comparator, _tidy(n1 * mult), _tidy(n2 * mult), unit, has_marker)
    return _Amount(start, end, _tidy(n1 * mult), comparator, None, None, unit, has_marker)


def _unitless_number(start: int, end: int, value: Number, text: str, lang: _Lang) -> _Amount:
    """A bare number (the general path of `_interpret` with every marker absent): the noun after it is
    its unit, and in Chinese and Japanese a comparator may follow ("2000人以上")."""
    end, unit = _unit_after(text, end, lang, allow_connector=False)
    comparator = None
    has_marker = False
    if lang.code in ("zh", "ja"):
        # "2000人以上", "3亿多": the comparator is written after the number (and counter).
        for word, sym in _SUFFIX_COMPARATORS.items():
            if text.startswith(word, end):
                comparator = sym
                end += len(word)
                has_marker = True
                break
    return _Amount(start, end, value, comparator, None, None, unit, has_marker)


def _number_context_ok(text: str, m: re.Match[str]) -> bool:
    """Reject digits that belong to something else: model names, times, fractions, ordinals, codes.

    Depends on the match alone, so it runs before the match is interpreted (a quarter of the numbers
    in news text stop here); bare years are rejected after, by `_bare_year`, which needs the unit.
    `m` is a match of `pattern` or of `number_pattern`, which has no group "cur1".
    """
    n_start, n_end = m.span("n1")
    raw = m.group("n1")
    if raw[0] == "0" and raw[1:2].isdecimal():
        return False  # "0812", "030", "05": phone, area and house codes; amounts do not start with 0
    if n_start > 0:
        before = text[n_start - 1]
        # A letter glued to the number: part of a name ("F16") unless a currency code ("Rp5"). A
        # comparator is followed by a space, or (Chinese, Japanese) is no letter of a spaced script, so
        # after such a letter the match starts before the number only where a currency code took part.
        if before.isalpha() and lang_is_spaced(before) and m.start() == n_start:
            return False
        if before in "/:" or (before == "-" and n_start > 1 and text[n_start - 2].isalnum()):
            return False
        if before in ".," and n_start > 1 and text[n_start - 2].isdigit():
            return False
    num_end = m.end("n2") if m.group("n2") else n_end
    after = text[num_end:num_end + 2]
    if after[:1] in ("/", ":", "-") and after[1:2].isdigit():
        return False  # "3/4", "10:30", and "202-555-0143", whose first two groups look like a range
    if not (m.group("scale") or m.group("pct") or m.group("cur2")):
        nxt = text[num_end:num_end + 1]
        if nxt.isalpha() and lang_is_spaced(nxt):
            return False  # "8th", "1er", "19-year-old" stays, "3D" goes
        # The time patterns are tried only where they can match (about a third of numbers cannot): a
        # suffix after a glued letter returned above, so a space must follow; a prefix is followed by a
        # space or a line break.
        if nxt in _SPACE_CHARS and _TIME_SUFFIX.match(text, num_end):
            return False
        if n_start > 0 and text[n_start - 1] in _SPACE_CHARS_OR_BREAK:
            window = max(0, n_start - _TIME_PREFIX_REACH)
            if _TIME_PREFIX.search(text, window, n_start):
                return False
            if _HOURS_MINUTES.fullmatch(raw) and _TIME_PREFIX_WEAK.search(text, window, n_start):
                return False
            if len(raw) == 2 and raw[0] in "012345" and _HOURS_BEFORE_MINUTES.search(text, window, n_start):
                return False
    return True


def _bare_year(m: re.Match[str], amount: _Amount) -> bool:
    """A year (1800-2100) written alone: no currency, scale, percent, comparator or counted noun."""
    if amount.has_marker or amount.unit is not None:
        return False
    raw = m.group("n1")
    return raw.isdigit() and len(raw) == 4 and 1800 <= int(raw) <= 2100


def lang_is_spaced(ch: str) -> bool:
    """True for letters of scripts that separate words with spaces (so a glued letter is a new word)."""
    return not ("\u3040" <= ch <= "\u30ff" or "\u3400" <= ch <= "\u9fff" or "\uac00" <= ch <= "\ud7af")


def find_amounts(text: str, language: str, exclude: list[tuple[int, int]] | None = None) -> list[dict]:
    """Amounts in `text`, in order of appearance.

    Each record: {"text", "start", "end", "value", "comparator", "value_min", "value_max", "unit"}.
    `value` is the number meant (None for ranges and vague words, which fill value_min/value_max);
    `comparator` is ">", ">=", "<", "<=", "~" or None; `unit` is "people" for persons, an ISO 4217 code
    for money, "percent", or the counted noun as written. `exclude` lists spans (e.g. dates) whose
    digits are not amounts; when None, date mentions are found and excluded here.
    """
    if not text:
        return []
    code = base_language(language)
    lang = _LANGS.get(code) or _fallback(code)
    if exclude is None:
        from workers.nlp.dates import find_dates  # local: dates is only needed when called stand-alone

        exclude = [(d["start"], d["end"]) for d in find_dates(text, language)]
    blocked = sorted(exclude)
    low, _ = lowered(text)
    if lang.shared_scan:
        starts = _trigger_spans(low, lang, code if code in _LANGS else FALLBACK_KEY)
    else:
        starts = _cjk_trigger_spans(low, lang)
    out: list[dict] = []
    pos = 0
    bi = 0
    match = lang.pattern.match
    number_match = lang.number_pattern.match
    for start in starts:
        if start < pos:
            continue
        while bi < len(blocked) and blocked[bi][1] <= start:
            bi += 1
        if bi < len(blocked) and blocked[bi][0] <= start:
            pos = blocked[bi][1]
            continue
        # `str.isdecimal` is exactly what `\d` matches (Unicode category Nd).
        m = (number_match if text[start].isdecimal() else match)(text, start)
        if m is None or m.end() == start:
            continue
        number = m.group("n1") is not None
        if number and not _number_context_ok(text, m):
            pos = m.end()
            continue
        amount = _interpret(m, text, lang)
        if amount is None or (number and _bare_year(m, amount)):
            pos = m.end()
            continue
        if bi < len(blocked) and blocked[bi][0] < amount.end:
            continue  # runs into a date ("sekitar 8 Agustus")
        out.append({"text": text[amount.start:amount.end], "start": amount.start, "end": amount.end,
                    "value": amount.value, "comparator": amount.comparator, "value_min": amount.vmin,
                    "value_max": amount.vmax, "unit": amount.unit})
        pos = amount.end
    return out
