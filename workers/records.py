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


#: Deepest nesting a raw article may have (the article object itself is level 1). orjson reads
#: up to 1024 levels but writes at most 254, so without a limit an article nested, say, 300 deep
#: in an extra field would be accepted, processed, and then fail to serialise at every send: the
#: worker would exit without committing and meet the same article again after each restart.
#: News metadata nests a handful of levels; 64 leaves room and keeps every output writable.
MAX_NESTING = 64
#: orjson.dumps refuses values nested deeper than this (its recursion limit).
_ORJSON_WRITE_DEPTH = 254


def nests_deeper_than(value: Any, levels: int) -> bool:
    """Whether ``value`` (a decoded JSON value) has more than ``levels`` levels of containers.

    Measured by orjson in C, not by a Python walk (a wide 8 MB payload of small containers takes
    ~0.75 s to walk, ~20 ms to serialise): ``value`` is wrapped in enough one-element lists that it
    can be written only if its own depth is at most ``levels``.
    """
    if not isinstance(value, (dict, list)):
        return False
    if isinstance(value, dict) and not any(isinstance(v, (dict, list)) for v in value.values()):
        return levels < 1
    wrapped = value
    for _ in range(_ORJSON_WRITE_DEPTH - levels):
        wrapped = [wrapped]
    try:
        codec.dumps(wrapped)
    except (TypeError, ValueError):  # orjson.JSONEncodeError: "Recursion limit reached"
        return True
    return False


def read_raw_article(article: Any, *, max_body_chars: int) -> dict[str, Any]:
    """Check a decoded raw article against ``articles.raw`` and give it an id.

    Returns a new dict (the input is not modified) with ``id`` always set. Unknown extra fields are
    kept. Raises an :class:`~workers.errors.InputError` subclass describing the first problem, in
    this order (each check is cheaper than the next, and none reads the body more than once):

    - not a JSON object → ``SchemaViolation``;
    - ``body`` longer than ``max_body_chars`` → ``BodyTooLarge`` (before any other work);
    - nested deeper than :data:`MAX_NESTING` levels → ``SchemaViolation``;
    - the ``articles.raw`` schema (``body`` required and a string, ...) → ``SchemaViolation``;
    - ``body`` empty or whitespace only → ``EmptyBody``;
    - ``body`` holding NUL (U+0000) → ``SchemaViolation``.

    Other control characters (C0 U+0001-U+001F besides tab/LF/CR, DEL, C1) are *kept* and the
    article is processed: the body is never rewritten, so every offset still points into the text
    the feed sent. Stages treat them as ordinary characters (sentences: \\v \\f and U+001C-U+001E
    end a line; language detection ignores them). NUL alone is refused: C string APIs downstream
    (CLD2, databases) truncate at it.
    """
    if not isinstance(article, dict):
        raise SchemaViolation(f"(root): expected a JSON object, got {type(article).__name__}")
    body = article.get("body")
    # Size before schema: validating a 20 MB string is wasted work when it is rejected anyway.
    if isinstance(body, str) and len(body) > max_body_chars:
        raise BodyTooLarge(f"body has {len(body)} characters; the limit is {max_body_chars}")
    if nests_deeper_than(article, MAX_NESTING):
        raise SchemaViolation(f"(root): nested deeper than {MAX_NESTING} levels")
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
    value, encoding, decoded = _preserve(original)
    if article_id is None:
        article_id = article_id_of(decoded)
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


def _preserve(original: bytes | Any) -> tuple[Any, str, Any]:
    """(value to store, its encoding, the decoded JSON value or None)."""
    if not isinstance(original, (bytes, bytearray, memoryview)):
        return original, "json", original
    data = bytes(original)
    try:
        decoded = codec.loads(data)
    except WartaError:
        decoded = None
    else:
        # Inside the letter the value sits one level down; orjson could not write it back if it
        # nests (almost) as deep as orjson reads, so such a payload is kept as its text.
        if not nests_deeper_than(decoded, _ORJSON_WRITE_DEPTH - 2):
            return decoded, "json", decoded
    try:
        return data.decode("utf-8"), "text", decoded
    except UnicodeDecodeError:
        return base64.b64encode(data).decode("ascii"), "base64", decoded
