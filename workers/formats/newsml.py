"""IPTC NewsML-G2 ``newsItem`` XML (what AP, AFP, Reuters and most agencies push) to raw articles.

Parsed with defusedxml with DTDs forbidden, so an entity-expansion bomb or an external entity is
rejected (``InvalidXML``, to the DLQ) and never expanded or fetched. Reads ``@guid`` (→ ``id``),
``@version``, ``itemMeta/versionCreated|firstCreated`` (→ ``published_at``),
``contentMeta/headline``, ``dateline``, ``language/@tag`` (or ``@xml:lang``),
``creditline``/``provider`` (→ ``source``) and the body from ``contentSet``: XHTML ``inlineXML``
(paragraph breaks kept) or plain ``inlineData``. A ``newsMessage`` holding several items gives
one article per ``newsItem``.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from ..errors import InvalidXML
from .html import html_to_text
from .ninjs import rfc3339

G2 = "{http://iptc.org/std/nar/2006-10-01/}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def looks_like_xml(data: bytes) -> bool:
    return data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"<"


def _text(element: ET.Element | None) -> str | None:
    if element is None:
        return None
    value = "".join(element.itertext()).strip()
    return value or None


def _local(tag: Any) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _xhtml_to_text(container: ET.Element) -> str:
    # Only the XHTML <body> is article text (<head><title> repeats the headline).
    body = next((e for e in container.iter() if _local(e.tag) == "body"), container)
    container = body
    # html-text works on HTML, so the XHTML subtree loses its namespace before conversion.
    for element in container.iter():
        element.tag = _local(element.tag)
        element.attrib.clear()
    return html_to_text(ET.tostring(container, encoding="unicode"))


def _body(item: ET.Element) -> str:
    content = item.find(f"{G2}contentSet")
    if content is None:
        return ""
    for inline in content.findall(f"{G2}inlineXML"):
        return _xhtml_to_text(inline)
    for inline in content.findall(f"{G2}inlineData"):
        return (inline.text or "").strip()
    return ""


def _article(item: ET.Element) -> dict[str, Any]:
    guid = item.get("guid")
    if not guid:
        raise InvalidXML("newsItem has no guid")
    meta = item.find(f"{G2}itemMeta")
    content_meta = item.find(f"{G2}contentMeta")
    find = (lambda path: content_meta.find(f"{G2}{path}")) if content_meta is not None else (
        lambda path: None)
    language = find("language")
    provider = meta.find(f"{G2}provider") if meta is not None else None
    article: dict[str, Any] = {"id": guid, "body": _body(item)}
    optional = {
        "headline": _text(find("headline")),
        "language": (language.get("tag") if language is not None else None) or item.get(XML_LANG),
        "published_at": rfc3339(_text(meta.find(f"{G2}versionCreated")) if meta is not None else None)
        or rfc3339(_text(meta.find(f"{G2}firstCreated")) if meta is not None else None),
        "source": _text(find("creditline"))
        or (provider.get("literal") or provider.get("qcode") if provider is not None else None),
        "dateline": _text(find("dateline")),
        "version": item.get("version"),
    }
    article.update({k: v for k, v in optional.items() if v})
    return article


def from_newsml(data: bytes) -> list[dict[str, Any]]:
    """Every ``newsItem`` in a NewsML-G2 document, as raw articles."""
    try:
        root = fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise InvalidXML(f"refused XML: {type(exc).__name__} (DTDs and entities are not allowed)") from None
    except ET.ParseError as exc:
        raise InvalidXML(f"not well-formed XML: {exc}") from None
    if root.tag == f"{G2}newsItem":
        items = [root]
    else:
        items = root.findall(f".//{G2}newsItem")
    if not items:
        raise InvalidXML(f"no NewsML-G2 newsItem (root element is {_local(root.tag)!r})")
    return [_article(item) for item in items]
