"""Reading articles from files and stdin for ``warta process`` and ``warta feed``.

Formats: ``text`` (one article per file, id = file stem), ``jsonl`` (one raw article per line),
``ninjs`` (an IPTC ninjs item, a JSON array of them, or one per line) and ``newsml`` (an IPTC
NewsML-G2 document). Without ``--format`` the suffix decides (.jsonl/.ndjson, .xml), else the
content. JSONL lines, and NewsML documents that cannot be read, are passed on as the bytes read,
so that a bad input reaches the dead-letter path exactly as it arrived instead of failing here.
"""

from __future__ import annotations

import hashlib
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

import orjson

FORMATS = ("text", "jsonl", "ninjs", "newsml")
_SUFFIXES = {".jsonl": "jsonl", ".ndjson": "jsonl", ".xml": "newsml"}


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


def detect_format(data: bytes) -> str:
    """Guess the format of a file's content."""
    from .formats import is_ninjs, looks_like_xml

    if looks_like_xml(data):
        return "newsml"
    if data.lstrip()[:1] in (b"{", b"["):
        try:
            document = orjson.loads(data)
        except orjson.JSONDecodeError:
            return "jsonl"  # several JSON documents, one per line (or broken JSON: its DLQ says so)
        items = document if isinstance(document, list) else [document]
        if items and all(isinstance(i, dict) and is_ninjs(i) for i in items):
            return "ninjs"
        return "jsonl"
    return "text"


def _documents(data: bytes, name: str) -> Iterator[tuple[bytes, str]]:
    """One JSON document per line, or the whole content when it is a single (multi-line) one."""
    try:
        document = orjson.loads(data)
    except orjson.JSONDecodeError:
        for number, line in enumerate(data.splitlines(), 1):
            if line.strip():
                yield line, f"{name}:{number}"
        return
    for index, item in enumerate(document if isinstance(document, list) else [document], 1):
        yield orjson.dumps(item), f"{name}#{index}"


def read_inputs(paths: Iterable[str], fmt: str | None = None) -> Iterator[Input]:
    """Yield one :class:`Input` per article, in order; ``-`` (or no path at all) is stdin."""
    from .errors import InvalidXML
    from .formats import from_newsml, from_ninjs

    paths = list(paths) or ["-"]
    for path in paths:
        if path == "-":
            data, name = sys.stdin.buffer.read(), "stdin"
        else:
            data, name = Path(path).read_bytes(), path
        kind = fmt or _SUFFIXES.get(Path(path).suffix.lower()) or detect_format(data)
        if kind == "text":
            stem = "stdin" if path == "-" else Path(path).stem
            try:
                yield Input({"id": stem, "body": data.decode("utf-8")}, name)
            except UnicodeDecodeError:
                # Hand the bytes on: the pipeline reports them as InvalidEncoding in the DLQ.
                yield Input(data, name)
        elif kind == "newsml":
            try:
                for index, article in enumerate(from_newsml(data), 1):
                    yield Input(article, f"{name}#{index}")
            except InvalidXML:
                yield Input(data, name)  # the first stage rejects it again, with the reason
        elif kind == "ninjs":
            for line, origin in _documents(data, name):
                item = orjson.loads(line)
                yield Input(from_ninjs(item) if isinstance(item, dict) and "uri" in item else line,
                            origin)
        else:
            for number, line in enumerate(data.splitlines(), 1):
                if line.strip():
                    yield Input(line, f"{name}:{number}")
