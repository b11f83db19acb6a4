"""schemas/asyncapi.yaml: generated from the code (never edited by hand), a valid AsyncAPI 3.0
document, and consistent with the topics and schema files."""

from __future__ import annotations

import json

import pytest
import yaml
from jsonschema import Draft7Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT7

from tests.conftest import REPO
from workers.asyncapi import render
from workers.settings import Settings

DOCUMENT = REPO / "schemas" / "asyncapi.yaml"
SPECS = REPO / ".cache" / "tools" / "asyncapi" / "node_modules" / "@asyncapi" / "specs" / "schemas"


def test_committed_document_is_what_the_generator_writes() -> None:
    assert DOCUMENT.read_text(encoding="utf-8") == render(), "run `warta asyncapi -o schemas/asyncapi.yaml`"


def test_document_is_valid_asyncapi_3() -> None:
    meta_path = SPECS / "3.0.0.json"
    if not meta_path.exists():
        pytest.skip("AsyncAPI meta-schema not fetched (scripts/fetch-asyncapi-specs.sh; .ci/run does)")
    meta = json.loads(meta_path.read_text())
    resource = Resource.from_contents(meta, default_specification=DRAFT7)
    registry = (Registry().with_resource(meta["$id"], resource)
                .with_resources((d["$id"], Resource.from_contents(d, default_specification=DRAFT7))
                                for d in meta["definitions"].values() if "$id" in d))
    validator = Draft7Validator(meta, registry=registry)
    document = yaml.safe_load(DOCUMENT.read_text())
    errors = sorted(validator.iter_errors(document), key=lambda e: list(e.path))
    assert errors == [], [f"{list(e.path)}: {e.message[:200]}" for e in errors[:5]]
    # The validator must be able to fail: a document without channels' addresses typed wrong.
    broken = {**document, "channels": {"x": {"address": 42}}}
    assert list(validator.iter_errors(broken))


def test_channels_name_every_topic_and_point_at_existing_schema_files() -> None:
    document = yaml.safe_load(DOCUMENT.read_text())
    addresses = {c["address"] for c in document["channels"].values()}
    assert addresses == set(Settings.from_env({}).topics.values())
    schemas = document["components"]["schemas"]
    for message in document["components"]["messages"].values():
        component = message["payload"]["$ref"].removeprefix("#/components/schemas/")
        assert component in schemas
        assert message["bindings"]["kafka"]["key"]["type"] == "string"
    # Bundled from the schema files: same requirements, and no reference left pointing outside.
    from workers.schemas import load_schema

    assert schemas["ArticlesEnriched"]["required"] == load_schema("articles.enriched")["required"]
    assert set(schemas["Quote"]["properties"]) == set(
        load_schema("defs")["$defs"]["quote"]["properties"])
    assert "urn:" not in DOCUMENT.read_text() and "$defs" not in DOCUMENT.read_text()
    channel_refs = {op["channel"]["$ref"].rsplit("/", 1)[1] for op in document["operations"].values()}
    assert channel_refs <= set(document["channels"])
