"""Fixtures of the reliability suite: the session's real broker and per-test settings.

``kafka_settings`` is the session broker fixture of ``tests/kafka.py`` (a broker of its own on
free ports, or ``WARTA_TEST_BOOTSTRAP``); ``reliability_settings`` gives each test fresh topics
with 6 partitions, a fresh consumer group, and a short consumer session so that a SIGKILLed
worker is noticed, and its partitions handed on, within seconds.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.kafka import fresh_topics
from tests.reliability.harness import MAX_BODY_CHARS, BrokerView
from workers.settings import Settings

#: The broker's smallest allowed consumer session (group.min.session.timeout.ms, 6 s by default).
SESSION_TIMEOUT_S = 6.0


def fresh_run(settings: Settings, tmp_path: Path, prefix: str = "r") -> Settings:
    return fresh_topics(
        settings,
        prefix,
        topic_partitions=6,
        session_timeout_s=SESSION_TIMEOUT_S,
        heartbeat_interval_s=1.0,
        commit_interval_s=1.0,
        max_body_chars=MAX_BODY_CHARS,
        data_dir=tmp_path / "worker-data",
    )


@pytest.fixture
def reliability_settings(kafka_settings: Settings, tmp_path: Path) -> Settings:
    return fresh_run(kafka_settings, tmp_path)


@pytest.fixture
def view(reliability_settings: Settings) -> BrokerView:
    broker_view = BrokerView(reliability_settings)
    try:
        yield broker_view
    finally:
        broker_view.close()
