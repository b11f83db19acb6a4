"""IPTC ninjs (1.x–3.x JSON news items) to raw articles.

Reads the fields wire services fill: ``uri`` (→ ``id``), ``headlines``/``headline``,
``bodies`` (3.x, by content type) or ``body_text``/``body_html``/``body_xhtml`` (1.x–2.x),
``language``, ``versioncreated``/``firstcreated`` (→ ``published_at``), ``copyrightholder`` /
``provider`` (→ ``source``). The item's other fields are kept under ``ninjs`` so nothing a feed
sent is lost.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from .html import html_to_text

_MARKERS = ("uri", "headlines", "bodies", "body_text", "body_html", "body_xhtml", "versioncreated")
_CONSUMED = {"uri", "headline", "headlines", "bodies", "body_text", "body_html", "body_xhtml",
             "language", "versioncreated", "firstcreated", "copyrightholder"}


def is_ninjs(item: dict[str, Any]) -> bool:
    """A ninjs item, not Warta's own raw article (which has ``body``)."""
    return "body" not in item and "uri" in item and any(k in item for k in _MARKERS[1:])


def rfc3339(value: Any) -> str | None:
    """An ISO 8601 timestamp as RFC 3339 (UTC when it has no offset); None when unreadable."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip().replace("z", "Z")
    if text.endswith("Z"):
        text = text[:-1] + "+00:00"
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.isoformat(timespec="seconds").replace("+00:00", "Z")


def _headline(item: dict[str, Any]) -> str | None:
    headlines = item.get("headlines")
    if isinstance(headlines, list):
        main = [h for h in headlines if isinstance(h, dict) and h.get("value")]
        preferred = [h for h in main if h.get("role") in (None, "main", "default")] or main
        if preferred:
            return str(preferred[0]["value"])
    headline = item.get("headline")
    return str(headline) if headline else None


def _body(item: dict[str, Any]) -> str:
    bodies = item.get("bodies")
    if isinstance(bodies, list):
        for wanted in ("text/plain", "text/html", "application/xhtml+xml"):
            for body in bodies:
                if isinstance(body, dict) and body.get("value") and \
                        str(body.get("contenttype", "text/plain")).startswith(wanted):
                    value = str(body["value"])
                    return value if wanted == "text/plain" else html_to_text(value)
    if item.get("body_text"):
        return str(item["body_text"])
    for field in ("body_html", "body_xhtml"):
        if item.get(field):
            return html_to_text(str(item[field]))
    return ""


def _source(item: dict[str, Any]) -> str | None:
    holder = item.get("copyrightholder")
    if isinstance(holder, dict):
        holder = holder.get("name")
    if holder:
        return str(holder)
    provider = item.get("provider")
    if isinstance(provider, dict):
        provider = provider.get("name")
    return str(provider) if provider else None


def from_ninjs(item: dict[str, Any]) -> dict[str, Any]:
    """The raw article of one ninjs item."""
    article: dict[str, Any] = {"id": str(item["uri"]), "body": _body(item)}
    optional = {
        "headline": _headline(item),
        "language": item.get("language") if isinstance(item.get("language"), str) else None,
        "published_at": rfc3339(item.get("versioncreated")) or rfc3339(item.get("firstcreated")),
        "source": _source(item),
    }
    article.update({k: v for k, v in optional.items() if v})
    rest = {k: v for k, v in item.items() if k not in _CONSUMED}
    if rest:
        article["ninjs"] = rest
    return article


#: Name of the object that carries Warta's own fields (quotes, offsets, ...) in ninjs output.
EXTENSION = "x_warta"


def to_ninjs(record: dict[str, Any]) -> dict[str, Any]:
    """An enriched record as an IPTC ninjs 3.0 item, for consumers that speak ninjs.

    Standard fields carry what ninjs has words for (language, headline, body, people,
    organisations, places with GeoJSON points, subjects the feed sent); quotes, sentences,
    dates, amounts, cited media and every offset stay in the ``x_warta`` extension object.
    """
    article_id = str(record["id"])
    uri = article_id if ":" in article_id else f"urn:warta:article:{article_id}"
    item: dict[str, Any] = {
        "uri": uri,
        "type": "text",
        "language": record["language"]["code"],
        "bodies": [{"role": "main", "contenttype": "text/plain", "value": record["body"]}],
    }
    if record.get("headline"):
        item["headlines"] = [{"role": "main", "value": record["headline"]}]
    if record.get("published_at"):
        item["versioncreated"] = record["published_at"]
    groups = {"person": "people", "organisation": "organisations", "location": "places"}
    for entity in record.get("entities", ()):
        entry: dict[str, Any] = {"name": entity["name"], "rel": "mentioned",
                                 "literal": entity["mentions"][0]["text"]}
        geo = entity.get("geo")
        if geo:
            entry["geometry_geojson"] = {"type": "Point", "coordinates": [geo["lon"], geo["lat"]]}
            if geo.get("geonameid"):
                entry["uri"] = f"https://sws.geonames.org/{geo['geonameid']}/"
        item.setdefault(groups[entity["type"]], []).append(entry)
    subjects = (record.get("ninjs") or {}).get("subjects")
    if subjects:
        item["subjects"] = subjects
    item[EXTENSION] = {
        "id": article_id,
        "language": record["language"],
        **{field: record[field] for field in (
            "sentences", "quotes", "dates", "media", "amounts", "fingerprint", "pipeline")
           if field in record},
        "entities": record.get("entities", []),
    }
    return item
