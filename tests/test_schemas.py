"""The schema files themselves: valid JSON Schema 2020-12, one per topic, linked by id."""

from __future__ import annotations

import pytest
from jsonschema import Draft202012Validator

from workers.schemas import TOPIC_SCHEMAS, first_error, load_schema, schema_dir
from workers.settings import Settings


def test_there_is_one_schema_file_per_topic() -> None:
    names = {p.name.removesuffix(".schema.json") for p in schema_dir().glob("*.schema.json")}
    assert set(TOPIC_SCHEMAS) == set(Settings.from_env({}).topics)
    assert set(TOPIC_SCHEMAS.values()) | {"defs"} == names


@pytest.mark.parametrize("name", sorted(set(TOPIC_SCHEMAS.values()) | {"defs"}))
def test_schema_is_valid_2020_12(name: str) -> None:
    schema = load_schema(name)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


def test_raw_schema_requires_body_and_keeps_unknown_fields() -> None:
    assert first_error("articles.raw", {"body": "Teks berita.", "desk": "ekonomi"}) is None
    assert "body" in first_error("articles.raw", {"id": "a1"})
    assert first_error("articles.raw", {"body": "x", "published_at": "2024-08-08T10:00:00+07:00"}) is None
    assert first_error("articles.raw", {"body": "x", "published_at": "8 Agustus 2024"}) is not None


def test_enriched_schema_inherits_every_earlier_requirement() -> None:
    # A record missing `sentences` fails the enriched schema through the allOf chain.
    record = {
        "id": "a", "body": "x", "language": {"code": "en", "confidence": 1.0},
        "quotes": [], "entities": [], "dates": [], "media": [], "amounts": [],
        "fingerprint": {"simhash": "0" * 16},
        "pipeline": [{"stage": s, "version": "1", "processed_at": "2024-08-08T00:00:00Z",
                      "duration_ms": 0.1} for s in ("language", "sentences", "quotes", "enrich")],
    }
    assert "sentences" in first_error("articles.enriched", record)
    record["sentences"] = [{"start": 0, "end": 1, "text": "x"}]
    assert first_error("articles.enriched", record) is None
