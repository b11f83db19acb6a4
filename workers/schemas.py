"""The JSON Schema contract of every Warta topic, loaded from ``schemas/``.

One schema file per topic (``articles.raw.schema.json`` ...) plus ``defs.schema.json`` for shared
pieces, all JSON Schema 2020-12 and linked by ``urn:warta:schema:*`` ids. In a checkout they are read
from the top-level ``schemas/`` folder; an installed wheel carries a copy as ``workers/_schemas``.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import jsonschema_rs
import orjson

_PACKAGED = Path(__file__).resolve().parent / "_schemas"
_CHECKOUT = Path(__file__).resolve().parent.parent / "schemas"

#: Topic role (as in :attr:`workers.settings.Settings.topics`) → schema name.
TOPIC_SCHEMAS = {
    "raw": "articles.raw",
    "lang": "articles.lang",
    "segmented": "articles.segmented",
    "quoted": "articles.quoted",
    "enriched": "articles.enriched",
    "dlq": "articles.dlq",
}


def schema_dir() -> Path:
    return _PACKAGED if _PACKAGED.is_dir() else _CHECKOUT


@cache
def _registry() -> tuple[jsonschema_rs.Registry, dict[str, dict[str, Any]]]:
    by_name: dict[str, dict[str, Any]] = {}
    for path in sorted(schema_dir().glob("*.schema.json")):
        by_name[path.name.removesuffix(".schema.json")] = orjson.loads(path.read_bytes())
    registry = jsonschema_rs.Registry([(schema["$id"], schema) for schema in by_name.values()])
    return registry, by_name


def load_schema(name: str) -> dict[str, Any]:
    """The schema document called ``name`` (e.g. ``"articles.enriched"``)."""
    return _registry()[1][name]


@cache
def validator(name: str) -> jsonschema_rs.Draft202012Validator:
    """A compiled validator for the schema ``name``; cached, safe to call on the hot path.

    jsonschema-rs (Rust) rather than the pure-Python jsonschema: validating an enriched record
    takes ~0.02 ms instead of ~5 ms, and every stage validates its input.
    """
    registry, by_name = _registry()
    return jsonschema_rs.Draft202012Validator(by_name[name], registry=registry)


def first_error(name: str, instance: Any) -> str | None:
    """A one-line description of the first violation, or None when ``instance`` is valid."""
    check = validator(name)
    if check.is_valid(instance):
        return None
    error = next(iter(check.iter_errors(instance)))
    where = "/".join(str(p) for p in error.instance_path) or "(root)"
    return f"{where}: {error.message[:300]}"
