"""Bad input, in-process: every unusable article becomes a dead letter with a reason, nothing hangs.

Drives the same code the Faust agents run (`workers.pipeline.process_article` / `run_stage`), one
hostile payload between two ordinary articles, and checks three things each time:

- the bad payload comes out as a schema-valid dead-letter record of the first stage that could not
  use it, with a named ``error.class`` and a message that says what was wrong;
- the run goes on: the neighbours before and after it come out enriched, exactly as they do when
  processed on their own (modulo ``processed_at`` / ``duration_ms``);
- it is decided quickly: nothing an input can do makes a stage run away (a generous bound, not a
  performance number).

Decisions written down here (and in ``workers/records.py``):

- control characters: C0 controls other than NUL (and DEL, C1) are KEPT and the article is
  processed; the body is never rewritten, so offsets point into the text as sent. NUL →
  ``SchemaViolation``.
- nesting: orjson reads 1024 levels (deeper → ``InvalidJSON``) but writes only 254, so a raw
  article nested deeper than ``MAX_NESTING`` (64) levels → ``SchemaViolation`` (otherwise its output
  could never be sent and the worker would crash on it after every restart).
- unknown extra fields are kept and passed through to the enriched record.
- the same article twice is processed twice with the same result (idempotent).
"""

from __future__ import annotations

import base64
import time
from typing import Any

import orjson
import pytest

from tests.fixtures.articles import generate_article
from workers import codec
from workers.pipeline import STAGES, Outcome, process_article, process_many, run_stage, stage_named
from workers.records import MAX_NESTING
from workers.schemas import first_error
from workers.settings import Settings

SETTINGS = Settings.from_env({})
NEIGHBOURS = [generate_article(i, seed=5) for i in range(2)]

#: A short Indonesian article used where a body is needed.
BODY = ("Presiden Joko Widodo mengatakan di Jakarta, Senin (5/8/2024), bahwa 2.000 orang telah "
        "dievakuasi. “Kami siaga,” ujarnya, dilansir Antara.")


def _without_timings(record: dict[str, Any]) -> dict[str, Any]:
    out = dict(record)
    out["pipeline"] = [{k: v for k, v in step.items() if k not in ("processed_at", "duration_ms")}
                       for step in record["pipeline"]]
    return out


@pytest.fixture(scope="module")
def baseline() -> list[dict[str, Any]]:
    """The neighbours processed on their own."""
    outcomes = [process_article(orjson.dumps(a), SETTINGS) for a in NEIGHBOURS]
    assert all(o.ok for o in outcomes)
    return [_without_timings(o.record) for o in outcomes]


def _between_neighbours(payload: Any, baseline: list[dict[str, Any]],
                        settings: Settings = SETTINGS) -> Outcome:
    """Process neighbour, ``payload``, neighbour; check the neighbours; return the middle outcome."""
    payloads = [orjson.dumps(NEIGHBOURS[0]), payload, orjson.dumps(NEIGHBOURS[1])]
    first, middle, last = process_many(payloads, settings)
    assert first.ok and last.ok
    assert [_without_timings(first.record), _without_timings(last.record)] == baseline
    return middle


def _assert_dead_letter(outcome: Outcome, error_class: str, message: str, stage: str = "language"
                        ) -> dict[str, Any]:
    assert not outcome.ok, f"expected a {error_class} dead letter, got an enriched record"
    letter = outcome.record
    assert first_error("articles.dlq", letter) is None
    assert letter["stage"] == stage
    assert letter["error"]["class"] == error_class, letter["error"]
    assert message in letter["error"]["message"], letter["error"]["message"]
    codec.dumps(letter)  # the letter itself can be written to Kafka
    return letter


def _nested(depth: int) -> bytes:
    return b"[" * depth + b"]" * depth


# payload -> (error class, text the message must contain)
BAD_PAYLOADS: dict[str, tuple[bytes, str, str]] = {
    "not JSON": (b"this is not {json", "InvalidJSON", "not JSON"),
    "truncated JSON": (b'{"id": "t", "body": "Presiden', "InvalidJSON", "not JSON"),
    "empty payload": (b"", "InvalidJSON", "not JSON"),
    "JSON array": (b'[{"body": "a"}]', "SchemaViolation", "expected a JSON object, got list"),
    "JSON string": (b'"Presiden Joko Widodo"', "SchemaViolation", "expected a JSON object, got str"),
    "JSON number": (b"42", "SchemaViolation", "expected a JSON object, got int"),
    "JSON null": (b"null", "SchemaViolation", "expected a JSON object, got NoneType"),
    "JSON true": (b"true", "SchemaViolation", "expected a JSON object, got bool"),
    "object without body": (b'{"id": "nobody", "headline": "Headline only"}', "SchemaViolation",
                            '"body" is a required property'),
    "body is a number": (b'{"id": "b1", "body": 5}', "SchemaViolation", 'is not of type "string"'),
    "body is null": (b'{"id": "b2", "body": null}', "SchemaViolation", 'is not of type "string"'),
    "body is a list": (b'{"id": "b3", "body": ["a", "b"]}', "SchemaViolation",
                       'is not of type "string"'),
    "body is an object": (b'{"id": "b4", "body": {"text": "a"}}', "SchemaViolation",
                          'is not of type "string"'),
    "id is a number": (b'{"id": 7, "body": "Presiden"}', "SchemaViolation", 'is not of type "string"'),
    "empty body": (b'{"id": "e1", "body": ""}', "EmptyBody", "no text"),
    "whitespace body": (b'{"id": "e2", "body": " \\n\\t\\r\\u3000 "}', "EmptyBody", "no text"),
    "invalid UTF-8": (b'{"id": "u1", "body": "caf\xe9 \xff\xfe"}', "InvalidEncoding", "UTF-8"),
    "UTF-16": ('{"id": "u2", "body": "Presiden"}'.encode("utf-16"), "InvalidEncoding", "UTF-8"),
    "lone surrogate escape": (b'{"id": "s1", "body": "a \\ud800 b"}', "InvalidJSON", "surrogate"),
    "NUL in body": (b'{"id": "n1", "body": "Presiden\\u0000Joko"}', "SchemaViolation", "NUL"),
    "nested beyond orjson's 1024": (b'{"id": "d1", "body": "a", "x": ' + _nested(1100) + b"}",
                                     "InvalidJSON", "depth limit"),
    "array nested beyond orjson's 1024": (_nested(5000), "InvalidJSON", "depth limit"),
    "nested deeper than Warta carries": (
        b'{"id": "d2", "body": "Presiden Joko", "x": ' + _nested(300) + b"}",
        "SchemaViolation", f"nested deeper than {MAX_NESTING} levels"),
    "XML that is not NewsML": (b'<?xml version="1.0"?><foo/>', "InvalidXML", "newsItem"),
}


@pytest.mark.parametrize("payload, error_class, message", BAD_PAYLOADS.values(), ids=BAD_PAYLOADS)
def test_bad_payload_becomes_a_named_dead_letter_and_neighbours_are_unaffected(
    payload: bytes, error_class: str, message: str, baseline: list[dict[str, Any]]
) -> None:
    started = time.perf_counter()
    letter = _assert_dead_letter(_between_neighbours(payload, baseline), error_class, message)
    assert time.perf_counter() - started < 30  # three articles, no hang
    # The letter keeps what arrived, so `warta dlq replay` can re-publish it byte for byte.
    if letter["original_encoding"] == "base64":
        assert base64.b64decode(letter["original"]) == payload
    elif letter["original_encoding"] == "text":
        assert letter["original"].encode("utf-8") == payload
    else:
        assert letter["original"] == orjson.loads(payload)


def test_the_id_of_a_dead_letter_is_the_feeds_id_when_it_can_be_read() -> None:
    outcome = process_article(b'{"id": "nobody", "headline": "x"}', SETTINGS)
    assert outcome.key == outcome.record["id"] == "nobody"
    assert process_article(b"not json", SETTINGS).record["id"] is None


def test_json_nested_as_deep_as_warta_carries_is_processed_and_passed_through(
    baseline: list[dict[str, Any]]
) -> None:
    deep = orjson.loads(_nested(MAX_NESTING - 1))  # inside the article: MAX_NESTING levels
    outcome = _between_neighbours(orjson.dumps({"id": "deep-ok", "body": BODY, "x": deep}),
                                  baseline)
    assert outcome.ok
    assert outcome.record["x"] == deep
    codec.dumps(outcome.record)  # and the output can be sent


def test_nesting_between_warta_and_orjson_limits_never_makes_an_unsendable_record() -> None:
    """Every depth orjson reads either becomes a record orjson can write, or a dead letter."""
    for depth in (MAX_NESTING - 1, MAX_NESTING, 200, 253, 254, 600, 1022, 1023):
        payload = b'{"id": "d", "body": "Presiden Joko", "x": ' + _nested(depth) + b"}"
        outcome = process_article(payload, SETTINGS)
        codec.dumps(outcome.record)
        assert outcome.ok == (depth < MAX_NESTING), depth
        if not outcome.ok:
            # Too deep to sit inside the letter as JSON: kept as the text that arrived.
            assert outcome.record["original_encoding"] in ("json", "text")
            assert outcome.record["id"] == "d"  # the feed's id is still read from it


# --- size -----------------------------------------------------------------------------------------
def test_a_20_mb_body_is_rejected_before_any_stage_work(monkeypatch: pytest.MonkeyPatch) -> None:
    def must_not_run(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("a stage function ran on a body over the limit")

    import workers.records
    import workers.stages.language

    monkeypatch.setattr(workers.stages.language, "detect_language", must_not_run)
    monkeypatch.setattr(workers.records, "first_error", must_not_run)  # not even the schema
    body = "Presiden Joko Widodo mengatakan. " * (20_000_000 // 33)
    payload = orjson.dumps({"id": "huge", "body": body})
    assert len(payload) > 20_000_000

    started = time.perf_counter()
    outcome = process_article(payload, SETTINGS)
    elapsed = time.perf_counter() - started

    letter = outcome.record
    assert not outcome.ok and letter["error"]["class"] == "BodyTooLarge"
    assert letter["error"]["message"] == (
        f"body has {len(body)} characters; the limit is {SETTINGS.max_body_chars}")
    assert letter["id"] == "huge"
    # Parsing 20 MB is the whole cost (~40 ms measured); 2 s is a bound against walking the body.
    assert elapsed < 2.0, f"rejecting a 20 MB body took {elapsed:.2f} s"
    # Already decoded (e.g. `warta process` on a text file): not even a parse.
    started = time.perf_counter()
    assert run_stage(STAGES[0], {"id": "huge", "body": body}, SETTINGS).record["error"]["class"] \
        == "BodyTooLarge"
    assert time.perf_counter() - started < 0.5


@pytest.mark.parametrize("limit", [1000, 200_000])
def test_the_body_limit_is_the_configured_number_of_characters(limit: int) -> None:
    settings = Settings.from_env({"WARTA_MAX_BODY_CHARS": str(limit)})
    assert settings.max_body_chars == limit
    # Characters, not bytes: "é" is two UTF-8 bytes and counts once.
    at_limit = ("Presiden Joko Widodo berkata é. " * limit)[:limit]
    over = at_limit + "x"
    assert run_stage(STAGES[0], {"id": "a", "body": at_limit}, settings).ok
    outcome = run_stage(STAGES[0], {"id": "b", "body": over}, settings)
    assert outcome.record["error"]["class"] == "BodyTooLarge"
    assert f"body has {limit + 1} characters; the limit is {limit}" == outcome.record["error"][
        "message"]


# --- control characters -------------------------------------------------------------------------
_C0_KEPT = "".join(chr(c) for c in range(1, 32) if chr(c) not in "\t\n\r")


def _spans(record: dict[str, Any]) -> list[tuple[int, int, str]]:
    """Every (start, end, text) span the pipeline reported, of every field."""
    spans = [(s["start"], s["end"], s["text"]) for s in record["sentences"]]
    for q in record["quotes"]:
        spans.append((q["start"], q["end"], q["text"]))
        if q.get("cue_start") is not None:
            spans.append((q["cue_start"], q["cue_end"], q["cue"]))
        if q.get("speaker"):
            spans.append((q["speaker"]["start"], q["speaker"]["end"], q["speaker"]["text"]))
    for e in record["entities"]:
        spans += [(m["start"], m["end"], m["text"]) for m in e["mentions"]]
    for field in ("dates", "media", "amounts"):
        spans += [(x["start"], x["end"], x["text"]) for x in record[field]]
    return spans


def _assert_spans_exact(record: dict[str, Any]) -> None:
    body = record["body"]
    for start, end, text in _spans(record):
        assert 0 <= start <= end <= len(body) and body[start:end] == text, (start, end, text)


def test_control_characters_other_than_nul_are_kept_and_the_article_is_processed(
    baseline: list[dict[str, Any]]
) -> None:
    # Every C0 control but NUL/tab/LF/CR, plus DEL and C1 (U+0085 is NEL), sprinkled between words.
    controls = _C0_KEPT + "\x7f\x85\x9f"
    words = BODY.split(" ")
    body = "".join(w + " " + controls[i % len(controls)] for i, w in enumerate(words * 3))
    outcome = _between_neighbours(orjson.dumps({"id": "ctrl", "body": body}), baseline)
    assert outcome.ok, outcome.record.get("error")
    record = outcome.record
    assert record["body"] == body  # never rewritten: offsets point into what the feed sent
    assert record["language"]["code"] == "id"
    _assert_spans_exact(record)
    assert first_error("articles.enriched", record) is None
    # Every control is in the body; each one alone also keeps an article processable.
    for control in controls:
        assert process_article({"id": "c", "body": BODY + control + BODY}, SETTINGS).ok, \
            repr(control)


def test_nul_anywhere_in_the_body_is_a_schema_violation() -> None:
    for body in ("\x00" + BODY, BODY + "\x00", BODY.replace(" ", "\x00", 1)):
        letter = process_article({"id": "nul", "body": body}, SETTINGS).record
        assert letter["error"] == {"class": "SchemaViolation",
                                   "message": "body: contains NUL characters"}


# --- text that is legal but hostile ---------------------------------------------------------------
HOSTILE_BODIES = {
    "100k ASCII quote marks": '"' * 100_000,
    "100k curly quote marks": "“" * 100_000,
    "100k alternating open/close quotes": "“”" * 50_000,
    "100k quote marks between words": "“kata " * 20_000,
    "100k nested guillemets": "«" * 50_000 + "»" * 50_000,
    "quote marks with cue words": "“Ya,” kata Budi. " * 10_000,
}


@pytest.mark.parametrize("body", HOSTILE_BODIES.values(), ids=HOSTILE_BODIES)
def test_pathological_but_legal_text_is_processed_with_exact_spans_and_no_hang(
    body: str, baseline: list[dict[str, Any]]
) -> None:
    started = time.perf_counter()
    outcome = _between_neighbours(orjson.dumps({"id": "hostile", "body": body}), baseline)
    elapsed = time.perf_counter() - started
    assert outcome.ok, outcome.record.get("error")
    _assert_spans_exact(outcome.record)
    assert first_error("articles.enriched", outcome.record) is None
    assert elapsed < 30, f"{elapsed:.1f} s"


# --- extra fields and duplicates ----------------------------------------------------------------
def test_unknown_extra_fields_are_kept_and_reach_the_enriched_record(
    baseline: list[dict[str, Any]]
) -> None:
    extra = {"x_feed_meta": {"tags": ["banjir", "jakarta"], "score": 0.7, "nested": {"a": [1, None]}},
             "x_flag": True, "x_null": None, "ünïcode_key": "值"}
    outcome = _between_neighbours(orjson.dumps({"id": "extra", "body": BODY, **extra}), baseline)
    assert outcome.ok
    for key, value in extra.items():
        assert outcome.record[key] == value
    assert first_error("articles.enriched", outcome.record) is None


def test_the_same_article_twice_is_processed_twice_with_the_same_result() -> None:
    article = generate_article(7, seed=5)
    first, second = process_many([orjson.dumps(article), orjson.dumps(article)], SETTINGS)
    assert first.ok and second.ok
    assert first.key == second.key == article["id"]
    assert _without_timings(first.record) == _without_timings(second.record)
    # Without a feed id, the content-hash id makes re-sends the same article too.
    no_id = {k: v for k, v in article.items() if k != "id"}
    a, b = process_many([dict(no_id), dict(no_id)], SETTINGS)
    assert a.key == b.key and a.key.startswith("sha256:")
    assert _without_timings(a.record) == _without_timings(b.record)


# --- later stages: their input topic can hold garbage too ---------------------------------------
@pytest.mark.parametrize("stage_name", [s.name for s in STAGES[1:]])
@pytest.mark.parametrize(
    "payload, error_class",
    [(b"not json", "InvalidJSON"), (b"\xff\xfe", "InvalidEncoding"), (b"[]", "SchemaViolation"),
     (b'{"id": "x", "body": "a"}', "SchemaViolation")],
    ids=["not-json", "not-utf8", "array", "missing-stage-fields"],
)
def test_a_later_stage_dead_letters_a_bad_record_under_its_own_name(
    stage_name: str, payload: bytes, error_class: str
) -> None:
    outcome = run_stage(stage_named(stage_name), payload, SETTINGS,
                        source={"topic": "t", "partition": 0, "offset": 3})
    letter = _assert_dead_letter(outcome, error_class, "", stage=stage_name)
    assert letter["source"] == {"topic": "t", "partition": 0, "offset": 3}


def test_a_stage_that_raises_is_a_stage_failure_and_the_next_article_is_unaffected(
    monkeypatch: pytest.MonkeyPatch, baseline: list[dict[str, Any]]
) -> None:
    import workers.stages.sentences as sentences

    real = sentences.segment_sentences

    def fails_on_marker(text: str, language: str = "und") -> list[dict]:
        if "BOOM" in text:
            raise IndexError("string index out of range")
        return real(text, language)

    monkeypatch.setattr(sentences, "segment_sentences", fails_on_marker)
    outcome = _between_neighbours(orjson.dumps({"id": "boom", "body": BODY + " BOOM"}), baseline)
    letter = _assert_dead_letter(outcome, "StageFailure", "IndexError: string index out of range",
                                 stage="sentences")
    assert letter["id"] == "boom"


def test_sentences_pointing_outside_the_body_do_not_crash_the_quotes_stage() -> None:
    """A record on articles.segmented is only schema-checked; offsets past the body are possible."""
    record = process_article({"id": "q", "body": BODY}, SETTINGS)
    assert record.ok
    segmented = {k: v for k, v in record.record.items()
                 if k not in ("quotes", "entities", "dates", "media", "amounts", "fingerprint")}
    segmented["pipeline"] = segmented["pipeline"][:2]
    segmented["sentences"] = [{"start": 0, "end": 10_000, "text": "x"},
                              {"start": 50_000, "end": 40_000, "text": "y"}]
    outcome = run_stage(stage_named("quotes"), orjson.dumps(segmented), SETTINGS)
    # Either a dead letter naming the problem or quotes whose offsets are still exact.
    if outcome.ok:
        body = outcome.record["body"]
        for q in outcome.record["quotes"]:
            assert body[q["start"]:q["end"]] == q["text"]
    else:
        assert outcome.record["error"]["class"] in ("SchemaViolation", "StageFailure")


# --- what a stage produces must be sendable -----------------------------------------------------
@pytest.mark.parametrize("unit", ["1 ", "1\n"])
def test_every_outcome_of_a_maximal_body_fits_in_one_kafka_message(unit: str) -> None:
    body = (unit * SETTINGS.max_body_chars)[: SETTINGS.max_body_chars]
    outcome = process_article({"id": "many-amounts", "body": body}, SETTINGS)
    size = len(codec.dumps(outcome.record))
    assert size <= SETTINGS.max_message_bytes, (
        f"{'enriched record' if outcome.ok else 'dead letter'} of {size:,} bytes")
    # 100,000 amounts do not fit: the article is dead-lettered with the reason, not sent.
    assert not outcome.ok and outcome.record["error"]["class"] == "OutputTooLarge"
    assert outcome.record["id"] == "many-amounts"
