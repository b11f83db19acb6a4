"""Word lists shared by the entity recogniser and the place gazetteer.

Owns: the per-language cue words curated in ``data/entity_lexicon.json`` (person titles, organisation cues,
location cues, reporting verbs, name particles), the national-institution tables (ministry heads x portfolios,
courts, abbreviations; compiled into one matcher per language by :func:`institutions`), the country adjectives
no stem rule derives (``demonym_countries``), the known organisations / news outlets of
``data/known_orgs.json``, and the library-backed lists: function words (``stopwordsiso``), month / weekday
names (``babel``'s CLDR data) and English country names (``pycountry``'s ISO 3166 data, :func:`country_name`).
Everything is built once per language and cached; lookups are casefolded whole tokens.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import regex

from workers.nlp._trie import trie_pattern
from workers.nlp.langtag import base_language

_DATA = Path(__file__).resolve().parent / "data"

# Languages with curated cue words. Text in any other language falls back to the union of all of them,
# because a wrong guess costs less than an empty list (cue words rarely collide across these languages).
SUPPORTED: tuple[str, ...] = ("en", "id", "ms", "fr", "de", "es", "pt", "it", "nl", "ru")

def normalise_language(language: str | None) -> str:
    """'id-ID' -> 'id', 'ind' -> 'id', unknown/empty -> 'und'."""
    code = base_language(language)
    return code if code in SUPPORTED or code in ("ja", "zh") else "und"


@lru_cache(maxsize=1)
def _raw() -> dict:
    with open(_DATA / "entity_lexicon.json", encoding="utf-8") as fh:
        return json.load(fh)


def _langs_for(language: str) -> tuple[str, ...]:
    if language in SUPPORTED:
        return (language,) if language == "en" else (language, "en")
    return SUPPORTED


def _words(category: str, language: str) -> frozenset[str]:
    table = _raw()[category]
    out: set[str] = set()
    for lang in _langs_for(language):
        out.update(w.casefold() for w in table.get(lang, ()))
    return frozenset(out)


@dataclass(frozen=True)
class Lexicon:
    """All cue-word sets for one language (casefolded)."""

    language: str
    titles: frozenset[str]
    org_cues: frozenset[str]
    org_suffixes: tuple[str, ...]
    org_joiners: frozenset[str]
    particles: frozenset[str]
    location_cues: frozenset[str]
    location_suffixes: tuple[str, ...]  # endings of one-word street/square names ("-plein", "-straße")
    region_before: frozenset[str]
    region_after: frozenset[str]
    province_words: frozenset[str]
    speech_before: frozenset[str]
    speech_after: frozenset[str]
    apposition_person: frozenset[str]
    apposition_org: frozenset[str]
    stopwords: frozenset[str]
    calendar: frozenset[str]
    demonyms: frozenset[str]
    tlds: frozenset[str]


@lru_cache(maxsize=32)
def lexicon(language: str) -> Lexicon:
    """Cue words for a (normalised) language code; cached, so callers may call it per article."""
    raw = _raw()
    particles = _words("particles", language)
    if language in ("id", "ms"):
        # Indonesian/Malay 'di' means 'in/at' and 'de' rarely joins local names; keep only their own list.
        particles = frozenset(w.casefold() for w in raw["particles"][language])
    return Lexicon(
        language=language,
        titles=_words("person_titles", language),
        org_cues=_words("org_cues", language),
        org_suffixes=tuple(raw["org_suffixes_de"]) if language in ("de", "und") else (),
        org_joiners=_words("org_joiners", language),
        particles=particles,
        location_cues=_words("location_cues", language),
        # only a language's own street endings: in a text of unknown language "-laan" ends Malay nouns too
        location_suffixes=tuple(sorted(w.casefold() for w in raw["location_suffixes"].get(language, ()))),
        region_before=_words("region_before", language),
        region_after=_words("region_after", language),
        province_words=frozenset(raw["province_words"]),
        speech_before=_words("speech_before", language),
        speech_after=_words("speech_after", language),
        apposition_person=_words("apposition_person", language),
        apposition_org=_words("apposition_org", language),
        stopwords=stopwords(language),
        calendar=calendar_words(language),
        demonyms=frozenset(raw["demonyms_irregular"]),
        tlds=frozenset(raw["tld_suffixes"]),
    )


@lru_cache(maxsize=32)
def stopwords(language: str) -> frozenset[str]:
    """Function words (casefolded) from stopwords-iso; for 'und' the union of the supported languages."""
    import stopwordsiso

    langs = (language,) if language in SUPPORTED or language in ("ja", "zh") else SUPPORTED
    out: set[str] = set()
    for lang in langs:
        if lang == "ms":
            # stopwords-iso's Malay list is corpus-frequency noise ('malaysia', 'ahmad', 'najib');
            # Indonesian's is a curated function-word list and shares almost all of Malay's.
            out.update(w.casefold() for w in stopwordsiso.stopwords("id"))
            out.update(_raw()["malay_stopwords"])
        elif stopwordsiso.has_lang(lang):
            out.update(w.casefold() for w in stopwordsiso.stopwords(lang))
    return frozenset(out)


@lru_cache(maxsize=32)
def calendar_words(language: str) -> frozenset[str]:
    """Month and weekday names (wide forms, casefolded) from CLDR via babel, plus English ones, which
    appear in every language's news (datelines, quoted English)."""
    from babel import Locale

    langs = {"en", language} if language in SUPPORTED else set(SUPPORTED)
    out: set[str] = set()
    for lang in langs:
        loc = Locale.parse(lang)
        for table in (loc.months, loc.days):
            for context in ("format", "stand-alone"):
                for name in table.get(context, {}).get("wide", {}).values():
                    out.add(name.casefold())
    return frozenset(out)


@dataclass(frozen=True)
class KnownOrg:
    name: str
    kind: str  # "media" | "org"


@lru_cache(maxsize=1)
def known_orgs() -> dict[tuple[str, ...], KnownOrg]:
    """Alias token tuple (as written) -> organisation; the recogniser matches longest alias first."""
    with open(_DATA / "known_orgs.json", encoding="utf-8") as fh:
        entries = [(e["name"], e["kind"], e["aliases"]) for e in json.load(fh)["entries"]]
    # News outlets have one list, shared with the media finder, so both name an outlet alike.
    with open(_DATA / "media_outlets.json", encoding="utf-8") as fh:
        entries += [(o["canonical"], "media", o["aliases"]) for o in json.load(fh)["outlets"]]
    out: dict[tuple[str, ...], KnownOrg] = {}
    for name, kind, aliases in entries:
        org = KnownOrg(name, kind)
        for alias in aliases:
            out.setdefault(tuple(alias.split()), org)
    return out


@lru_cache(maxsize=1)
def known_orgs_upper() -> dict[tuple[str, ...], KnownOrg]:
    """Same as :func:`known_orgs` keyed by upper-cased tokens, for ALL-CAPS lines."""
    out: dict[tuple[str, ...], KnownOrg] = {}
    for key, org in known_orgs().items():
        out.setdefault(tuple(t.upper() for t in key), org)
    return out


@lru_cache(maxsize=1)
def known_org_first_tokens() -> frozenset[str]:
    """First tokens of all aliases, as written and upper-cased: a cheap pre-filter before n-gram lookups."""
    out: set[str] = set()
    for key in known_orgs():
        out.add(key[0])
        out.add(key[0].upper())
    return frozenset(out)


# --------------------------------------------------------------------------------- national institutions


@dataclass(frozen=True)
class Institutions:
    """One language's matcher for national institution names (ministries, courts, ...).

    ``pattern`` is anchored with ``.match(text, pos)`` at a candidate word start; which alternative matched is
    told by its named group, and the group's text (lower-cased, whitespace collapsed, ’ -> ') is looked up in
    the corresponding table to get the English name (``names``: "Ministry of Defence", "Supreme Court").
    ``triggers`` are the lower-cased words that make a capitalised run worth matching at all.
    """

    pattern: regex.Pattern
    portfolio_after: dict[str, str]  # "de la défense" -> "Defence" (after a head: "ministère de la Défense")
    portfolio_before: dict[str, str]  # "defence" -> "Defence" (before "ministry": "Defence Ministry")
    stems: dict[str, str]  # "verteidigungs" -> "Defence" (German compounds: "Verteidigungsministerium")
    bare: dict[str, str]  # "buitenlandse zaken" -> "Foreign Affairs" (Dutch: the portfolio names the ministry)
    fixed: dict[str, str]  # "mahkamah agung" -> "Supreme Court"
    template: str  # "Ministry of {}"
    triggers: frozenset[str]
    compound_suffixes: tuple[str, ...]


def norm_phrase(text: str) -> str:
    """Key for the institution tables: lower case, one space between words, typographic apostrophe unified."""
    return " ".join(text.replace("’", "'").lower().split())


# Whitespace inside a multi-word name may be any run of up to 3 spaces / tabs / no-break spaces; an apostrophe
# may be typographic. Both are substituted into the trie patterns (which escape a space as "\ ").
_SPACE = r"[ \t\u00a0]{1,3}+"


def _phrases_pattern(words) -> str:
    return trie_pattern(sorted(set(words))).replace("\\ ", _SPACE).replace("'", "['’]")


@lru_cache(maxsize=32)
def institutions(language: str) -> Institutions:
    """The institution matcher for a (normalised) language code, built once."""
    raw = _raw()["institutions"]
    langs = _langs_for(language)
    after: dict[str, str] = {}
    before: dict[str, str] = {}
    stems: dict[str, str] = {}
    bare: dict[str, str] = {}
    for portfolio in raw["portfolios"]:
        name = portfolio["name"]
        for lang in langs:
            for phrase in portfolio.get(lang, ()):
                after.setdefault(norm_phrase(phrase), name)
            for phrase in portfolio.get(lang + "_before", ()):
                before.setdefault(norm_phrase(phrase), name)
            for phrase in portfolio.get(lang + "_stems", ()):
                stems.setdefault(norm_phrase(phrase), name)
            for phrase in portfolio.get(lang + "_bare", ()):
                bare.setdefault(norm_phrase(phrase), name)
    fixed: dict[str, str] = {}
    for entry in raw["fixed"]:
        for lang in langs:
            for alias in entry["aliases"].get(lang, ()):
                fixed.setdefault(norm_phrase(alias), entry["name"])
    heads = [norm_phrase(h) for lang in langs for h in raw["ministry_heads"].get(lang, ())]
    heads_after = [norm_phrase(h) for lang in langs for h in raw["ministry_after"].get(lang, ())]
    compound_heads = [norm_phrase(h) for lang in langs for h in raw["compound_heads"].get(lang, ())]
    compound_prefixes = [norm_phrase(h) for lang in langs for h in raw["compound_prefixes"].get(lang, ())]

    alternatives = []
    if heads and after:
        # head, an optional lower-case adjective ("ministère français des Armées"), the portfolio
        alternatives.append(rf"(?P<head>{_phrases_pattern(heads)})(?:{_SPACE}(?P<adj>\p{{Ll}}[\p{{Ll}}\-]{{1,24}}+))?"
                            rf"{_SPACE}(?P<after>{_phrases_pattern(after)})")
    if heads_after and before:
        alternatives.append(rf"(?P<before>{_phrases_pattern(before)}){_SPACE}{_phrases_pattern(heads_after)}")
    if stems and compound_heads:
        prefixes = [p for p in compound_prefixes if p]
        alternatives.append(rf"(?:{_phrases_pattern(prefixes)})?(?P<stem>{_phrases_pattern(stems)})"
                            rf"{_phrases_pattern(compound_heads)}")
    if fixed:
        alternatives.append(rf"(?P<fixed>{_phrases_pattern(fixed)})")
    if bare:
        alternatives.append(rf"(?P<bare>{_phrases_pattern(bare)})")
    # A name ends at a word boundary; the alternatives are tried in order at one position only, each a
    # factored trie with bounded gaps, so a match attempt is linear in the name's length.
    pattern = regex.compile("(?:" + "|".join(alternatives or ["(?!)"]) + r")(?![\p{L}\p{M}\p{N}])",
                            regex.IGNORECASE)
    triggers: set[str] = set()
    for phrase in list(after) + list(before) + list(bare) + list(fixed) + heads:
        for word in phrase.split():
            if len(word) >= 4 or phrase == word:
                triggers.add(word.split("'")[-1])
    triggers.discard("")
    return Institutions(pattern, after, before, stems, bare, fixed, raw["ministry_template"], frozenset(triggers),
                        tuple(compound_heads))


@lru_cache(maxsize=32)
def demonym_countries(language: str) -> dict[str, str]:
    """Country adjectives (lower case) no stem rule derives -> ISO country code, e.g. fr 'français' -> 'FR'."""
    table = _raw()["demonym_countries"]
    out: dict[str, str] = {}
    for lang in _langs_for(language):
        for word, code in table.get(lang, {}).items():
            out.setdefault(word.lower(), code)
    return out


# Country names read with a definite article in English ("the Russian Federation", "the Netherlands").
_THE_WORDS = frozenset({"Republic", "Federation", "Kingdom", "States", "Emirates", "Islands"})
_THE_NAMES = frozenset({"Netherlands", "Philippines", "Bahamas", "Maldives", "Comoros", "Seychelles", "Gambia"})


@lru_cache(maxsize=512)
def country_name(code: str) -> str | None:
    """English ISO 3166 name of a country as it reads after "of": 'RU' -> 'the Russian Federation',
    'UA' -> 'Ukraine', 'IR' -> 'Iran' (ISO's inverted "Iran, Islamic Republic of" gives way to its common
    name). None for an unknown code."""
    import pycountry

    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return None
    name = country.name
    if "," in name:
        common = getattr(country, "common_name", None)
        if common:
            name = common
        else:  # "Palestine, State of" -> "State of Palestine"
            head, _, tail = name.partition(", ")
            name = f"{tail} {head}"
    if name in _THE_NAMES or _THE_WORDS.intersection(name.split()) or name.startswith("State of"):
        name = "the " + name
    return name
