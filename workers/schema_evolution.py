"""Is a new version of a topic's schema safe for the consumers of the released one?

Every schema carries ``x-version`` (semver); each released set is kept under
``schemas/released/<version>/``. :func:`incompatibilities` flattens a topic schema (following
``allOf`` and ``$ref`` across files) into field paths and compares them with the released
version. Consumers break when a field they read disappears or changes type, when a field that
was always present becomes optional, or when an enum loses a value; adding fields, optional
properties and enum values is fine.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

#: path → (types, enum values or None, always present?)
Shape = dict[str, tuple[frozenset[str], frozenset[str] | None, bool]]


def load_set(directory: Path) -> dict[str, dict[str, Any]]:
    """Schemas of one directory by ``$id``."""
    return {
        (doc := orjson.loads(path.read_bytes()))["$id"]: doc
        for path in sorted(directory.glob("*.schema.json"))
    }


@dataclass
class _Resolver:
    documents: dict[str, dict[str, Any]]

    def deref(self, node: dict[str, Any], base: str) -> tuple[dict[str, Any], str]:
        seen = 0
        while "$ref" in node and seen < 32:
            ref = node["$ref"]
            target, _, pointer = ref.partition("#")
            base = target or base
            node = self.documents[base]
            for part in filter(None, pointer.split("/")):
                node = node[part]
            seen += 1
        return node, base


def _types(node: dict[str, Any], resolver: _Resolver, base: str) -> frozenset[str]:
    node, base = resolver.deref(node, base)
    if "anyOf" in node:
        return frozenset().union(*(_types(n, resolver, base) for n in node["anyOf"]))
    kind = node.get("type")
    if kind is None:
        if "enum" in node:
            return frozenset(type(v).__name__ for v in node["enum"])
        return frozenset({"any"}) if "properties" not in node else frozenset({"object"})
    return frozenset([kind] if isinstance(kind, str) else kind)


def _collect(node: dict[str, Any], resolver: _Resolver, base: str, path: str, present: bool,
             shape: Shape) -> None:
    node, base = resolver.deref(node, base)
    parts = [node, *node.get("allOf", ())]
    properties: dict[str, list[tuple[dict[str, Any], str]]] = {}
    required: set[str] = set()
    for part in parts:
        part, part_base = resolver.deref(part, base)
        required.update(part.get("required", ()))
        for name, sub in part.get("properties", {}).items():
            properties.setdefault(name, []).append((sub, part_base))
        for inner in part.get("allOf", ()) if part is not node else ():
            _collect(inner, resolver, part_base, path, present, shape)
    for name, subs in properties.items():
        child = f"{path}/{name}"
        types = frozenset().union(*(_types(s, resolver, b) for s, b in subs
                                    if "type" in resolver.deref(s, b)[0]
                                    or "$ref" in s or "anyOf" in s or "enum" in s)) or None
        enums = None
        for sub, sub_base in subs:
            resolved, _ = resolver.deref(sub, sub_base)
            if "enum" in resolved:
                enums = frozenset(map(str, resolved["enum"]))
        previous = shape.get(child)
        shape[child] = (
            types if types is not None else (previous[0] if previous else frozenset({"any"})),
            enums if enums is not None else (previous[1] if previous else None),
            present and (name in required or bool(previous and previous[2])),
        )
        for sub, sub_base in subs:
            resolved, resolved_base = resolver.deref(sub, sub_base)
            # A nullable object (anyOf [object, null]) still has fields consumers read.
            for branch in resolved.get("anyOf", [resolved]):
                branch, branch_base = resolver.deref(branch, resolved_base)
                if "items" in branch:
                    _collect(branch["items"], resolver, branch_base, child + "[]", True, shape)
                if "properties" in branch or "allOf" in branch:
                    _collect(branch, resolver, branch_base, child, shape[child][2], shape)


def shape_of(schema_id: str, documents: dict[str, dict[str, Any]]) -> Shape:
    shape: Shape = {}
    _collect(documents[schema_id], _Resolver(documents), schema_id, "", True, shape)
    return shape


def incompatibilities(schema_id: str, released: dict[str, dict[str, Any]],
                      current: dict[str, dict[str, Any]]) -> list[str]:
    """What in ``current`` breaks a consumer written against ``released`` (empty: nothing)."""
    old, new = shape_of(schema_id, released), shape_of(schema_id, current)
    problems = []
    for path, (types, enum, present) in sorted(old.items()):
        if path not in new:
            problems.append(f"{path}: removed")
            continue
        new_types, new_enum, new_present = new[path]
        if "any" not in types and new_types != types:
            problems.append(f"{path}: type {sorted(types)} -> {sorted(new_types)}")
        if enum is not None and (new_enum is None or not enum <= new_enum):
            lost = sorted(enum - (new_enum or frozenset()))
            problems.append(f"{path}: enum lost {lost}")
        if present and not new_present:
            problems.append(f"{path}: no longer required")
    return problems
