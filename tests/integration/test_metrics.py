"""A worker's /metrics, /healthz and /readyz against a real broker, and the lag scenario ops rely
on: with the first stages stopped, 500 fed articles show up as 500 messages of lag (in /metrics
and in `warta lag`); once those stages run again the lag drains to 0."""

from __future__ import annotations

import json
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import replace
from pathlib import Path

import orjson
import pytest
from prometheus_client.parser import text_string_to_metric_families

from tests.fixtures.articles import generate_article
from tests.kafka import _free_port, env_for, start_worker, stop_worker
from workers.settings import Settings

pytestmark = pytest.mark.kafka


def _get(port: int, path: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()
    except OSError:
        return 0, b""


def _raw_lag(port: int, topic: str) -> tuple[float, float]:
    """(messages, max seconds) of lag on ``topic`` as the worker's /metrics reports it."""
    status, body = _get(port, "/metrics")
    assert status == 200
    messages = seconds = 0.0
    for family in text_string_to_metric_families(body.decode()):
        for sample in family.samples:
            if sample.labels.get("topic") != topic:
                continue
            if sample.name == "warta_consumer_lag_messages":
                messages += sample.value
            elif sample.name == "warta_consumer_lag_seconds":
                seconds = max(seconds, sample.value)
    return messages, seconds


def _wait(predicate, timeout_s: float, what: str):
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.5)
    raise AssertionError(f"timed out after {timeout_s:.0f} s waiting for {what}")


def test_lag_grows_while_stages_are_stopped_and_drains_when_they_run(
    run_settings: Settings, tmp_path: Path
) -> None:
    settings = replace(run_settings, lag_interval_s=1.0)
    watcher_settings = settings  # serves /metrics throughout; runs only the last stage
    first_settings = replace(settings, web_port=_free_port())
    articles = tmp_path / "articles.jsonl"
    articles.write_bytes(b"".join(orjson.dumps(generate_article(i, seed=7)) + b"\n"
                                  for i in range(500)))

    watcher = start_worker(watcher_settings, tmp_path / "watcher.log", "--stages", "enrich")
    first = None
    try:
        port = watcher_settings.web_port
        assert _wait(lambda: _get(port, "/healthz")[0] == 200, 60, "/healthz")
        assert _wait(lambda: _get(port, "/readyz")[0] == 200, 60, "/readyz")
        ready = json.loads(_get(port, "/readyz")[1])
        assert ready["assigned_partitions"] >= settings.topic_partitions

        feed = subprocess.run([sys.executable, "-m", "workers", "feed", str(articles)],
                              env=env_for(settings), capture_output=True, text=True, timeout=120)
        assert feed.returncode == 0, feed.stderr
        _wait(lambda: _raw_lag(port, settings.topic_raw)[0] == 500, 30, "lag 500 in /metrics")
        time.sleep(2)
        messages, seconds_before = _raw_lag(port, settings.topic_raw)
        assert messages == 500 and seconds_before >= 1.0

        cli = subprocess.run([sys.executable, "-m", "workers", "lag", "--json"],
                             env=env_for(settings), capture_output=True, text=True, timeout=60)
        assert cli.returncode == 0, cli.stderr
        rows = json.loads(cli.stdout)
        assert sum(r["lag"] for r in rows if r["topic"] == settings.topic_raw) == 500
        assert all(r["current_offset"] is None for r in rows if r["topic"] == settings.topic_raw)

        first = start_worker(first_settings, tmp_path / "first.log",
                             "--stages", "language,sentences,quotes")
        _wait(lambda: _raw_lag(port, settings.topic_raw) == (0.0, 0.0), 180, "raw lag back to 0")
        # Later stages drain after the first: wait for the last one to have produced all 500.
        done = 'warta_records_out_total{stage="enrich"} 500.0'
        _wait(lambda: done in _get(port, "/metrics")[1].decode(), 180, "500 enriched")
        for topic in (settings.topic_lang, settings.topic_segmented, settings.topic_quoted):
            _wait(lambda: _raw_lag(port, topic) == (0.0, 0.0), 30, f"lag on {topic} back to 0")
        text = _get(port, "/metrics")[1].decode()
        assert "warta_end_to_end_latency_seconds_count 500.0" in text
    finally:
        if first is not None:
            stop_worker(first)
        stop_worker(watcher)
