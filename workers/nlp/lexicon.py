"""Word lists shared by the entity recogniser and the place gazetteer.

Owns: the per-language cue words curated in ``data/entity_lexicon.json`` (person titles, organisation cues,
location cues, reporting verbs, name particles), the known organisations / news outlets of
``data/known_orgs.json``, and the library-backed lists: function words (``stopwordsiso``) and month /
weekday names (``babel``'s CLDR data). Everything is built once per language and cached; lookups are
casefolded whole tokens.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

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
