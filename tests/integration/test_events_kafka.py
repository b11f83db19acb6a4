"""Through the broker: every enriched record carries CloudEvents headers and the trace id its raw
record came with, and the optional ninjs topic gets the same article as a ninjs item."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from pathlib import Path

import orjson
import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer

from tests.conftest import SEED
from tests.kafka import start_worker, stop_worker
from workers.settings import Settings
from workers.topics import ensure_topics

pytestmark = pytest.mark.kafka
TRACE = "4bf92f3577b34da6a3ce929d0e0e4736"


async def _produce(settings: Settings) -> None:
    await ensure_topics(settings)
    producer = AIOKafkaProducer(bootstrap_servers=settings.bootstrap_servers, acks="all")
    await producer.start()
    try:
        article = {"id": "traced-1", "body": SEED.read_text(encoding="utf-8")}
        await producer.send_and_wait(
            settings.topic_raw, value=orjson.dumps(article), key=b"traced-1",
            headers=[("traceparent", f"00-{TRACE}-00f067aa0ba902b7-01".encode())])
    finally:
        await producer.stop()


async def _first(settings: Settings, topic: str, timeout_s: float):
    consumer = AIOKafkaConsumer(topic, bootstrap_servers=settings.bootstrap_servers,
                                group_id=None, auto_offset_reset="earliest")
    await consumer.start()
    try:
        return await asyncio.wait_for(consumer.getone(), timeout_s)
    finally:
        await consumer.stop()


def test_enriched_records_carry_cloudevents_headers_and_the_trace(
    run_settings: Settings, tmp_path: Path
) -> None:
    settings = replace(run_settings, topic_ninjs=run_settings.topic_enriched + ".ninjs")
    worker = start_worker(settings, tmp_path / "worker.log")
    try:
        asyncio.run(_produce(settings))
        enriched = asyncio.run(_first(settings, settings.topic_enriched, 120))
        ninjs = asyncio.run(_first(settings, settings.topic_ninjs, 60))
    finally:
        stop_worker(worker)
    headers = {k: v.decode() for k, v in enriched.headers}
    assert headers["ce_specversion"] == "1.0"
    assert headers["ce_type"] == "org.warta.article.enriched"
    assert headers["ce_source"] == "/warta/stage/enrich"
    assert headers["ce_id"] == "traced-1/enrich/1" and headers["ce_subject"] == "traced-1"
    assert headers["content-type"] == "application/json"
    assert headers["traceparent"].split("-")[1] == TRACE
    item = orjson.loads(ninjs.value)
    assert item["uri"] == "urn:warta:article:traced-1" and item["language"] == "id"
    assert dict(ninjs.headers)["ce_type"] == b"org.warta.article.ninjs"
