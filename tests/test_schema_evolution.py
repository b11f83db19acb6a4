"""Schema evolution: each topic schema stays backward compatible with its last released version
(schemas/released/<version>/) and carries a version that moves when the schema does."""

from __future__ import annotations

import copy

import pytest

from tests.conftest import REPO
from workers.schema_evolution import incompatibilities, load_set, shape_of
from workers.schemas import TOPIC_SCHEMAS

CURRENT = load_set(REPO / "schemas")
RELEASES = sorted((REPO / "schemas" / "released").iterdir(),
                  key=lambda p: tuple(int(x) for x in p.name.split(".")))
LATEST = load_set(RELEASES[-1])
IDS = [f"urn:warta:schema:{name}" for name in TOPIC_SCHEMAS.values()]


def _semver(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split("."))


@pytest.mark.parametrize("schema_id", IDS)
def test_current_schema_is_backward_compatible_with_the_last_release(schema_id: str) -> None:
    assert incompatibilities(schema_id, LATEST, CURRENT) == []


@pytest.mark.parametrize("schema_id", IDS + ["urn:warta:schema:defs"])
def test_every_schema_has_a_version_that_moves_when_the_schema_changes(schema_id: str) -> None:
    version = CURRENT[schema_id]["x-version"]
    released = LATEST[schema_id]["x-version"]
    assert _semver(version) >= _semver(released)
    if version == released:
        assert CURRENT[schema_id] == LATEST[schema_id], f"{schema_id} changed: bump x-version"


def test_the_enriched_shape_reaches_into_nested_quote_and_entity_fields() -> None:
    shape = shape_of("urn:warta:schema:articles.enriched", CURRENT)
    assert shape["/quotes[]/speaker/name"][0] == frozenset({"string", "null"})
    assert shape["/entities[]/type"][1] == frozenset({"person", "organisation", "location"})
    assert shape["/body"][2] and not shape["/headline"][2]


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (lambda s: s["$defs"]["quote"]["properties"].pop("cue"), "/quotes[]/cue: removed"),
        (lambda s: s["$defs"]["span"]["properties"].__setitem__("start", {"type": "string"}),
         "/sentences[]/start: type ['integer'] -> ['string']"),
        (lambda s: s["$defs"]["entity"]["properties"]["type"]["enum"].remove("location"),
         "/entities[]/type: enum lost ['location']"),
        (lambda s: s["$defs"]["quote"]["required"].remove("speaker"),
         "/quotes[]/speaker: no longer required"),
    ],
    ids=["removed", "retyped", "enum-narrowed", "made-optional"],
)
def test_breaking_changes_are_detected(mutate, expected: str) -> None:
    changed = copy.deepcopy(CURRENT)
    mutate(changed["urn:warta:schema:defs"])
    assert expected in incompatibilities("urn:warta:schema:articles.enriched", LATEST, changed)


def test_adding_an_optional_field_or_an_enum_value_is_compatible() -> None:
    changed = copy.deepcopy(CURRENT)
    defs = changed["urn:warta:schema:defs"]["$defs"]
    defs["quote"]["properties"]["confidence"] = {"type": "number"}
    defs["entity"]["properties"]["type"]["enum"].append("event")
    assert incompatibilities("urn:warta:schema:articles.enriched", LATEST, changed) == []
