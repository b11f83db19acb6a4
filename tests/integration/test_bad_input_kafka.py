"""Bad input through a real broker: every bad message lands on the DLQ with its reason, the worker
keeps running, and the ordinary articles around it come out enriched exactly once.

One `warta worker` process runs every stage. Ordinary articles and hostile messages are produced
interleaved on ONE partition of the raw topic (so each hostile message sits between two neighbours
that the worker must still process after it), then both output topics are read back.
"""

from __future__ import annotations

import asyncio
import subprocess
import time
from collections import Counter
from pathlib import Path
from typing import Any

import orjson
import pytest

from tests.fixtures.articles import generate_article
from tests.kafka import start_worker, stop_worker
from workers.kafka_io import producer_for, tail_topic
from workers.schemas import first_error
from workers.settings import Settings
from workers.topics import ensure_topics

pytestmark = pytest.mark.kafka

BODY = ("Presiden Joko Widodo mengatakan di Jakarta, Senin (5/8/2024), bahwa 2.000 orang telah "
        "dievakuasi. “Kami siaga,” ujarnya, dilansir Antara.")
C0_KEPT = "".join(chr(c) for c in range(1, 32) if chr(c) not in "\t\n\r")


def _nested(depth: int) -> bytes:
    return b"[" * depth + b"]" * depth


def _article(article_id: str, body: str, **extra: Any) -> bytes:
    return orjson.dumps({"id": article_id, "body": body, **extra})


#: key -> (payload, expected DLQ error class, id the dead letter must carry)
BAD: dict[str, tuple[bytes, str, str | None]] = {
    "not-json": (b"this is not {json", "InvalidJSON", None),
    "array": (b'[{"id": "in-array", "body": "x"}]', "SchemaViolation", None),
    "string": (b'"just a string"', "SchemaViolation", None),
    "number": (b"3.14", "SchemaViolation", None),
    "null": (b"null", "SchemaViolation", None),
    "no-body": (b'{"id": "no-body", "headline": "Headline only"}', "SchemaViolation", "no-body"),
    "body-not-string": (b'{"id": "body-int", "body": 42}', "SchemaViolation", "body-int"),
    "empty-body": (b'{"id": "empty-body", "body": ""}', "EmptyBody", "empty-body"),
    "blank-body": (b'{"id": "blank-body", "body": " \\n\\t "}', "EmptyBody", "blank-body"),
    "bad-utf8": (b'{"id": "bad-utf8", "body": "caf\xe9 \xff"}', "InvalidEncoding", None),
    "nul": (_article("nul", BODY + "\x00"), "SchemaViolation", "nul"),
    "too-deep-json": (b'{"id": "deep", "body": "x", "x": ' + _nested(2000) + b"}", "InvalidJSON",
                      None),
    "deeper-than-warta-carries": (b'{"id": "deep-300", "body": "Presiden Joko", "x": '
                                  + _nested(300) + b"}", "SchemaViolation", "deep-300"),
    "body-one-over-limit": (_article("one-over", "a" * 200_001), "BodyTooLarge", "one-over"),
    "body-2MB": (_article("two-mb", "Presiden Joko. " * 140_000), "BodyTooLarge", "two-mb"),
}

#: key -> payload that is odd but legal: it must come out enriched.
ODD_BUT_LEGAL: dict[str, bytes] = {
    "quotes-100k": _article("quotes-100k", "“" * 100_000),
    "ascii-quotes-100k": _article("ascii-quotes-100k", '"' * 100_000),
    "controls": _article("controls", " ".join(w + c for w, c in zip(BODY.split() * 3, C0_KEPT * 3))),
    "extra-fields": _article("extra-fields", BODY, x_feed={"tags": ["a", "b"], "n": [1, {"m": None}]},
                             x_flag=True),
    "max-body": _article("max-body", ("Joko Widodo berkata. " * 10_000)[:200_000]),
}
DUPLICATE = generate_article(900, seed=11)


async def _produce(settings: Settings, messages: list[tuple[bytes, bytes]]) -> None:
    await ensure_topics(settings)
    producer = producer_for(settings)
    await producer.start()
    try:
        for key, value in messages:
            await producer.send_and_wait(settings.topic_raw, value=value, key=key, partition=0)
    finally:
        await producer.stop()


def _read(settings: Settings, topic: str) -> list[dict]:
    records: list[dict] = []
    asyncio.run(tail_topic(settings, topic, lambda v: records.append(orjson.loads(v)),
                           from_beginning=True, idle_timeout_s=2.0))
    return records


def _wait_for(settings: Settings, worker: subprocess.Popen, enriched: int, dead: int,
              timeout_s: float) -> tuple[list[dict], list[dict]]:
    deadline = time.monotonic() + timeout_s
    while True:
        out, dlq = _read(settings, settings.topic_enriched), _read(settings, settings.topic_dlq)
        if (len(out) >= enriched and len(dlq) >= dead) or time.monotonic() > deadline \
                or worker.poll() is not None:
            return out, dlq


def _without_timings(record: dict) -> dict:
    out = dict(record)
    out["pipeline"] = [{k: v for k, v in s.items() if k not in ("processed_at", "duration_ms")}
                       for s in record["pipeline"]]
    return out


def test_every_bad_message_is_dead_lettered_with_its_reason_and_neighbours_come_out_once(
    run_settings: Settings, tmp_path: Path
) -> None:
    # neighbour, hostile, neighbour, hostile, ... on one partition, then the duplicate twice.
    hostile = [(k.encode(), v) for k, (v, _, _) in BAD.items()] + \
              [(k.encode(), v) for k, v in ODD_BUT_LEGAL.items()]
    neighbours = [generate_article(i, seed=11) for i in range(len(hostile) + 1)]
    messages: list[tuple[bytes, bytes]] = []
    for neighbour, bad in zip(neighbours, hostile + [None]):
        messages.append((neighbour["id"].encode(), orjson.dumps(neighbour)))
        if bad:
            messages.append(bad)
    messages += [(DUPLICATE["id"].encode(), orjson.dumps(DUPLICATE))] * 2
    expected_enriched = Counter({n["id"]: 1 for n in neighbours})
    expected_enriched.update({k: 1 for k in ODD_BUT_LEGAL})
    expected_enriched[DUPLICATE["id"]] = 2

    log_path = tmp_path / "worker.log"
    worker = start_worker(run_settings, log_path)
    try:
        started = time.monotonic()
        asyncio.run(_produce(run_settings, messages))
        enriched, dead = _wait_for(run_settings, worker, sum(expected_enriched.values()), len(BAD),
                                   timeout_s=240)
        elapsed = time.monotonic() - started
        alive = worker.poll() is None
    finally:
        returncode = stop_worker(worker)
    log_tail = log_path.read_text(errors="replace")[-3000:]

    assert alive, f"the worker died on bad input (exit {worker.returncode})\n{log_tail}"
    assert returncode == 0, log_tail
    print(f"\nin={len(messages)} enriched={len(enriched)} dlq={len(dead)} in {elapsed:.1f} s")

    # Every ordinary and odd-but-legal article once (the duplicate twice), nothing else.
    counts = Counter(r["id"] for r in enriched)
    assert counts == expected_enriched, (
        f"missing {expected_enriched - counts}, unexpected {counts - expected_enriched}\n{log_tail}")
    for record in enriched:
        assert first_error("articles.enriched", record) is None, record["id"]
    by_id = {r["id"]: r for r in enriched}
    assert by_id["controls"]["body"] == orjson.loads(ODD_BUT_LEGAL["controls"])["body"]
    assert by_id["extra-fields"]["x_feed"] == {"tags": ["a", "b"], "n": [1, {"m": None}]}
    assert by_id["extra-fields"]["x_flag"] is True
    twice = [_without_timings(r) for r in enriched if r["id"] == DUPLICATE["id"]]
    assert twice[0] == twice[1]  # processed twice, the same result

    # Every bad message exactly once on the DLQ, first stage, with its class, reason and origin.
    assert len(dead) == len(BAD), [d["error"] for d in dead]
    raw_keys = {}
    for letter in dead:
        assert first_error("articles.dlq", letter) is None, letter["error"]
        assert letter["stage"] == "language"
        assert letter["source"]["topic"] == run_settings.topic_raw
        assert letter["source"]["partition"] == 0
        raw_keys[letter["source"]["offset"]] = letter
    offsets = {key.decode(): i for i, (key, _) in enumerate(messages)}
    for key, (payload, error_class, article_id) in BAD.items():
        letter = raw_keys[offsets[key]]
        assert letter["error"]["class"] == error_class, (key, letter["error"])
        assert letter["error"]["message"], key
        assert letter["id"] == article_id, key


def test_an_article_whose_output_is_too_large_to_send_is_dead_lettered_not_a_crash_loop(
    run_settings: Settings, tmp_path: Path
) -> None:
    before, after = generate_article(1, seed=12), generate_article(2, seed=12)
    hostile = _article("many-amounts", ("1 " * 100_000)[:200_000])
    log_path = tmp_path / "worker.log"
    worker = start_worker(run_settings, log_path)
    try:
        asyncio.run(_produce(run_settings, [(b"before", orjson.dumps(before)),
                                            (b"many-amounts", hostile),
                                            (b"after", orjson.dumps(after))]))
        enriched, dead = _wait_for(run_settings, worker, 2, 1, timeout_s=120)
        alive = worker.poll() is None
    finally:
        returncode = stop_worker(worker)
    log_tail = log_path.read_text(errors="replace")[-2000:]
    assert alive, f"the worker exited {returncode} on a legal article\n{log_tail}"
    assert {r["id"] for r in enriched} == {before["id"], after["id"]}
    assert [d["id"] for d in dead] == ["many-amounts"]
    assert dead[0]["error"]["class"] == "OutputTooLarge"
