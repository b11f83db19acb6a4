"""Turning a dead letter back into the raw article it came from."""

from __future__ import annotations

import base64

import orjson

from workers.errors import InvalidEncoding, InvalidJSON, StageFailure
from workers.pipeline import STAGES, run_stage
from workers.records import dead_letter
from workers.replay import replay_payload
from workers.settings import Settings


def test_a_first_stage_letter_is_republished_byte_for_byte() -> None:
    for raw in (b"not json", b'{"id": "x", "body": "caf\xe9"}', b'{"id": "k", "body": ""}'):
        letter = dead_letter(stage="language", error=InvalidJSON("x"), original=raw)
        replay = replay_payload(orjson.loads(orjson.dumps(letter)))
        if letter["original_encoding"] == "json":
            assert orjson.loads(replay.value) == orjson.loads(raw)
            assert replay.key == b"k"
        else:
            assert replay.value == raw and replay.key is None


def test_a_later_stage_letter_gives_back_the_raw_article_with_its_language_hint() -> None:
    settings = Settings.from_env({})
    raw = {"id": "ant-9", "body": "Menteri mengatakan bahwa harga beras stabil.", "language": "id-ID",
           "headline": "Harga beras", "desk": "ekonomi"}
    record = raw
    for stage in STAGES[:2]:
        record = run_stage(stage, record, settings).record
    letter = dead_letter(stage="quotes", error=StageFailure("KeyError: x"), original=record,
                         article_id="ant-9")
    replay = replay_payload(orjson.loads(orjson.dumps(letter)))
    assert orjson.loads(replay.value) == raw
    assert replay.key == b"ant-9"


def test_base64_letters_decode_to_the_original_bytes() -> None:
    raw = b"\xff\xfe\x00garbage"
    letter = dead_letter(stage="language", error=InvalidEncoding("x"), original=raw)
    assert letter["original"] == base64.b64encode(raw).decode()
    assert replay_payload(letter).value == raw
