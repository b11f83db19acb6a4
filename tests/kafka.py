"""A real Apache Kafka broker for the integration and reliability tests (fixtures + helpers).

The session starts its own single-node KRaft broker on a free port with a throw-away data
directory (jars are cached in WARTA_KAFKA_HOME, fetched by Maven the first time) and stops it at
the end. Set WARTA_TEST_BOOTSTRAP=host:port to use a broker you run yourself instead.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import uuid
from dataclasses import replace
from pathlib import Path

import pytest

from workers import kafka_local
from workers.processes import stop_processes
from workers.settings import Settings


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def kafka_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    external = os.environ.get("WARTA_TEST_BOOTSTRAP")
    base = Settings.from_env({})
    if external:
        yield replace(base, broker=f"kafka://{external}")
        return
    port, controller = _free_port(), _free_port()
    settings = replace(
        base,
        broker=f"kafka://127.0.0.1:{port}",
        kafka_port=port,
        kafka_controller_port=controller,
        kafka_data_dir=Path(tmp_path_factory.mktemp("kafka-data")),
    )
    state, started = kafka_local.start(settings)
    assert started, f"expected a fresh broker on port {port}, found {state.describe()}"
    try:
        yield settings
    finally:
        kafka_local.stop(settings)


def env_for(settings: Settings) -> dict[str, str]:
    """Environment variables that make a `warta` subprocess use ``settings``."""
    return settings.to_env()


def fresh_topics(settings: Settings, prefix: str = "t", **overrides) -> Settings:
    """``settings`` with a consumer group and topic names no other test uses."""
    run = uuid.uuid4().hex[:8]
    return replace(
        settings,
        app_id=f"warta-test-{prefix}{run}",
        **{f"topic_{role}": f"{prefix}{run}.{role}"
           for role in ("raw", "lang", "segmented", "quoted", "enriched", "dlq")},
        web_port=_free_port(),
        **overrides,
    )


@pytest.fixture
def run_settings(kafka_settings: Settings, tmp_path: Path) -> Settings:
    """Fresh topic names and consumer group per test, so runs never see each other's records."""
    return fresh_topics(kafka_settings, topic_partitions=3, data_dir=tmp_path / "worker-data")


def produce_raw(settings: Settings, messages: dict[bytes, bytes]) -> None:
    """Publish payloads to the raw topic as they are (no conversion), keyed as given."""
    import asyncio

    from aiokafka import AIOKafkaProducer

    async def send() -> None:
        producer = AIOKafkaProducer(bootstrap_servers=settings.bootstrap_servers, acks="all")
        await producer.start()
        try:
            for key, value in messages.items():
                await producer.send_and_wait(settings.topic_raw, value=value, key=key)
        finally:
            await producer.stop()

    asyncio.run(send())


def read_topic(settings: Settings, topic: str, expected: int, timeout_s: float) -> list[dict]:
    """Every record of ``topic`` (decoded), re-read until ``expected`` are there or time is up."""
    import asyncio
    import time

    import orjson

    from workers.kafka_io import tail_topic

    records: list[dict] = []
    deadline = time.monotonic() + timeout_s
    while len(records) < expected and time.monotonic() < deadline:
        records.clear()
        asyncio.run(tail_topic(settings, topic, lambda v: records.append(orjson.loads(v)),
                               from_beginning=True, idle_timeout_s=1.5))
    return records


def start_worker(settings: Settings, log_path: Path, *args: str) -> subprocess.Popen[bytes]:
    """``warta worker [ARGS]`` in the background with ``settings``; output appended to ``log_path``."""
    with open(log_path, "ab") as log:
        return subprocess.Popen([sys.executable, "-m", "workers", "worker", *args],
                                env=env_for(settings), stdout=log, stderr=subprocess.STDOUT)


def stop_worker(worker: subprocess.Popen[bytes]) -> int:
    """SIGTERM (a clean shutdown), killed if it has not exited within 60 s; its exit status."""
    return stop_processes([worker], timeout_s=60)[0]
