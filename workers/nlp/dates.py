"""Date mentions in article text: finding them and resolving them to ISO 8601.

Owns `find_dates`. Candidate spans are found with one precompiled, linear-time regex per language
(numeric d/m/y and ISO forms, CJK 年月日, month-name forms, weekday names, "yesterday/today/tomorrow");
only those spans are interpreted, in plain Python. `dateparser.search_dates` over a whole article costs
~11 ms, so dateparser is used only for its localized month/weekday/relative-day vocabulary, read once at
import time.

Resolution rules: absolute dates resolve on their own; relative ones (weekdays, year-less dates,
yesterday/today/tomorrow) resolve against `reference` (the publication date) when given, else against the
nearest preceding fully specified absolute date in the text, else stay unresolved (`value` None).
A weekday resolves to the most recent such weekday on or before the anchor ("last ..." strictly before,
"next ..." strictly after).
"""
from __future__ import annotations

import datetime as _dt
import importlib
import re
import unicodedata
from dataclasses import dataclass

from workers.nlp._trie import (FALLBACK_KEY, first_of_overlapping, is_word_char, lowered, number_hits,
                               register_words, trie_pattern, word_hits)
from workers.nlp.langtag import base_language

__all__ = ["find_dates", "SUPPORTED_LANGUAGES"]

SUPPORTED_LANGUAGES: tuple[str, ...] = ("en", "id", "ms", "fr", "de", "es", "pt", "it", "nl", "ru", "ja", "zh")

_MONTH_KEYS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
               "october", "november", "december")
_WEEKDAY_KEYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

# Languages whose orthography capitalises day and month names; requiring the capital there keeps
# homographs out (Indonesian "minggu" = week vs "Minggu" = Sunday, English "may" the verb).
_CAPITALISED = frozenset({"en", "id", "ms", "de"})

# Weekday forms dateparser lists that are ordinary words too (Portuguese "segunda" = second, etc.).
_WEEKDAY_EXCLUDE: dict[str, set[str]] = {
    "pt": {"segunda", "terça", "terca", "quarta", "quinta", "sexta"},
}
_WEEKDAY_EXTRA: dict[str, list[list[str]]] = {
    # index = weekday number (Monday=0); forms dateparser lacks but news writes.
    "id": [[], [], [], [], ["jum'at"], [], []],
    "pt": [["segunda feira"], ["terça feira", "terca-feira"], [], [], [], [], []],
}
# "morgen"/"mañana" also mean "morning"; they are part-of-day words there, not "tomorrow".
_RELDAY_EXCLUDE: dict[str, set[str]] = {"de": {"morgen"}, "es": {"mañana"}, "ms": {"semalam"}}

# Part of day following a weekday ("Selasa pagi", "Tuesday night"); German and Dutch compound them.
_PART_OF_DAY: dict[str, list[str]] = {
    "en": ["morning", "afternoon", "evening", "night"],
    "id": ["pagi", "siang", "sore", "malam", "dini hari"],
    "ms": ["pagi", "tengah hari", "petang", "malam"],
    "fr": ["matin", "après-midi", "soir", "soirée", "nuit"],
    "es": ["por la mañana", "por la tarde", "por la noche", "en la mañana", "en la noche"],
    "pt": ["de manhã", "à tarde", "à noite", "pela manhã"],
    "it": ["mattina", "mattino", "pomeriggio", "sera", "notte"],
    "ru": ["утром", "днем", "днём", "вечером", "ночью"],
}
_COMPOUND_PART_OF_DAY: dict[str, list[str]] = {
    "de": ["morgen", "vormittag", "mittag", "nachmittag", "abend", "nacht"],
    "nl": ["ochtend", "morgen", "middag", "avond", "nacht"],
}
# Modifiers around weekdays; direction -1 = strictly before the anchor, +1 = strictly after.
_PRE_MODIFIERS: dict[str, dict[str, int]] = {
    "en": {"last": -1, "next": 1, "this coming": 1},
    "de": {"letzten": -1, "vergangenen": -1, "nächsten": 1, "kommenden": 1},
    "es": {"próximo": 1},
    "pt": {"próxima": 1, "próximo": 1, "última": -1, "último": -1},
    "nl": {"vorige": -1, "afgelopen": -1, "volgende": 1, "komende": 1},
    "ru": {"в прошлый": -1, "в прошлую": -1, "в следующий": 1, "в следующую": 1},
}
_POST_MODIFIERS: dict[str, dict[str, int]] = {
    "id": {"lalu": -1, "kemarin": -1, "depan": 1, "mendatang": 1},
    "ms": {"lalu": -1, "lepas": -1, "depan": 1, "hadapan": 1},
    "fr": {"dernier": -1, "prochain": 1},
    "es": {"pasado": -1, "que viene": 1},
    "pt": {"passado": -1, "passada": -1, "que vem": 1},
    "it": {"scorso": -1, "scorsa": -1, "prossimo": 1, "prossima": 1},
}
# Between a weekday and the date that specifies it: "Kamis (8/8/2024)", "Thursday, August 8",
# "Donnerstag, den 8. August".
_WEEKDAY_DATE_GAP = re.compile(r"\s{0,2},?\s{0,2}\(?\s{0,2}(?:(?:den|le|el|il|de)\s{1,2})?")

_DAY_ORDER_FALLBACK = "DMY"
# Indonesian/Malay news writes "Kamis (8/8)": day/month without year, only trusted right after a weekday.
_WEEKDAY_DAY_MONTH = re.compile(r"\s{0,2},?\s{0,2}\((\d{1,2})/(\d{1,2})\)")


def _strip_accents(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


@dataclass(frozen=True)
class _Lang:
    code: str
    # The forms that start with a digit and the forms that start with a word, as two patterns: one
    # alternation would try every branch at every start, each failing only at its first character.
    digit_pattern: re.Pattern[str]
    word_pattern: re.Pattern[str]
    trigger: re.Pattern[str]  # where a candidate starts; the start lists below reproduce its matches
    trigger_words: re.Pattern[str]  # the words of `trigger` alone (CJK: no shared scan)
    months: dict[str, int]
    weekdays: dict[str, int]
    reldays: dict[str, int]
    modifiers: dict[str, int]
    date_order: str
    triggers: frozenset[str]  # words that start a candidate (none is a prefix of another)
    shared_scan: bool  # word-start triggers found by the scan shared with the other finders
    trigger_of: dict[str, str | None]  # longest shared-scan word -> the trigger it starts with


def _load_info(code: str) -> dict:
    return importlib.import_module(f"dateparser.data.date_translation_data.{code}").info


def _build(code: str) -> _Lang:
    info = _load_info(code)
    months: dict[str, int] = {}
    for i, key in enumerate(_MONTH_KEYS, start=1):
        for form in info.get(key, []):
            f = form.casefold()
            if len(f) >= 3 and f.replace("-", "").isalpha():
                months[f] = i
                months[_strip_accents(f)] = i
    weekdays: dict[str, int] = {}
    excluded = _WEEKDAY_EXCLUDE.get(code, set())
    extras = _WEEKDAY_EXTRA.get(code, [[]] * 7)
    for i, key in enumerate(_WEEKDAY_KEYS):
        for form in list(info.get(key, [])) + extras[i]:
            f = form.casefold()
            if f in excluded or not f.replace("-", "").replace("'", "").replace(" ", "").isalpha():
                continue
            if len(f) >= 4 or (code in ("zh", "ja") and len(f) >= 2):
                weekdays[f] = i
                weekdays[_strip_accents(f)] = i
    reldays: dict[str, int] = {}
    rel = info.get("relative-type", {})
    for key, offset in (("0 day ago", 0), ("1 day ago", -1), ("in 1 day", 1)):
        for form in rel.get(key, []):
            f = form.casefold()
            if f not in _RELDAY_EXCLUDE.get(code, set()) and len(f) >= 2 and f != "till date":
                reldays[f] = offset
    modifiers = {**_PRE_MODIFIERS.get(code, {}), **_POST_MODIFIERS.get(code, {})}

    month_alt = trie_pattern(months)
    wd_alt = trie_pattern(weekdays)
    rel_alt = trie_pattern(reldays)
    b = r"\b" if code not in ("ja", "zh") else ""
    ordinal = r"(?:st|nd|rd|th|er|e|\.|º|°)?"
    year = r"(?:1[89]\d\d|2[01]\d\d)"
    # Each form led by a digit starts with `\d` (after look-behinds), each led by a word with a letter.
    parts = [
        # ISO date / datetime.
        r"(?P<iso>(?<![\d.])(?P<iy>\d{4})-(?P<im>\d{2})-(?P<id>\d{2})"
        r"(?:[T ](?P<ih>\d{2}):(?P<imin>\d{2})(?::(?P<isec>\d{2}))?(?:\.\d{1,9})?"
        r"(?P<itz>Z|[+-]\d{2}:?\d{2})?)?(?![\d]))",
        # Numeric d/m/y (or m/d/y): separators must agree; 2-digit years only with / or .
        r"(?P<num>(?<![\d/.,-])(?P<n1>\d{1,2})(?P<ns>[/.-])(?P<n2>\d{1,2})(?P=ns)"
        r"(?P<n3>\d{4}|\d{2})(?![\d/]|[.,-]\d))",
        # y/m/d.
        r"(?P<ymd>(?<![\d/.-])(?P<y1>\d{4})/(?P<y2>\d{1,2})/(?P<y3>\d{1,2})(?![\d/]))",
        # CJK 2024年8月8日 / 8月8日 / 2024年8月.
        r"(?P<cjk>(?:(?P<cy>\d{4})\s?年\s?)?(?P<cm>\d{1,2})\s?月(?:\s?(?P<cd>\d{1,2})\s?[日号])?)",
    ]
    word_parts = []
    if months:
        # 8 August 2024, 8. August 2024, 8 de agosto de 2024, 1er janvier.
        parts.append(rf"(?P<dmyw>(?<![\d.,])(?P<wd1>\d{{1,2}}){ordinal}\s{{0,2}}(?:de\s{{1,2}})?"
                     rf"(?P<wm1>{month_alt}){b}\.?(?:,?\s{{1,2}}(?:de\s{{1,2}}|del\s{{1,2}})?(?P<wy1>{year})(?!\d))?)")
        word_parts += [
            # August 8, 2024 / Aug. 8th.
            rf"(?P<mdyw>{b}(?P<wm2>{month_alt}){b}\.?\s{{1,2}}(?P<wd2>\d{{1,2}})(?:st|nd|rd|th)?(?![\d.,]\d)"
            rf"(?:,?\s{{1,2}}(?P<wy2>{year})(?!\d))?)",
            # August 2024, agosto de 2024.
            rf"(?P<myw>{b}(?P<wm3>{month_alt}){b}\.?\s{{1,2}}(?:de\s{{1,2}}|del\s{{1,2}})?(?P<wy3>{year})(?!\d))",
        ]
    if weekdays:
        pre = _PRE_MODIFIERS.get(code, {})
        post = _POST_MODIFIERS.get(code, {})
        pre_re = rf"(?:(?P<pre>{trie_pattern(pre)})\s{{1,2}})?" if pre else ""
        compound = _COMPOUND_PART_OF_DAY.get(code)
        comp_re = rf"(?:{trie_pattern(compound)})?" if compound else ""
        pod = _PART_OF_DAY.get(code)
        pod_re = rf"(?:\s{{1,2}}(?:{trie_pattern(pod)}){b})?" if pod else ""
        post_re = rf"(?:\s{{1,2}}(?P<post>{trie_pattern(post)}){b})?" if post else ""
        word_parts.append(rf"(?P<wday>{b}{pre_re}(?P<wdn>{wd_alt}){comp_re}{b}{pod_re}{post_re})")
    if reldays:
        word_parts.append(rf"(?P<rel>{b}(?:{rel_alt}){b})")
    digit_pattern = re.compile("|".join(parts), re.IGNORECASE)
    word_pattern = re.compile("|".join(word_parts) or "(?!)", re.IGNORECASE)
    order = info.get("date_order") or _DAY_ORDER_FALLBACK
    words = {w.lower() for w in (*months, *weekdays, *reldays)}
    words |= {w.split()[0].lower() for w in _PRE_MODIFIERS.get(code, {})}
    # A trigger that has a shorter trigger as prefix is found by that one already.
    triggers = tuple(sorted(w for w in words if not any(w != o and w.startswith(o) for o in words)))
    if any(w[:1].isdecimal() for w in triggers):  # `_matches` and `_cjk_trigger_starts` rely on it
        raise ValueError(f"a {code} date word starts with a digit")
    trigger = re.compile(rf"{b}(?:\d|{trie_pattern(triggers)})")
    trigger_words = re.compile(trie_pattern(triggers))
    if b:
        register_words(code, triggers)
        if code == "en":  # the fallback of languages without their own lists
            register_words(FALLBACK_KEY, triggers)
    return _Lang(code, digit_pattern, word_pattern, trigger, trigger_words, months, weekdays, reldays, modifiers,
                 order, frozenset(triggers), bool(b), {})


_LANGS: dict[str, _Lang] = {code: _build(code) for code in SUPPORTED_LANGUAGES}


def _safe_date(y: int, m: int, d: int) -> _dt.date | None:
    try:
        return _dt.date(y, m, d)
    except ValueError:
        return None


def _capital_ok(lang: _Lang, word: str) -> bool:
    return lang.code not in _CAPITALISED or word[:1].isupper()


@dataclass
class _Hit:
    start: int
    end: int
    kind: str  # "absolute" | "relative"
    date: _dt.date | None = None  # fully specified day, if any
    value: str | None = None  # ISO text when more precise (datetime) or less precise (year-month)
    year_less: tuple[int, int] | None = None  # (month, day) awaiting a year
    weekday: int | None = None
    direction: int = 0
    day_offset: int | None = None


def _trigger_of(lang: _Lang, word: str) -> str | None:
    """The trigger that the shared scan's (longest) word starts with, if any; memoised per language."""
    try:
        return lang.trigger_of[word]
    except KeyError:
        found = next((word[:k] for k in range(1, len(word) + 1) if word[:k] in lang.triggers), None)
        lang.trigger_of[word] = found
        return found


def _digits_may_start_date(low: str, start: int, end: int) -> bool:
    """Whether the pattern can match at the run of digits low[start:end] (a necessary condition).

    Every form led by digits takes one or two of them (d/m/y, "8 August", "8月") or exactly four
    followed by "-", "/" or "年" (ISO, y/m/d, "2024年"), so other runs ("150", "2024 ", "12000") are
    not tried: about a third of the numbers in news text.
    """
    length = end - start
    if length <= 2:
        return True
    if length != 4:
        return False
    after = low[end:end + 2]
    return after[:1] in ("-", "/", "年") or (after[:1].isspace() and after[1:] == "年")


def _trigger_starts(low: str, lang: _Lang, key: str) -> list[int]:
    """Where `lang.trigger` would match in `low` (word-start digits and trigger words, non-overlapping)
    and the pattern can match.

    Read from the scan shared with the media and amount finders instead of running `lang.trigger`:
    its leading `\\b` makes `re` try every position (~70 µs per 3 KB).
    """
    words = word_hits(low, key)  # first: the same scan finds the digit runs
    spans = [(s, s + 1) for s, e in number_hits(low)
             if (s == 0 or not is_word_char(low[s - 1])) and _digits_may_start_date(low, s, e)]
    for start, word in words:
        trigger = _trigger_of(lang, word)
        if trigger is not None:
            spans.append((start, start + len(trigger)))
    return first_of_overlapping(spans)


def _cjk_trigger_starts(low: str, lang: _Lang) -> list[int]:
    """Where `lang.trigger` matches in `low` for a language without word boundaries (no shared scan):
    every digit, and the trigger words.

    The words are found by a pattern of their own: `re` skips to their first characters in C, where the
    alternation with `\\d` makes it start its matcher at every position. No trigger word starts with a
    digit (checked in `_build`), so at a digit the trigger matches the digit, as here.
    """
    spans = [(i, i + 1) for s, e in number_hits(low) for i in range(s, e)]
    spans += [m.span() for m in lang.trigger_words.finditer(low)]
    return first_of_overlapping(spans)


def _matches(text: str, lang: _Lang, key: str) -> list[re.Match[str]]:
    """Matches of the language pattern, tried only where a digit or a trigger word starts.

    Letting `finditer` try the many-word pattern at every position costs ~1.5 ms per 3 KB; the few
    positions worth trying are found by a trigger scan over the lower-cased text. At a digit only the
    forms led by a digit can match, elsewhere only those led by a word, so each start tries one of them.
    """
    low, _ = lowered(text)  # same offsets even where lower-casing changes a character's length ("İ")
    if lang.shared_scan:
        starts = _trigger_starts(low, lang, key)
    else:
        starts = _cjk_trigger_starts(low, lang)
    out: list[re.Match[str]] = []
    pos = 0
    digit_match = lang.digit_pattern.match
    word_match = lang.word_pattern.match
    for start in starts:
        if start < pos:
            continue
        # `str.isdecimal` is exactly what `\d` matches (Unicode category Nd).
        m = (digit_match if text[start].isdecimal() else word_match)(text, start)
        if m is not None and m.end() > start:
            out.append(m)
            pos = m.end()
    return out


def _interpret(m: re.Match[str], lang: _Lang) -> _Hit | None:
    g = m.groupdict()
    s, e = m.span()
    if g.get("iso"):
        d = _safe_date(int(g["iy"]), int(g["im"]), int(g["id"]))
        if d is None:
            return None
        value = d.isoformat()
        if g["ih"]:
            try:
                t = _dt.time(int(g["ih"]), int(g["imin"]), int(g["isec"] or 0))
            except ValueError:
                return None
            value = f"{value}T{t.isoformat()}" + ("" if not g["itz"] else ("Z" if g["itz"] == "Z" else g["itz"]))
        return _Hit(s, e, "absolute", date=d, value=value)
    if g.get("num"):
        a, b, y = int(g["n1"]), int(g["n2"]), int(g["n3"])
        if len(g["n3"]) == 2:
            if g["ns"] == "-":
                return None
            y += 2000
        if g["ns"] == "." or a > 12:
            day, month = a, b
        elif b > 12:
            day, month = b, a
        elif lang.date_order.startswith("M"):
            day, month = b, a
        else:
            day, month = a, b
        d = _safe_date(y, month, day)
        return _Hit(s, e, "absolute", date=d) if d else None
    if g.get("ymd"):
        d = _safe_date(int(g["y1"]), int(g["y2"]), int(g["y3"]))
        return _Hit(s, e, "absolute", date=d) if d else None
    if g.get("cjk"):
        month = int(g["cm"])
        if not 1 <= month <= 12:
            return None
        if g["cy"] and g["cd"]:
            d = _safe_date(int(g["cy"]), month, int(g["cd"]))
            return _Hit(s, e, "absolute", date=d) if d else None
        if g["cy"]:
            return _Hit(s, e, "absolute", value=f"{int(g['cy']):04d}-{month:02d}")
        if g["cd"] and 1 <= int(g["cd"]) <= 31:
            return _Hit(s, e, "relative", year_less=(month, int(g["cd"])))
        return None
    if g.get("dmyw") or g.get("mdyw"):
        word = g.get("wm1") or g.get("wm2")
        if not _capital_ok(lang, word):
            return None
        month = lang.months[word.casefold()]
        day = int(g.get("wd1") or g.get("wd2"))
        yr = g.get("wy1") or g.get("wy2")
        if yr:
            d = _safe_date(int(yr), month, day)
            return _Hit(s, e, "absolute", date=d) if d else None
        if not 1 <= day <= 31:
            return None
        return _Hit(s, e, "relative", year_less=(month, day))
    if g.get("myw"):
        word = g["wm3"]
        if not _capital_ok(lang, word):
            return None
        return _Hit(s, e, "absolute", value=f"{int(g['wy3']):04d}-{lang.months[word.casefold()]:02d}")
    if g.get("wday"):
        word = g["wdn"]
        if not _capital_ok(lang, word):
            return None
        direction = 0
        for key in ("pre", "post"):
            if g.get(key):
                direction = lang.modifiers.get(g[key].casefold(), 0)
        return _Hit(s, e, "relative", weekday=lang.weekdays[word.casefold()], direction=direction)
    if g.get("rel"):
        return _Hit(s, e, "relative", day_offset=lang.reldays[m.group(0).casefold()])
    return None


def _merge_weekday_with_date(hits: list[_Hit], text: str) -> list[_Hit]:
    """A weekday directly followed by the date it names is one mention ("Kamis (8/8/2024)").

    Joined only when the date falls on that weekday (or has no year to check), so "Monday, 5 May" in
    a list of unrelated dates is not glued wrongly.
    """
    out: list[_Hit] = []
    i = 0
    while i < len(hits):
        h = hits[i]
        if h.weekday is not None and h.direction == 0:
            dm = _WEEKDAY_DAY_MONTH.match(text, h.end)
            if dm is not None and 1 <= int(dm.group(2)) <= 12 and 1 <= int(dm.group(1)) <= 31:
                out.append(_Hit(h.start, dm.end(), "relative", year_less=(int(dm.group(2)), int(dm.group(1))),
                                weekday=h.weekday))
                i += 1
                continue
            if i + 1 < len(hits):
                nxt = hits[i + 1]
                gap_ok = h.end <= nxt.start and _WEEKDAY_DATE_GAP.fullmatch(text, h.end, nxt.start) is not None
                same_day = nxt.year_less is not None or (nxt.date is not None and nxt.date.weekday() == h.weekday)
                if gap_ok and same_day:
                    end = nxt.end
                    if "(" in text[h.end:nxt.start]:
                        close = re.match(r"\s{0,2}\)", text[end:end + 3])
                        if close:
                            end += close.end()
                    out.append(_Hit(h.start, end, nxt.kind, date=nxt.date, value=nxt.value,
                                    year_less=nxt.year_less, weekday=h.weekday))
                    i += 2
                    continue
        out.append(h)
        i += 1
    return out


def _year_less_date(anchor: _dt.date, month: int, day: int) -> _dt.date | None:
    """News refers to recent days: pick the year that puts the date closest to the anchor."""
    best: _dt.date | None = None
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        d = _safe_date(year, month, day)
        if d is not None and (best is None or abs((d - anchor).days) < abs((best - anchor).days)):
            best = d
    return best


def _previous_weekday(anchor: _dt.date, weekday: int, direction: int) -> _dt.date:
    if direction > 0:
        delta = (weekday - anchor.weekday()) % 7 or 7
        return anchor + _dt.timedelta(days=delta)
    delta = (anchor.weekday() - weekday) % 7
    if direction < 0 and delta == 0:
        delta = 7
    return anchor - _dt.timedelta(days=delta)


def find_dates(text: str, language: str, reference: _dt.date | None = None) -> list[dict]:
    """Date mentions in `text`, in order of appearance.

    Returns [{"text", "start", "end", "value", "kind"}]: `value` is an ISO 8601 date ("2024-08-08"),
    datetime (when the text gives a time in ISO form), year-month ("2024-08"), or None when a relative
    mention has no anchor. `kind` is "absolute" when the text alone fixes the date, else "relative".
    """
    if not text:
        return []
    if isinstance(reference, _dt.datetime):
        reference = reference.date()
    code = base_language(language)
    lang = _LANGS.get(code) or _LANGS["en"]
    key = code if code in _LANGS else FALLBACK_KEY  # the shared scan of the text's language
    hits = [h for h in (_interpret(m, lang) for m in _matches(text, lang, key)) if h is not None]
    hits = _merge_weekday_with_date(hits, text)
    out: list[dict] = []
    last_absolute: _dt.date | None = None
    for h in hits:
        anchor = reference or last_absolute
        value: str | None
        if h.kind == "absolute":
            value = h.value or (h.date.isoformat() if h.date else None)
            if h.date is not None:
                last_absolute = h.date
        elif h.year_less is not None:
            value = None
            if anchor is not None:
                d = _year_less_date(anchor, *h.year_less)
                value = d.isoformat() if d else None
        elif h.weekday is not None:
            value = _previous_weekday(anchor, h.weekday, h.direction).isoformat() if anchor else None
        elif h.day_offset is not None:
            value = (anchor + _dt.timedelta(days=h.day_offset)).isoformat() if anchor else None
        else:
            value = None
        out.append({"text": text[h.start:h.end], "start": h.start, "end": h.end, "value": value,
                    "kind": h.kind})
    return out
