"""`workers.client.consume_enriched`: typed records, offsets committed only for records the
caller finished, re-deliveries skipped."""

from __future__ import annotations

import asyncio

import orjson
import pytest
from aiokafka import AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient

from tests.fixtures.articles import generate_article
from workers.client import consume_enriched
from workers.pipeline import process_article
from workers.settings import Settings
from workers.topics import ensure_topics

pytestmark = pytest.mark.kafka


async def _publish(settings: Settings, records: list[dict]) -> None:
    await ensure_topics(settings)
    producer = AIOKafkaProducer(bootstrap_servers=settings.bootstrap_servers, acks="all")
    await producer.start()
    try:
        for record in records:
            await producer.send(settings.topic_enriched, value=orjson.dumps(record),
                                key=record["id"].encode(), partition=0)
        await producer.flush()
    finally:
        await producer.stop()


async def _committed(settings: Settings, group: str) -> int:
    admin = AIOKafkaAdminClient(bootstrap_servers=settings.bootstrap_servers)
    await admin.start()
    try:
        offsets = await admin.list_consumer_group_offsets(group)
        return sum(meta.offset for meta in offsets.values())
    finally:
        await admin.close()


def test_consume_commits_what_was_processed_and_skips_redeliveries(run_settings: Settings) -> None:
    settings = Settings.from_env({})
    records = [process_article(generate_article(i, seed=3), settings).record for i in range(5)]
    records.append(records[1])  # an at-least-once re-delivery of the same article
    asyncio.run(_publish(run_settings, records))

    async def first_pass() -> list[str]:
        ids = []
        async for article in consume_enriched(run_settings, group_id="client-test", max_records=3):
            ids.append(article["id"])
            assert article["language"]["code"] in {"en", "id", "fr", "de", "es"}
        return ids

    async def crash_after_one() -> None:
        async for article in consume_enriched(run_settings, group_id="client-test"):
            raise RuntimeError(f"consumer bug on {article['id']}")

    first = asyncio.run(first_pass())
    assert first == [r["id"] for r in records[:3]]
    assert asyncio.run(_committed(run_settings, "client-test")) == 3
    with pytest.raises(RuntimeError):
        asyncio.run(crash_after_one())
    # The record the body failed on was not committed: it comes again.
    assert asyncio.run(_committed(run_settings, "client-test")) == 3

    async def rest() -> list[str]:
        return [a["id"] async for a in consume_enriched(run_settings, group_id="client-test",
                                                        max_records=2)]

    assert asyncio.run(rest()) == [r["id"] for r in records[3:5]]

    async def everything(group: str, dedupe: bool) -> list[str]:
        return [a["id"] async for a in consume_enriched(
            run_settings, group_id=group, dedupe=dedupe, max_records=5 if dedupe else 6)]

    assert asyncio.run(everything("client-dedupe", True)) == [r["id"] for r in records[:5]]
    assert asyncio.run(everything("client-all", False)) == [r["id"] for r in records]
