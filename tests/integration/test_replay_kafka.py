"""`warta dlq replay` through a real broker: an article rejected by a too-strict setting comes out
enriched once the setting is fixed and its dead letter replayed; replaying again sends nothing."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from tests.conftest import SEED
from tests.kafka import env_for, read_topic, start_worker, stop_worker
from workers.settings import Settings

pytestmark = pytest.mark.kafka


def _run_worker_until(settings: Settings, topic: str, expected: int, log: Path) -> list[dict]:
    worker = start_worker(settings, log)
    try:
        return read_topic(settings, topic, expected, 120)
    finally:
        stop_worker(worker)


def _warta(settings: Settings, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "workers", *args], env=env_for(settings),
                          capture_output=True, text=True, timeout=120)


def test_replayed_dead_letter_is_enriched_after_the_fix(run_settings: Settings, tmp_path: Path) -> None:
    strict = replace(run_settings, max_body_chars=100)
    assert _warta(strict, "feed", str(SEED)).returncode == 0
    (letter,) = _run_worker_until(strict, strict.topic_dlq, 1, tmp_path / "w.log")
    assert letter["error"]["class"] == "BodyTooLarge" and letter["id"] == "000"

    replayed = _warta(run_settings, "dlq", "replay")
    assert replayed.returncode == 0, replayed.stderr
    assert "replayed 1 dead letter(s)" in replayed.stderr
    again = _warta(run_settings, "dlq", "replay")
    assert "replayed 0 dead letter(s)" in again.stderr

    (enriched,) = _run_worker_until(run_settings, run_settings.topic_enriched, 1, tmp_path / "w.log")
    assert enriched["id"] == "000" and enriched["body"] == SEED.read_text(encoding="utf-8")
    assert enriched["language"]["code"] == "id"
