"""The record contract in code: reading raw articles, the pipeline trail and dead-letter records.

Knows nothing of Kafka: the agents (``workers.app``) and the in-process runner
(``workers.pipeline``) both call these functions on plain bytes and dicts.
"""

from __future__ import annotations

import base64
import hashlib
from datetime import datetime, timezone
from typing import Any

from . import codec
from .errors import BodyTooLarge, EmptyBody, SchemaViolation, WartaError
from .schemas import first_error


def utc_now() -> str:
    """Current time as RFC 3339 with milliseconds, UTC."""
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def content_id(article: dict[str, Any]) -> str:
    """Stable id for an article a feed sent without one: a hash of its headline and body.

    Re-sends of the same text get the same id, so downstream can deduplicate them.
    """
    digest = hashlib.sha256()
    digest.update(str(article.get("headline") or "").encode("utf-8", "surrogatepass"))
    digest.update(b"\x00")
    digest.update(str(article.get("body") or "").encode("utf-8", "surrogatepass"))
    return "sha256:" + digest.hexdigest()[:32]


def read_raw_article(article: Any, *, max_body_chars: int) -> dict[str, Any]:
    """Check a decoded raw article against ``articles.raw`` and give it an id.

    Returns a new dict (the input is not modified) with ``id`` always set. Unknown extra fields are
    kept. Raises an :class:`~workers.errors.InputError` subclass describing the first problem.
    """
    if not isinstance(article, dict):
        raise SchemaViolation(f"(root): expected a JSON object, got {type(article).__name__}")
    body = article.get("body")
    # Size before schema: validating a 20 MB string is wasted work when it is rejected anyway.
    if isinstance(body, str) and len(body) > max_body_chars:
        raise BodyTooLarge(f"body has {len(body)} characters; the limit is {max_body_chars}")
    problem = first_error("articles.raw", article)
    if problem is not None:
        raise SchemaViolation(problem)
    if not body.strip():
        raise EmptyBody("body has no text")
    if "\x00" in body:
        raise SchemaViolation("body: contains NUL characters")
    record = dict(article)
    if not record.get("id"):
        record["id"] = content_id(record)
    return record


def check_record(record: Any, schema_name: str) -> dict[str, Any]:
    """Validate a record read from an internal topic against that topic's schema."""
    if not isinstance(record, dict):
        raise SchemaViolation(f"(root): expected a JSON object, got {type(record).__name__}")
    problem = first_error(schema_name, record)
    if problem is not None:
        raise SchemaViolation(problem)
    return record


def article_id_of(payload: Any) -> str | None:
    """The article id of a payload, when there is one to read."""
    if isinstance(payload, dict):
        value = payload.get("id")
        if isinstance(value, str) and value:
            return value
        if isinstance(payload.get("body"), str):
            return content_id(payload)
    return None


def dead_letter(
    *,
    stage: str,
    error: WartaError,
    original: bytes | Any,
    article_id: str | None = None,
    source: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Build the ``articles.dlq`` record for an input that ``stage`` could not process.

    ``original`` is the payload as received: raw bytes (from Kafka or a file) or an already
    decoded value. Bytes are kept as parsed JSON when they parse, else as text, else as base64,
    so ``warta dlq replay`` can re-publish exactly what arrived.
    """
    value, encoding = _preserve(original)
    if article_id is None and encoding == "json":
        article_id = article_id_of(value)
    record: dict[str, Any] = {
        "id": article_id,
        "stage": stage,
        "error": {"class": type(error).__name__, "message": str(error)[:2000]},
        "original": value,
        "original_encoding": encoding,
        "failed_at": utc_now(),
    }
    if source:
        record["source"] = source
    return record


def _preserve(original: bytes | Any) -> tuple[Any, str]:
    if not isinstance(original, (bytes, bytearray, memoryview)):
        return original, "json"
    data = bytes(original)
    try:
        return codec.loads(data), "json"
    except WartaError:
        pass
    try:
        return data.decode("utf-8"), "text"
    except UnicodeDecodeError:
        return base64.b64encode(data).decode("ascii"), "base64"
