"""The JSON Schema contract of every Warta topic, loaded from ``schemas/``.

One schema file per topic (``articles.raw.schema.json`` ...) plus ``defs.schema.json`` for shared
pieces, all JSON Schema 2020-12 and linked by ``urn:warta:schema:*`` ids. In a checkout they are read
from the top-level ``schemas/`` folder; an installed wheel carries a copy as ``workers/_schemas``.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import orjson
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

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
def _registry() -> tuple[Registry, dict[str, dict[str, Any]]]:
    by_name: dict[str, dict[str, Any]] = {}
    registry = Registry()
    for path in sorted(schema_dir().glob("*.schema.json")):
        schema = orjson.loads(path.read_bytes())
        by_name[path.name.removesuffix(".schema.json")] = schema
        registry = registry.with_resource(schema["$id"], Resource.from_contents(schema))
    return registry, by_name


def load_schema(name: str) -> dict[str, Any]:
    """The schema document called ``name`` (e.g. ``"articles.enriched"``)."""
    return _registry()[1][name]


@cache
def validator(name: str) -> Draft202012Validator:
    """A compiled validator for the schema ``name``; cached, safe to call on the hot path."""
    registry, by_name = _registry()
    return Draft202012Validator(by_name[name], registry=registry)


def first_error(name: str, instance: Any) -> str | None:
    """A one-line description of the most relevant violation, or None when ``instance`` is valid."""
    from jsonschema.exceptions import best_match

    error = best_match(validator(name).iter_errors(instance))
    if error is None:
        return None
    where = "/".join(str(p) for p in error.absolute_path) or "(root)"
    return f"{where}: {error.message[:300]}"
