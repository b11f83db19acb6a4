"""Reading articles from files and stdin for ``warta process`` and ``warta feed``.

Formats: ``text`` (one article per file, id = file stem) and ``jsonl`` (one raw article per line).
JSONL lines are passed on as the bytes read, unparsed, so that a bad line reaches the dead-letter
path exactly as it arrived instead of failing here.
"""

from __future__ import annotations

import hashlib
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

import orjson

FORMATS = ("text", "jsonl")
_JSONL_SUFFIXES = {".jsonl", ".ndjson"}


@dataclass
class Input:
    """One article as read: its payload (a dict for text files, raw bytes for JSONL lines)."""

    payload: dict | bytes
    origin: str  # file:line, for messages

    def key(self) -> bytes:
        """Kafka key: the article id when readable, else a hash of the bytes."""
        from .records import article_id_of

        value = self.payload
        if isinstance(value, (bytes, bytearray)):
            try:
                value = orjson.loads(value)
            except orjson.JSONDecodeError:
                return ("sha256:" + hashlib.sha256(self.payload).hexdigest()[:32]).encode()
        article_id = article_id_of(value)
        if article_id is None:
            return ("sha256:" + hashlib.sha256(self.encoded()).hexdigest()[:32]).encode()
        return article_id.encode("utf-8", "surrogatepass")

    def encoded(self) -> bytes:
        if isinstance(self.payload, (bytes, bytearray)):
            return bytes(self.payload)
        return orjson.dumps(self.payload)


def _format_of(path: str, fmt: str | None) -> str:
    if fmt:
        return fmt
    if path == "-":
        return "jsonl"
    return "jsonl" if Path(path).suffix.lower() in _JSONL_SUFFIXES else "text"


def read_inputs(paths: Iterable[str], fmt: str | None = None) -> Iterator[Input]:
    """Yield one :class:`Input` per article, in order; ``-`` (or no path at all) is stdin."""
    paths = list(paths) or ["-"]
    for path in paths:
        kind = _format_of(path, fmt)
        if path == "-":
            data = sys.stdin.buffer.read()
            name = "stdin"
        else:
            data = Path(path).read_bytes()
            name = path
        if kind == "text":
            stem = "stdin" if path == "-" else Path(path).stem
            try:
                yield Input({"id": stem, "body": data.decode("utf-8")}, name)
            except UnicodeDecodeError:
                # Hand the bytes on: the pipeline reports them as InvalidEncoding in the DLQ.
                yield Input(data, name)
        else:
            for number, line in enumerate(data.splitlines(), 1):
                if line.strip():
                    yield Input(line, f"{name}:{number}")
