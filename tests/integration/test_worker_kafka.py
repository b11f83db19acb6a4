"""The whole pipeline through a real Kafka broker, driven by the `warta` commands.

A `warta worker` process runs every agent; `warta feed` publishes the seed plus 200 generated
articles; bad messages are produced directly. Every article must come out on the enriched topic
exactly once and schema-valid, and every bad message on the dead-letter topic with its reason.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import orjson
import pytest

from tests.conftest import SEED
from tests.fixtures.articles import generate_article
from tests.kafka import env_for, produce_raw, read_topic, start_worker, stop_worker
from workers.schemas import first_error
from workers.settings import Settings

pytestmark = pytest.mark.kafka

BAD_MESSAGES = {
    # key: (payload, expected error class, expected id in the DLQ record)
    b"bad-not-json": (b"this is not {json", "InvalidJSON", None),
    b"bad-no-body": (b'{"id": "no-body", "headline": "Headline only"}', "SchemaViolation", "no-body"),
    b"bad-utf8": (b'{"id": "bad-utf8", "body": "caf\xe9 \xff\xfe"}', "InvalidEncoding", None),
}


def _warta(settings: Settings, *args: str, **kwargs) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "workers", *args], env=env_for(settings), **kwargs)


def test_seed_and_generated_articles_come_out_enriched_once_and_bad_input_goes_to_dlq(
    run_settings: Settings, tmp_path: Path
) -> None:
    articles = tmp_path / "generated.jsonl"
    articles.write_bytes(b"".join(orjson.dumps(generate_article(i)) + b"\n" for i in range(200)))
    expected_ids = {"000"} | {generate_article(i)["id"] for i in range(200)}

    worker_log = tmp_path / "worker.log"
    worker = start_worker(run_settings, worker_log)
    try:
        feed = subprocess.run(
            [sys.executable, "-m", "workers", "feed", str(SEED), str(articles)],
            env=env_for(run_settings), capture_output=True, text=True, timeout=120,
        )
        assert feed.returncode == 0, feed.stderr
        assert "published 201 article(s)" in feed.stderr
        produce_raw(run_settings, {k: v for k, (v, _, _) in BAD_MESSAGES.items()})

        enriched = read_topic(run_settings, run_settings.topic_enriched, len(expected_ids), 180)
        dead = read_topic(run_settings, run_settings.topic_dlq, len(BAD_MESSAGES), 30)
    finally:
        stop_worker(worker)

    log_text = worker_log.read_text(errors="replace")
    log_lines = [json.loads(line) for line in log_text.splitlines()]  # every line is JSON
    assert all({"time", "level", "logger", "article_id", "stage", "message"} <= set(line)
               for line in log_lines)
    letters = [line for line in log_lines if line["message"].startswith("dead letter")]
    assert sorted(line["error_class"] for line in letters) == sorted(
        error_class for _, error_class, _ in BAD_MESSAGES.values())
    assert {line["stage"] for line in letters} == {"language"}
    assert {line["article_id"] for line in letters} >= {"no-body", "bad-not-json", "bad-utf8"}
    counts = Counter(record["id"] for record in enriched)
    assert set(counts) == expected_ids, f"missing {expected_ids - set(counts)}\n{log_text[-3000:]}"
    assert [i for i, n in counts.items() if n > 1] == []
    for record in enriched:
        assert first_error("articles.enriched", record) is None, record["id"]
        assert [step["stage"] for step in record["pipeline"]] == [
            "language", "sentences", "quotes", "enrich"]

    seed = next(r for r in enriched if r["id"] == "000")
    assert seed["language"]["code"] == "id"
    assert len(seed["sentences"]) == 15
    speakers = {q["speaker"]["name"] for q in seed["quotes"] if q["type"] == "direct" and q["speaker"]}
    assert {"Vladimir Putin", "Rybar"} <= speakers

    assert len(dead) == len(BAD_MESSAGES), dead
    by_class = {record["error"]["class"]: record for record in dead}
    for payload, error_class, article_id in BAD_MESSAGES.values():
        record = by_class[error_class]
        assert first_error("articles.dlq", record) is None
        assert record["stage"] == "language"
        assert record["error"]["message"]
        assert record["id"] == article_id
        assert record["source"]["topic"] == run_settings.topic_raw
    # The DLQ keeps what arrived: text when it was text, base64 when it was not even UTF-8.
    assert by_class["InvalidJSON"]["original"] == "this is not {json"
    assert by_class["InvalidEncoding"]["original_encoding"] == "base64"
    assert by_class["SchemaViolation"]["original"] == {"id": "no-body", "headline": "Headline only"}


def _listening_addresses(port: int) -> set[str]:
    """Local addresses with a TCP socket listening on ``port`` (from /proc/net/tcp{,6})."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.split(":")
            if state == "0A" and int(hex_port, 16) == port:  # 0A = LISTEN
                found.add(address)
    return found


def test_worker_serves_web_on_loopback_only_and_stops_cleanly_on_sigterm(
    run_settings: Settings,
) -> None:
    worker = _warta(run_settings, "worker", "--stages", "language",
                    stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while not _listening_addresses(run_settings.web_port) and time.monotonic() < deadline:
        assert worker.poll() is None, worker.stderr.read().decode(errors="replace")[-2000:]
        time.sleep(0.5)
    assert _listening_addresses(run_settings.web_port) == {"0100007F"}  # 127.0.0.1 only
    assert stop_worker(worker) == 0
