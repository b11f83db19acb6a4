"""Cited news outlets: which media an article says it draws on, and how.

Owns `find_media`. Three kinds of evidence, all found with precompiled, linear-time patterns:

* a citation cue before a name ("dilansir Russia Today", "according to Reuters", "selon l'AFP",
  "laut Spiegel", "по данным ТАСС") -> relation "reported_via";
* a known outlet followed by a reporting verb ("Reuters reported", "Bloomberg melaporkan",
  "wie dpa berichtete") -> "reported_via";
* a source label or dateline ("SUMBER: CNBC.NEWS", "Source: AP", "JAKARTA, KOMPAS.com -",
  "KYIV (Reuters) -") -> "article_source".

Cue words are located by the word-start scan shared with the date and amount finders (`_trie`), source
labels from the colons in the text. Known outlets and their canonical names live in
`data/media_outlets.json`. After a media-specific cue
(dilansir, melansir, reported by, source labels) an unknown capitalised name is accepted as an outlet;
after a generic attribution cue (menurut, according to, selon, laut, ...), which mostly introduces people,
an unknown name is accepted only when it looks like an outlet (".com", "News", "Zeitung", a preceding
"the newspaper", ...).
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from workers.nlp._trie import FALLBACK_KEY, is_word_char, lowered, register_words, trie_pattern, word_hits
from workers.nlp.langtag import base_language

__all__ = ["find_media", "canonical_outlet"]

_DATA_FILE = Path(__file__).resolve().parent / "data" / "media_outlets.json"


def _is_cjk(ch: str) -> bool:
    return "\u3040" <= ch <= "\u30ff" or "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


def _load_aliases() -> dict[str, tuple[str, str]]:
    data = json.loads(_DATA_FILE.read_text(encoding="utf-8"))
    aliases: dict[str, tuple[str, str]] = {}
    for outlet in data["outlets"]:
        for alias in outlet["aliases"]:
            aliases.setdefault(alias.lower(), (outlet["canonical"], alias))
    return aliases


_ALIASES = _load_aliases()
_LATIN_ALIASES = [a for a in _ALIASES if not _is_cjk(a[0])]
_CJK_ALIASES = [a for a in _ALIASES if _is_cjk(a[0])]
# Run over the lower-cased text (same offsets); a web-address suffix ("kompas.com", "CNBC.NEWS") stays
# part of the name.
_DOMAIN = r"(?P<dom>(?:\.[a-z]{2,10}){1,3})?"
_ALIAS_AT = re.compile(rf"{trie_pattern(_LATIN_ALIASES)}{_DOMAIN}(?!\w)|{trie_pattern(_CJK_ALIASES)}")

# Cues that introduce a medium specifically: any capitalised name after them is taken as an outlet.
_MEDIA_CUES: dict[str, list[str]] = {
    "id": ["dilansir", "dilansir dari", "melansir", "melansir dari", "dikutip dari", "seperti dikutip dari",
           "mengutip dari", "diberitakan", "dilaporkan oleh", "seperti dilaporkan", "sebagaimana dilaporkan"],
    "ms": ["dilaporkan oleh", "dipetik dari", "memetik", "melaporkan oleh", "menurut laporan"],
    "en": ["reported by", "first reported by", "quoted by", "as reported in", "published by", "reports from"],
    "fr": ["rapporté par", "rapportés par", "cité par", "citée par", "relayé par", "relayée par", "publié par"],
    "de": ["berichtet von", "zitiert von", "zitiert nach", "veröffentlicht von"],
    "es": ["citado por", "citada por", "reportado por", "publicado por", "informó el diario", "informó la agencia"],
    "pt": ["citado por", "citada por", "publicado por", "noticiado por", "divulgado por"],
    "it": ["riportato da", "riportata da", "citato da", "citata da", "pubblicato da", "riferisce l'agenzia"],
    "nl": ["gemeld door", "geciteerd door", "gepubliceerd door"],
    "ru": ["сообщает", "как сообщает", "передает", "передаёт", "пишет", "как пишет", "сообщило агентство",
           "сообщил телеканал"],
}
# Attribution cues that mostly introduce people; an outlet after them must be known or look like one.
_GENERIC_CUES: dict[str, list[str]] = {
    "id": ["menurut", "mengutip", "kepada", "dikutip", "seperti dikutip", "dalam wawancara dengan"],
    "ms": ["menurut", "kepada", "memberitahu"],
    "en": ["according to", "told", "citing", "quoting", "in an interview with", "speaking to", "via",
           "said to"],
    "fr": ["selon", "d'après", "d’après", "a indiqué à", "a déclaré à", "a affirmé à", "a dit à",
           "interrogé par", "interrogée par", "citant", "auprès de", "a confié à"],
    "de": ["laut", "nach angaben", "unter berufung auf", "sagte der", "sagte dem", "sagte die", "gegenüber",
           "berichtet"],
    "es": ["según", "de acuerdo con", "dijo a", "declaró a", "citando", "en declaraciones a"],
    "pt": ["segundo", "de acordo com", "disse à", "disse ao", "citando", "conforme", "em entrevista à",
           "em entrevista ao"],
    "it": ["secondo", "ha detto a", "ha dichiarato a", "citando", "stando a", "in un'intervista a"],
    "nl": ["volgens", "aldus", "zei tegen", "zegt tegen", "tegen"],
    "ru": ["по данным", "по информации", "со ссылкой на", "сообщили", "заявил", "заявила", "рассказал",
           "рассказала"],
    "zh": ["据", "援引", "引述"],
    "ja": [],
}
# Reporting verbs after a known outlet.
_POST_CUES: dict[str, list[str]] = {
    "id": ["melaporkan", "memberitakan", "mewartakan", "menyebutkan", "melansir", "menulis"],
    "ms": ["melaporkan", "memetik", "menulis"],
    "en": ["reported", "reports", "reporting", "said in a report", "wrote", "quoted", "cited"],
    "fr": ["rapporte", "a rapporté", "indique", "a indiqué", "écrit", "a écrit", "annonce", "a annoncé"],
    "de": ["berichtete", "berichtet", "meldete", "meldet", "schreibt", "schrieb", "zufolge"],
    "es": ["informó", "informa", "reportó", "publicó", "publica", "escribió"],
    "pt": ["noticiou", "informou", "divulgou", "publicou", "escreveu", "noticia"],
    "it": ["riferisce", "riporta", "ha riferito", "ha riportato", "scrive", "ha scritto"],
    "nl": ["meldt", "meldde", "bericht", "berichtte", "schrijft", "schreef"],
    "ru": ["сообщает", "сообщило", "сообщил", "пишет", "передает", "передаёт", "сообщают"],
    "zh": ["报道", "报导", "報導", "消息"],
    "ja": ["によると", "によれば", "が報じた", "は報じた", "が伝えた"],
}
# Source labels at the start of a line ("SUMBER : CNBC.NEWS").
_LABELS = ["sumber", "source", "sources", "fuente", "fuentes", "fonte", "fontes", "quelle", "quellen",
           "bron", "bronnen", "источник", "来源", "來源", "出典", "sumber berita", "source de l'article"]
# Words between a cue and the name; the second set also shows that what follows is a medium.
_ARTICLES = ["the", "a", "an", "le", "la", "les", "l'", "l’", "el", "los", "o", "os", "il", "lo", "de",
             "het", "der", "die", "das", "dem", "den", "des", "dari", "pihak"]
_MEDIA_FILLERS = [
    "report by", "report from", "report in", "reports by", "news agency", "agency", "newspaper", "daily",
    "broadcaster", "outlet", "magazine", "website", "channel", "tabloid", "wire service",
    "laporan", "laporan dari", "kantor berita", "media", "harian", "surat kabar", "koran", "majalah",
    "situs", "laman", "portal berita", "stasiun televisi", "televisi", "agensi berita", "akhbar", "portal",
    "agence", "journal", "quotidien", "hebdomadaire", "chaîne", "radio", "site",
    "nachrichtenagentur", "agentur", "zeitung", "zeitschrift", "sender", "magazin", "portal",
    "agencia", "diario", "periódico", "cadena", "revista", "televisión",
    "agência", "jornal", "emissora", "revista",
    "agenzia", "quotidiano", "giornale", "emittente", "testata",
    "persbureau", "krant", "omroep", "zender",
    "агентство", "агентства", "агентству", "газета", "газеты", "газете", "издание", "издания", "телеканал",
    "телеканала", "портал", "портала",
    "the news agency", "the newspaper", "the broadcaster",
]
_MEDIA_NAME_WORDS = frozenset(w.lower() for w in (
    "News", "Times", "Post", "Journal", "Daily", "Herald", "Tribune", "Tribun", "Gazette", "Telegraph",
    "Express", "Mail", "Radio", "TV", "Televisi", "Television", "Channel", "Press", "Presse", "Agency",
    "Zeitung", "Nieuws", "Diario", "Jornal", "Giornale", "Gazeta", "Courier", "Chronicle", "Observer",
    "Standard", "Magazine", "Media", "Pos", "Harian", "Koran", "Berita", "Kantor", "Online", "Report",
    "Monitor", "Week", "Weekly", "Insider", "Wire", "Agentur", "Agencia", "Agência", "Agenzia", "Le",
    "Dagblad", "Krant", "Kurier", "Rundschau", "Allgemeine", "Nachrichten", "Noticias", "Notícias",
    "Notizie", "Газета", "Новости", "Известия", "Ведомости",
))
_DOMAIN_TAIL = re.compile(r"\.(?:[A-Za-z]{2,10})$")

# A run of up to six words; which of them belong to the name is decided in Python (capitals), so the
# pattern itself stays a simple bounded loop.
_WORDS_AT = re.compile(r"[^\W_][\w&'’./-]{0,40}(?:[ \u00a0][^\W_][\w&'’./-]{0,40}){0,5}")
_NAME_CONNECTORS = frozenset({"of", "de", "del", "della", "di", "da", "do", "van", "der", "für", "&", "and"})
_SPACE = re.compile(r"[ \t\u00a0]{0,3}")
_DASH_AFTER = re.compile(r"[ \t\u00a0]{0,2}[-–—]")
_OPEN_PAREN = re.compile(r"\(\s{0,2}")
# Start of an article up to where a dateline outlet would stand ("JAKARTA, " / "Kyiv — ").
_DATELINE = re.compile(r"\s{0,3}[^\W\d_][^\n,(]{0,40},[ \t]{1,2}")
_LOOKBACK = 40




@dataclass(frozen=True)
class _Cues:
    pre: re.Pattern[str]
    pre_kind: dict[str, bool]  # cue (lower) -> True when media-specific
    post_scan: re.Pattern[str]
    filler: re.Pattern[str]
    key: str | None  # key of the shared scan that finds the cue words (None: scan with the patterns)
    post: frozenset[str]
    cues_of: dict[str, tuple[tuple[str, ...], tuple[str, ...]]]  # scan word -> (pre, post) cues in it


def _build(lang: str | None) -> _Cues:
    langs = [lang] if lang else list(_GENERIC_CUES)
    media = {c for l in langs for c in _MEDIA_CUES.get(l, [])}
    generic = {c for l in langs for c in _GENERIC_CUES.get(l, [])} - media
    post = {c for l in langs for c in _POST_CUES.get(l, [])}
    cjk = lang in ("zh", "ja")
    b = "" if cjk else r"\b"
    pre_kind = {c: True for c in media} | {c: False for c in generic}
    fillers = set(_ARTICLES) | set(_MEDIA_FILLERS)
    # Languages without cues of their own are scanned for every language's cue words.
    key = None if cjk else (lang or FALLBACK_KEY)
    if key:
        register_words(key, [*pre_kind, *post])
    return _Cues(
        pre=re.compile(rf"{b}{trie_pattern(pre_kind)}{b}"),
        pre_kind=pre_kind,
        post_scan=re.compile(rf"{b}{trie_pattern(post)}{b}"),
        filler=re.compile(rf"{trie_pattern(fillers)}(?:[ \t\u00a0]{{1,2}}|(?<=['’]))"),
        key=key,
        post=frozenset(post),
        cues_of={},
    )


def _boundary(low: str, pos: int) -> bool:
    """`\\b` at `pos`: a word character on exactly one side."""
    before = pos > 0 and is_word_char(low[pos - 1])
    after = pos < len(low) and is_word_char(low[pos])
    return before != after


def _cue_spans(low: str, cues: _Cues) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Where `cues.pre` and `cues.post_scan` would match in `low`, read from the shared word scan.

    Each pattern starts with `\\b`, which makes `re` try every position (~50 µs per 3 KB each); the scan
    shared with the date and amount finders reports the few word starts where a cue begins.
    """
    assert cues.key is not None
    found: tuple[list[tuple[int, int]], list[tuple[int, int]]] = ([], [])
    ends = [0, 0]
    for start, word in word_hits(low, cues.key):
        try:
            both = cues.cues_of[word]
        except KeyError:
            prefixes = [word[:k] for k in range(len(word), 0, -1)]
            both = (tuple(p for p in prefixes if p in cues.pre_kind), tuple(p for p in prefixes if p in cues.post))
            cues.cues_of[word] = both
        if not (both[0] or both[1]):
            continue  # a date or amount word of the shared scan (three hits in four)
        for i, candidates in enumerate(both):
            if start < ends[i]:
                continue  # `finditer` resumes after each match
            for cue in candidates:  # longest first, as the trie prefers; `\b` after it
                if _boundary(low, start + len(cue)):
                    found[i].append((start, start + len(cue)))
                    ends[i] = start + len(cue)
                    break
    return found


_CUES: dict[str, _Cues] = {l: _build(l) for l in _GENERIC_CUES}
_CUES_ANY = _build(None)
_LABEL_RE = re.compile(rf"(?m)^[ \t]{{0,8}}(?P<label>{trie_pattern(_LABELS)})[ \t]{{0,3}}[:：][ \t]{{0,3}}")
# Farthest a label's colon can stand from the start of its line.
_LABEL_REACH = 8 + max(map(len, _LABELS)) + 3


def _label_matches(low: str) -> list[re.Match[str]]:
    """`_LABEL_RE.finditer(low)`, tried only at the starts of lines that have a colon near the start.

    A label match lies within one line and starts at its start, so each line is tried at most once.
    """
    out: list[re.Match[str]] = []
    tried = -1
    for colon in (":", "："):
        pos = low.find(colon)
        while pos != -1:
            # Only the reach before the colon is searched, so a long line costs no more than a short one.
            window = max(0, pos - _LABEL_REACH - 1)
            newline = low.rfind("\n", window, pos)
            line = newline + 1 if newline != -1 or window == 0 else -1
            if line != -1 and line != tried and pos - line <= _LABEL_REACH:
                tried = line
                m = _LABEL_RE.match(low, line)
                if m is not None:
                    out.append(m)
            pos = low.find(colon, pos + 1)
    if len(out) > 1:
        out.sort(key=lambda m: m.start())
        out = [m for i, m in enumerate(out) if i == 0 or m.start() != out[i - 1].start()]
    return out


def canonical_outlet(name: str) -> str | None:
    """Canonical name of a known outlet as written ("Russia Today" -> "RT (Russia Today)"), else None."""
    hit = _ALIASES.get(name.strip().lower())
    return hit[0] if hit else None


def _surface_ok(surface: str, alias: str) -> bool:
    """Case rules that keep common words out: "antara" (between), "tempo", "Nos" are not outlets."""
    if alias.upper() == alias and any(c.isalpha() for c in alias) and not _is_cjk(alias[0]):
        return surface.upper() == surface  # acronyms must be written in capitals
    # "the Guardian" is fine, "antara" (between) is not.
    return any(c.isupper() for c in surface) or alias[:1].islower() or _is_cjk(surface[:1])


def _boundary_ok(text: str, start: int, end: int) -> bool:
    if _is_cjk(text[start]):
        return True
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not (before.isalnum() or after.isalnum())


@dataclass
class _Name:
    start: int
    end: int
    canonical: str
    known: bool
    looks_like_media: bool


def _known_at(text: str, low: str, pos: int) -> _Name | None:
    m = _ALIAS_AT.match(low, pos)
    if m is None:
        return None
    start, end = m.span()
    base_end = m.start("dom") if m.group("dom") else end
    canonical, alias = _ALIASES[low[start:base_end]]
    if not _boundary_ok(text, start, end) or not _surface_ok(text[start:base_end], alias):
        return None
    if m.group("dom"):
        # "Kompas.com" is a listed alias; "CNBC.NEWS" is not and keeps its own name.
        full = _ALIASES.get(low[start:end])
        canonical = full[0] if full else text[start:end]
    return _Name(start, end, canonical, True, True)


def _known_ending_at(text: str, low: str, end: int) -> _Name | None:
    """The longest known outlet that ends exactly at `end` (checked from each word start before it)."""
    window_start = max(0, end - _LOOKBACK)
    for start in range(window_start, end):
        if start > 0 and not _is_cjk(text[start]) and (low[start - 1].isalnum() or not low[start].isalnum()):
            continue
        name = _known_at(text, low, start)
        if name is not None and name.end == end:
            return name
    return None


def _unknown_at(text: str, pos: int) -> _Name | None:
    m = _WORDS_AT.match(text, pos)
    if m is None or not text[pos].isupper():
        return None
    end = pos
    media_word = False
    offset = pos
    words = m.group(0).replace("\u00a0", " ").split(" ")
    for i, word in enumerate(words):
        bare = word.rstrip(".,;:'’-/")
        if not bare:
            break
        capital = bare[0].isupper() or bare[0].isdigit()
        if not capital and not (bare.lower() in _NAME_CONNECTORS and i + 1 < len(words)
                                and words[i + 1][:1].isupper()):
            break
        if capital:
            end = offset + len(bare)
            media_word = media_word or bare.lower() in _MEDIA_NAME_WORDS
        offset += len(word) + 1
    if end == pos:
        return None
    name = text[pos:end]
    looks = media_word or _DOMAIN_TAIL.search(name) is not None
    return _Name(pos, end, name, False, looks)


def _name_after(text: str, low: str, pos: int, cues: _Cues) -> tuple[_Name, bool] | None:
    """The outlet name starting at `pos` (after optional fillers); also whether a media filler was seen."""
    pos = _SPACE.match(text, pos).end()
    media_filler = False
    for _ in range(3):
        known = _known_at(text, low, pos)
        if known is not None:
            return known, media_filler
        f = cues.filler.match(low, pos)
        if f is None:
            break
        word = f.group(0).strip(" \t\u00a0'’")
        if word not in _ARTICLES and text[pos].isupper():
            break  # "the Daily Courier": a capitalised "Daily" belongs to the name
        media_filler = media_filler or word not in _ARTICLES
        pos = f.end()
    name = _unknown_at(text, pos)
    return (name, media_filler) if name else None


def _record(text: str, name: _Name, span: tuple[int, int], cue: str | None, relation: str) -> dict:
    start, end = span
    return {"name": text[name.start:name.end], "canonical": name.canonical, "text": text[start:end],
            "start": start, "end": end, "name_start": name.start, "name_end": name.end, "cue": cue,
            "relation": relation}


def find_media(text: str, language: str) -> list[dict]:
    """Cited outlets in `text`, in order of appearance, at most one record per name mention.

    Each record: {"name" (as written), "canonical", "text" (whole citation span as written), "start",
    "end", "name_start", "name_end", "cue" (as written, or None), "relation": "reported_via" |
    "article_source"}.
    """
    if not text:
        return []
    low, _ = lowered(text)  # same offsets even where lower-casing changes a character's length
    code = base_language(language)
    cues = _CUES.get(code, _CUES_ANY)
    found: dict[int, dict] = {}
    if cues.key is not None:
        pre_spans, post_spans = _cue_spans(low, cues)
    else:
        pre_spans = [m.span() for m in cues.pre.finditer(low)]
        post_spans = [m.span() for m in cues.post_scan.finditer(low)]

    for m in _label_matches(low):
        hit = _name_after(text, low, m.end(), cues)
        if hit is not None:
            name, _ = hit
            found.setdefault(name.start, _record(text, name, (m.start("label"), name.end),
                                                 text[m.start("label"):m.end("label")], "article_source"))

    for cue_start, cue_end in pre_spans:
        hit = _name_after(text, low, cue_end, cues)
        if hit is None:
            continue
        name, media_filler = hit
        specific = cues.pre_kind.get(low[cue_start:cue_end], False)
        if name.known or specific or media_filler or name.looks_like_media:
            found.setdefault(name.start, _record(text, name, (cue_start, name.end), text[cue_start:cue_end],
                                                 "reported_via"))

    # Reporting verb after a known outlet: find the (few) verbs, then look back for an outlet ending there.
    for verb_start, verb_end in post_spans:
        name_end = verb_start
        while name_end > 0 and verb_start - name_end < 4 and text[name_end - 1] in " \t\u00a0,":
            name_end -= 1
        name = _known_ending_at(text, low, name_end)
        if name is not None and name.start not in found:
            found[name.start] = _record(text, name, (name.start, verb_end), text[verb_start:verb_end],
                                        "reported_via")

    # "(Reuters)" near the top is the dateline credit; further down it credits a passage.
    for m in _OPEN_PAREN.finditer(text):
        name = _known_at(text, low, m.end())
        if name is None or name.start in found or text[name.end:name.end + 1] not in (")", "/"):
            continue
        relation = "article_source" if name.start < 300 else "reported_via"
        end = name.end + (1 if text[name.end:name.end + 1] == ")" else 0)
        found[name.start] = _record(text, name, (m.start(), end), None, relation)

    # "JAKARTA, KOMPAS.com - ...": an outlet followed by a dash on the first line.
    first = _DATELINE.match(text)
    if first is not None:
        name = _known_at(text, low, first.end())
        if name is not None and name.start not in found and _DASH_AFTER.match(text, name.end):
            found[name.start] = _record(text, name, (name.start, name.end), None, "article_source")

    return [found[k] for k in sorted(found)]
