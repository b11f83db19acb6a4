"""Plain Kafka clients for the CLI: publishing articles (``warta feed``) and reading a topic
(``warta tail``). The stages never use these; they run inside the Faust worker.
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Callable, Iterable

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition

from .inputs import Input
from .security import client_kwargs
from .settings import Settings
from .topics import ensure_topics


def producer_for(settings: Settings) -> AIOKafkaProducer:
    return AIOKafkaProducer(
        **client_kwargs(settings),
        acks="all",
        enable_idempotence=True,  # client retries must not duplicate an article
        linger_ms=5,
        max_request_size=settings.max_message_bytes,
    )


async def publish(
    settings: Settings,
    inputs: Iterable[Input],
    *,
    topic: str | None = None,
    on_acked: Callable[[int], None] | None = None,
) -> int:
    """Send every input to the raw topic (or ``topic``), keyed by article id; wait for all acks.

    ``on_acked(n)`` is called as each batch of ``n`` records is acknowledged (progress bars).
    """
    await ensure_topics(settings)
    # A fresh topic's leader can still answer NotLeaderForPartition for a moment after it is
    # listed; aiokafka retries (and succeeds) but warns per partition. Failures still raise.
    logging.getLogger("aiokafka.producer.sender").setLevel(logging.ERROR)
    producer = producer_for(settings)
    await producer.start()
    count = 0
    try:
        pending = []
        for item in inputs:
            pending.append(await producer.send(topic or settings.topic_raw,
                                               value=item.encoded(), key=item.key()))
            count += 1
            if len(pending) >= 500:
                await asyncio.gather(*pending)
                if on_acked:
                    on_acked(len(pending))
                pending.clear()
        await asyncio.gather(*pending)
        if on_acked and pending:
            on_acked(len(pending))
    finally:
        await producer.stop()
    return count


async def tail_topic(
    settings: Settings,
    topic: str,
    emit: Callable[[bytes], None],
    *,
    from_beginning: bool = False,
    idle_timeout_s: float | None = None,
    limit: int | None = None,
    start_offsets: dict[int, int] | None = None,
) -> int:
    """Call ``emit`` with each record value of ``topic`` (all partitions, no consumer group).

    Stops after ``limit`` records, or ``idle_timeout_s`` seconds without a new record, or never.
    ``start_offsets`` (partition → offset) overrides where reading starts.
    """
    consumer = AIOKafkaConsumer(
        **client_kwargs(settings), enable_auto_commit=False, group_id=None,
        max_partition_fetch_bytes=settings.max_message_bytes + 65536,
    )
    await consumer.start()
    seen = 0
    try:
        partitions = await _partitions(settings, topic)
        if not partitions:
            raise SystemExit(f"topic {topic!r} does not exist")
        tps = [TopicPartition(topic, p) for p in sorted(partitions)]
        consumer.assign(tps)
        if start_offsets is not None:
            for tp in tps:
                consumer.seek(tp, start_offsets.get(tp.partition, 0))
        elif from_beginning:
            await consumer.seek_to_beginning(*tps)
        else:
            await consumer.seek_to_end(*tps)
        last = time.monotonic()
        while limit is None or seen < limit:
            batch = await consumer.getmany(timeout_ms=200, max_records=500)
            if batch:
                for records in batch.values():
                    for record in records:
                        emit(record.value)
                        seen += 1
                        if limit is not None and seen >= limit:
                            return seen
                last = time.monotonic()
            elif idle_timeout_s is not None and time.monotonic() - last >= idle_timeout_s:
                break
    finally:
        await consumer.stop()
    return seen


async def end_offsets(settings: Settings, topic: str) -> dict[int, int]:
    """Current log-end offset of every partition of ``topic``."""
    consumer = AIOKafkaConsumer(**client_kwargs(settings), group_id=None)
    await consumer.start()
    try:
        partitions = await _partitions(settings, topic)
        offsets = await consumer.end_offsets([TopicPartition(topic, p) for p in partitions])
        return {tp.partition: offset for tp, offset in offsets.items()}
    finally:
        await consumer.stop()


async def _partitions(settings: Settings, topic: str, wait_s: float = 10.0) -> set[int]:
    """Partitions of ``topic``; a topic just created may take a moment to reach the metadata."""
    from aiokafka.admin import AIOKafkaAdminClient

    admin = AIOKafkaAdminClient(**client_kwargs(settings))
    await admin.start()
    try:
        deadline = time.monotonic() + wait_s
        while True:
            (described,) = await admin.describe_topics([topic])
            if described["error_code"] == 0 and described["partitions"]:
                return {p["partition"] for p in described["partitions"]}
            if time.monotonic() > deadline:
                return set()
            await asyncio.sleep(0.2)
    finally:
        await admin.close()
