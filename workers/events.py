"""Kafka headers of every record a stage produces: CloudEvents 1.0 binary mode plus W3C trace context.

Binary mode keeps the payload the plain JSON record and puts the event attributes in headers
(``ce_*``), as the CloudEvents Kafka binding specifies. ``ce_id`` is the article id, the stage and
the stage version, so a record re-delivered after a crash is the *same* event and consumers can
drop it by ``ce_source`` + ``ce_id``. ``traceparent`` carries one trace id from the raw record (the
producer's, when it sent one) to the enriched one, with a new span per stage.
"""

from __future__ import annotations

import os
import re

from .asyncapi import EVENT_TYPES
from .records import utc_now

SPEC_VERSION = "1.0"
_TRACEPARENT = re.compile(r"^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$")

Headers = list[tuple[str, bytes]]


def header(headers: object, name: str) -> str | None:
    """One header's value from what Faust or aiokafka hand over (a list of pairs or a dict)."""
    items = headers.items() if isinstance(headers, dict) else (headers or ())
    for key, value in items:  # type: ignore[union-attr]
        if key == name:
            if isinstance(value, (bytes, bytearray)):
                return bytes(value).decode("utf-8", "replace")
            return None if value is None else str(value)
    return None


def next_traceparent(incoming: str | None) -> str:
    """The same trace with a new span (a new trace when the incoming header is absent or bad)."""
    match = _TRACEPARENT.match(incoming or "")
    trace_id = match.group(1) if match and match.group(1) != "0" * 32 else os.urandom(16).hex()
    return f"00-{trace_id}-{os.urandom(8).hex()}-01"


def cloud_event_headers(*, role: str, stage: str, version: str, article_id: str | None,
                        traceparent: str) -> Headers:
    """Headers for a record of topic ``role`` (``lang`` … ``enriched``, ``dlq``) made by ``stage``."""
    subject = article_id or "unknown"
    pairs = [
        ("ce_specversion", SPEC_VERSION),
        ("ce_id", f"{subject}/{stage}/{version}" + ("/dead-letter" if role == "dlq" else "")),
        ("ce_source", f"/warta/stage/{stage}"),
        ("ce_type", EVENT_TYPES[role]),
        ("ce_time", utc_now()),
        ("ce_subject", subject),
        ("content-type", "application/json"),
        ("traceparent", traceparent),
    ]
    return [(name, value.encode("utf-8")) for name, value in pairs]
