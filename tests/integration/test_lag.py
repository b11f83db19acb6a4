"""Consumer lag as Warta reports it equals what Kafka's own ConsumerGroupCommand reports."""

from __future__ import annotations

import asyncio
import subprocess
import time

import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from aiokafka.structs import OffsetAndMetadata

from workers import kafka_local
from workers.lag import describe_lag, format_table
from workers.settings import Settings
from workers.topics import ensure_topics

pytestmark = pytest.mark.kafka


async def _produce(settings: Settings, per_partition: dict[int, int]) -> None:
    producer = AIOKafkaProducer(bootstrap_servers=settings.bootstrap_servers, acks="all")
    await producer.start()
    try:
        for partition, count in per_partition.items():
            for i in range(count):
                await producer.send(settings.topic_raw, value=b'{"body": "x"}',
                                    key=f"k{i}".encode(), partition=partition)
        await producer.flush()
    finally:
        await producer.stop()


async def _commit(settings: Settings, offsets: dict[int, int]) -> None:
    consumer = AIOKafkaConsumer(bootstrap_servers=settings.bootstrap_servers,
                                group_id=settings.app_id, enable_auto_commit=False)
    await consumer.start()
    try:
        tps = {TopicPartition(settings.topic_raw, p): OffsetAndMetadata(o, "")
               for p, o in offsets.items()}
        consumer.assign(list(tps))
        await consumer.commit(tps)
    finally:
        await consumer.stop()


def _consumer_group_command(settings: Settings) -> dict[tuple[str, int], tuple[str, str, str]]:
    """(topic, partition) → (CURRENT-OFFSET, LOG-END-OFFSET, LAG) as printed by Kafka's tool."""
    libs = kafka_local.ensure_jars(settings)
    result = subprocess.run(
        [kafka_local._java(), "-cp", f"{libs}/*",
         "org.apache.kafka.tools.consumer.group.ConsumerGroupCommand",
         "--bootstrap-server", settings.bootstrap_servers, "--describe", "--group", settings.app_id],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    rows = {}
    for line in result.stdout.splitlines():
        cells = line.split()
        if len(cells) >= 6 and cells[0] == settings.app_id:
            rows[(cells[1], int(cells[2]))] = (cells[3], cells[4], cells[5])
    return rows


def test_lag_matches_kafka_consumer_group_command(run_settings: Settings) -> None:
    asyncio.run(ensure_topics(run_settings))
    asyncio.run(_produce(run_settings, {0: 12, 1: 7, 2: 5}))
    asyncio.run(_commit(run_settings, {0: 10, 1: 7}))  # partition 2 never committed
    time.sleep(1.0)

    rows = asyncio.run(describe_lag(run_settings))
    ours = {(r.topic, r.partition): r for r in rows}
    theirs = _consumer_group_command(run_settings)

    assert set(theirs) == {(run_settings.topic_raw, 0), (run_settings.topic_raw, 1)}
    for key, (current, end, lag) in theirs.items():
        row = ours[key]
        assert (str(row.current_offset), str(row.log_end_offset), str(row.lag)) == (current, end, lag)
    assert ours[(run_settings.topic_raw, 0)].lag == 2
    assert ours[(run_settings.topic_raw, 1)].lag_seconds == 0.0
    # Never committed: the whole log is lag, and its age is that of the first record.
    never = ours[(run_settings.topic_raw, 2)]
    assert (never.current_offset, never.log_end_offset, never.lag) == (None, 5, 5)
    assert never.lag_seconds is not None and 0.5 <= never.lag_seconds < 120
    # Every stage's input topic of the group is listed, lagging or not.
    assert {r.topic for r in rows} == {run_settings.topic_raw, run_settings.topic_lang,
                                       run_settings.topic_segmented, run_settings.topic_quoted}
    table = format_table(rows).splitlines()
    assert table[0].split() == ["GROUP", "TOPIC", "PARTITION", "CURRENT-OFFSET", "LOG-END-OFFSET",
                                "LAG", "LAG-SECONDS"]
    assert len(table) == 1 + len(rows)
