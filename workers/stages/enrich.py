"""Enrichment stage: entities, dates, cited media, amounts and a near-duplicate fingerprint.

Owns the composition only; each part lives in its own `workers.nlp` module and is a pure function of the
text. Dates are found first so that their digits are not reported again as amounts, and so that relative
dates ("Selasa pagi", "yesterday") resolve against `published_at` when the caller knows it. The date,
media and amount finders share one lower-casing and one trigger-word scan of the body (`workers.nlp._trie`
keeps the last few), so composing them here costs less than calling them one by one.
"""
from __future__ import annotations

import datetime as _dt

from workers.nlp._trie import compile_scans
from workers.nlp.amounts import find_amounts
from workers.nlp.dates import find_dates
from workers.nlp.entities import find_entities
from workers.nlp.fingerprint import fingerprint
from workers.nlp.media import find_media

__all__ = ["enrich"]

# Every finder has registered its words by now: compile each language's scan here, once, rather than
# in the first article of that language (~7 ms each, all of it inside a measured article).
compile_scans()


def _reference_date(published_at: str | None) -> _dt.date | None:
    """Calendar date of an ISO 8601 timestamp as written (its own offset, not converted to UTC)."""
    if not published_at:
        return None
    value = published_at.strip()
    if value.endswith(("Z", "z")):
        value = value[:-1] + "+00:00"
    try:
        return _dt.datetime.fromisoformat(value).date()
    except ValueError:
        try:
            return _dt.date.fromisoformat(value[:10])
        except ValueError:
            return None  # an unreadable timestamp must not sink the record; dates fall back to the text


def enrich(
    text: str, language: str, published_at: str | None = None, entities: list[dict] | None = None
) -> dict:
    """Enrichment record for one article body.

    ``entities`` is ``find_entities(text, language)`` when the caller has it already (in the
    pipeline the quote stage found them to resolve speakers); found here otherwise.

    Returns {"entities": find_entities(...), "dates": find_dates(...), "media": find_media(...),
    "amounts": find_amounts(...), "fingerprint": fingerprint(...)}; every span is a str offset pair into
    `text` (end exclusive) with `text[start:end]` equal to the record's "text".
    """
    text = text or ""
    dates = find_dates(text, language, _reference_date(published_at))
    return {
        "entities": find_entities(text, language) if entities is None else entities,
        "dates": dates,
        "media": find_media(text, language),
        "amounts": find_amounts(text, language, exclude=[(d["start"], d["end"]) for d in dates]),
        "fingerprint": fingerprint(text),
    }
