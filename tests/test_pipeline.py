"""The in-process pipeline: every stage in order, every topic's record schema-valid, failures
turned into dead letters."""

from __future__ import annotations

import orjson
import pytest

from tests.fixtures.articles import generate_article
from workers import pipeline
from workers.pipeline import STAGES, Outcome, Stage, process_article, process_many, run_stage
from workers.schemas import first_error
from workers.settings import Settings

SETTINGS = Settings.from_env({})


def test_stages_chain_raw_to_enriched_in_order() -> None:
    assert [s.name for s in STAGES] == ["language", "sentences", "quotes", "enrich"]
    assert [s.input for s in STAGES] == ["raw", "lang", "segmented", "quoted"]
    assert [s.output for s in STAGES] == ["lang", "segmented", "quoted", "enriched"]


def test_every_intermediate_record_of_the_seed_is_valid_for_its_topic(seed_text: str) -> None:
    record: object = orjson.dumps({"id": "000", "body": seed_text})
    for stage in STAGES:
        outcome = run_stage(stage, record, SETTINGS)
        assert outcome.ok, outcome.record
        assert first_error(stage.output_schema, outcome.record) is None
        assert outcome.record["pipeline"][-1]["stage"] == stage.name
        record = outcome.record
    assert record["body"] == seed_text


def test_seed_comes_out_indonesian_with_gold_sentences_and_both_direct_quotes(
    seed_text: str, seed_gold: dict
) -> None:
    outcome = process_article({"id": "000", "body": seed_text}, SETTINGS)
    assert outcome.ok, outcome.record
    record = outcome.record
    assert record["language"]["code"] == "id"
    assert [(s["start"], s["end"]) for s in record["sentences"]] == [
        (s["start"], s["end"]) for s in seed_gold["sentences"]]
    direct = {(q["start"], q["end"]): q for q in record["quotes"] if q["type"] == "direct"}
    for gold in (q for q in seed_gold["quotes"] if q["type"] == "direct"):
        found = direct[(gold["start"], gold["end"])]
        assert found["text"] == gold["text"]
        assert found["speaker"]["name"] == gold["speaker_resolved"]
    for span_list in ("sentences", "quotes", "dates", "amounts", "media"):
        for span in record[span_list]:
            assert seed_text[span["start"]:span["end"]] == span["text"], (span_list, span)


@pytest.mark.parametrize("index", range(12))
def test_generated_multilingual_articles_are_enriched_and_valid(index: int) -> None:
    article = generate_article(index)
    outcome = process_article(orjson.dumps(article), SETTINGS)
    assert outcome.ok, outcome.record
    assert first_error("articles.enriched", outcome.record) is None
    assert outcome.record["language"]["code"] == article["language"]


@pytest.mark.parametrize(
    ("payload", "error_class"),
    [
        (b"\x00\x01 not json", "InvalidJSON"),
        (b'{"body": "caf\xe9"}', "InvalidEncoding"),
        (b'{"headline": "no body"}', "SchemaViolation"),
        (b'{"body": ""}', "EmptyBody"),
        (b"[" * 5000 + b"]" * 5000, "InvalidJSON"),
    ],
)
def test_bad_input_becomes_a_dead_letter_of_the_first_stage(payload: bytes, error_class: str) -> None:
    outcome = process_article(payload, SETTINGS)
    assert not outcome.ok
    assert outcome.record["stage"] == "language"
    assert outcome.record["error"]["class"] == error_class
    assert first_error("articles.dlq", outcome.record) is None


def test_a_stage_that_raises_yields_a_stage_failure_dead_letter_with_the_article_id() -> None:
    def broken(record: dict) -> dict:
        raise ZeroDivisionError("bad arithmetic")

    stage = Stage("quotes", "test", "raw", "lang", broken)
    outcome = run_stage(stage, {"id": "a-7", "body": "Teks."}, SETTINGS)
    assert not outcome.ok
    assert outcome.key == "a-7"
    assert outcome.record["error"] == {
        "class": "StageFailure", "message": "ZeroDivisionError: bad arithmetic"}


def test_an_internal_record_of_the_wrong_shape_is_a_schema_violation() -> None:
    outcome = run_stage(STAGES[2], {"id": "x", "body": "Text."}, SETTINGS)
    assert not outcome.ok
    assert outcome.record["error"]["class"] == "SchemaViolation"
    assert outcome.record["stage"] == "quotes"


def test_body_over_the_configured_limit_is_rejected() -> None:
    from dataclasses import replace

    small = replace(SETTINGS, max_body_chars=50)
    outcome = process_article({"id": "big", "body": "kata " * 20}, small)
    assert outcome.record["error"]["class"] == "BodyTooLarge"
    assert outcome.record["id"] == "big"


def test_a_dead_letter_too_large_to_send_keeps_the_start_and_a_checksum_of_its_original() -> None:
    import base64
    import hashlib

    from workers import codec

    payload = b"\xff" + b"x" * (SETTINGS.max_message_bytes - 1024)  # fits Kafka; base64 would not
    outcome = process_article(payload, SETTINGS)
    letter = outcome.record
    assert letter["error"]["class"] == "InvalidEncoding"
    assert len(codec.dumps(letter)) <= SETTINGS.max_message_bytes
    truncated = letter["original_truncated"]
    assert truncated["bytes"] > len(payload)  # size of the base64 form that was cut
    full_original = codec.dumps(base64.b64encode(payload).decode())
    assert truncated["sha256"] == hashlib.sha256(full_original).hexdigest()
    assert first_error("articles.dlq", letter) is None


def test_warm_up_builds_every_language_s_tables_so_no_article_pays_for_them() -> None:
    from workers.nlp.entities import _lang_tables
    from workers.pipeline import warm_languages, warm_up
    from workers.stages.quote_cues import get_table

    caches = (get_table, _lang_tables)
    for cache in caches:
        cache.cache_clear()
    warm_up()
    built = [cache.cache_info().misses for cache in caches]
    assert {"en", "id", "fr", "ja", "zh", "und"} <= set(warm_languages())
    for code in ("fr", "ja", "ru", "und"):
        record = {"id": "x", "body": "Le ministre a déclaré que la route restera fermée.",
                  "language": {"code": code}}
        for stage in STAGES[1:]:
            record = {**record, **stage.apply(record)}
    assert [cache.cache_info().misses for cache in caches] == built


def _comparable(outcome: Outcome) -> tuple[bool, object]:
    record = dict(outcome.record)
    if outcome.ok:  # the trail's clock readings differ from run to run
        record["pipeline"] = [step["stage"] for step in record["pipeline"]]
    else:
        record.pop("failed_at", None)
    return outcome.ok, record


def _mixed_inputs() -> list[object]:
    good = [orjson.dumps(generate_article(i)) for i in range(7)]
    bad = [b"not json", orjson.dumps({"id": "empty", "body": "   "}), {"id": "d", "body": "Ja."}]
    return [good[0], bad[0], *good[1:4], bad[1], good[4], bad[2], *good[5:]]


@pytest.mark.parametrize("block_articles", [1, 3, 64])
def test_process_many_gives_each_input_exactly_its_process_article_outcome_in_order(
    block_articles: int,
) -> None:
    inputs = _mixed_inputs()
    alone = [_comparable(process_article(payload, SETTINGS)) for payload in inputs]
    together = [_comparable(o) for o in process_many(inputs, SETTINGS, block_articles=block_articles)]
    assert together == alone
    assert [ok for ok, _ in together].count(False) == 2  # not JSON, empty body; "Ja." is enriched


def test_process_many_takes_a_block_through_one_stage_before_the_next(monkeypatch) -> None:
    calls: list[tuple[str, str]] = []
    stages = tuple(
        Stage(s.name, s.version, s.input, s.output,
              (lambda apply, name: lambda record: calls.append((name, record["id"])) or apply(record))
              (s.apply, s.name))
        for s in STAGES)
    monkeypatch.setattr(pipeline, "STAGES", stages)
    inputs = [{"id": f"a{i}", "body": f"Artikel nomor {i} terbit hari ini di Jakarta."} for i in range(5)]
    assert all(o.ok for o in process_many(inputs, SETTINGS, block_articles=2))
    assert calls[:4] == [("language", "a0"), ("language", "a1"), ("sentences", "a0"),
                         ("sentences", "a1")]
    assert [name for name, _ in calls[-4:]] == ["language", "sentences", "quotes", "enrich"]


def test_process_many_yields_a_block_as_soon_as_it_is_done_and_bounds_its_bytes() -> None:
    read: list[int] = []

    def inputs():
        for i in range(4):
            read.append(i)
            yield {"id": f"b{i}", "body": "Harga beras naik 5 persen pekan ini."}

    outcomes = process_many(inputs(), SETTINGS, block_articles=1)
    next(outcomes)
    assert read == [0]  # the first outcome came before the second input was read
    big = "Kata. " * (pipeline.BLOCK_SIZE // 6 + 1)  # one article over the byte bound
    read.clear()

    def big_inputs():
        for i in range(3):
            read.append(i)
            yield {"id": f"c{i}", "body": big}

    next(process_many(big_inputs(), SETTINGS))
    assert read == [0]
