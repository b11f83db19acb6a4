"""SASL/SCRAM against a real broker: the right credentials process the seed, wrong ones are
refused with a clear error, and the password never reaches the worker's logs."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import time
import uuid
from dataclasses import replace
from pathlib import Path

import orjson
import pytest

from tests.conftest import SEED
from tests.kafka import _free_port, env_for, start_worker, stop_worker
from workers import kafka_local
from workers.kafka_io import tail_topic
from workers.settings import Settings

pytestmark = pytest.mark.kafka

PASSWORD = f"pw-{uuid.uuid4().hex}"


@pytest.fixture(scope="module")
def sasl_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """A broker of its own with a SASL_PLAINTEXT listener and one SCRAM user."""
    run = uuid.uuid4().hex[:8]
    secret = tmp_path_factory.mktemp("secret") / "password"
    secret.write_text(PASSWORD + "\n")
    broker = replace(
        Settings.from_env({}),
        kafka_port=_free_port(),
        kafka_controller_port=_free_port(),
        kafka_sasl_port=_free_port(),
        kafka_data_dir=tmp_path_factory.mktemp("kafka-sasl"),
        sasl_username="warta-worker",
        sasl_password_file=secret,
    )
    kafka_local.start(broker)
    try:
        yield replace(
            broker,
            broker=f"kafka://127.0.0.1:{broker.kafka_sasl_port}",
            security_protocol="SASL_PLAINTEXT",
            sasl_mechanism="SCRAM-SHA-512",
            app_id=f"warta-sasl-{run}",
            topic_raw=f"s{run}.raw", topic_lang=f"s{run}.lang",
            topic_segmented=f"s{run}.segmented", topic_quoted=f"s{run}.quoted",
            topic_enriched=f"s{run}.enriched", topic_dlq=f"s{run}.dlq",
            topic_partitions=2, web_port=_free_port(),
        )
    finally:
        kafka_local.stop(broker)


def test_worker_with_the_right_credentials_processes_the_seed(
    sasl_settings: Settings, tmp_path: Path
) -> None:
    log = tmp_path / "worker.log"
    worker = start_worker(sasl_settings, log)
    try:
        feed = subprocess.run([sys.executable, "-m", "workers", "feed", str(SEED)],
                              env=env_for(sasl_settings), capture_output=True, text=True, timeout=120)
        assert feed.returncode == 0, feed.stderr
        found: list[dict] = []
        deadline = time.monotonic() + 120
        while not found and time.monotonic() < deadline:
            asyncio.run(tail_topic(sasl_settings, sasl_settings.topic_enriched,
                                   lambda v: found.append(orjson.loads(v)),
                                   from_beginning=True, idle_timeout_s=2.0))
    finally:
        stop_worker(worker)
    assert [r["id"] for r in found] == ["000"]
    assert found[0]["language"]["code"] == "id"
    text = log.read_text(errors="replace") + feed.stdout + feed.stderr
    assert PASSWORD not in text


@pytest.mark.parametrize("command", [["feed", str(SEED)], ["lag"]], ids=["feed", "lag"])
def test_wrong_credentials_are_refused_with_a_clear_error(
    sasl_settings: Settings, tmp_path: Path, command: list[str]
) -> None:
    wrong = replace(sasl_settings, sasl_password="not-the-password", sasl_password_file=None)
    result = subprocess.run([sys.executable, "-m", "workers", *command], env=env_for(wrong),
                            capture_output=True, text=True, timeout=120)
    assert result.returncode != 0
    assert "authentication failed" in result.stderr.lower()
    assert "Traceback" not in result.stderr
    assert "not-the-password" not in result.stderr
