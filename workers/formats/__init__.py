"""Wire formats Warta reads besides its own raw-article JSON: IPTC ninjs, IPTC NewsML-G2 and HTML.

Each module turns one format into raw articles (``{id, body, headline, language, published_at,
source, ...}`` as ``schemas/articles.raw.schema.json`` describes). :func:`to_raw_articles` is the
single entry point: ``warta feed`` / ``warta process`` call it on files, and the first stage calls
it on whatever arrives on ``articles.raw``, so a feed can publish ninjs or NewsML-G2 directly.
"""

from __future__ import annotations

from typing import Any

from ..errors import InvalidXML
from .newsml import from_newsml, looks_like_xml
from .ninjs import from_ninjs, is_ninjs

__all__ = ["InvalidXML", "from_newsml", "from_ninjs", "is_ninjs", "looks_like_xml", "normalise"]


def normalise(article: Any) -> Any:
    """A decoded JSON payload as a raw article: ninjs is converted, anything else passes as is."""
    if isinstance(article, dict) and is_ninjs(article):
        return from_ninjs(article)
    return article
