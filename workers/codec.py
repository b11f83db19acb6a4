"""orjson as Faust's codec: every record on every Warta topic is (de)serialised here.

Registered with Faust under the name ``"orjson"`` on import, so topics and ``send`` calls can say
``value_serializer="orjson"``. Decoding goes through :func:`loads` so that a bad payload raises
Warta's own :class:`~workers.errors.InvalidEncoding` / :class:`~workers.errors.InvalidJSON`
instead of being dropped inside Faust.
"""

from __future__ import annotations

from typing import Any

import orjson
from faust.serializers import codecs

from .errors import InvalidEncoding, InvalidJSON

CODEC_NAME = "orjson"


def dumps(obj: Any) -> bytes:
    return orjson.dumps(obj)


def loads(data: bytes | str) -> Any:
    """Parse a payload, telling bad encoding from bad JSON."""
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        if isinstance(data, (bytes, bytearray, memoryview)):
            try:
                bytes(data).decode("utf-8")
            except UnicodeDecodeError as enc:
                raise InvalidEncoding(f"payload is not valid UTF-8: {enc}") from None
        raise InvalidJSON(f"payload is not JSON: {exc}") from None


class OrjsonCodec(codecs.Codec):
    """Faust codec backed by orjson."""

    def _dumps(self, obj: Any) -> bytes:
        return orjson.dumps(obj)

    def _loads(self, s: bytes) -> Any:
        return orjson.loads(s)


codecs.register(CODEC_NAME, OrjsonCodec())
