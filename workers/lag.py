"""Consumer lag of a Warta consumer group, per topic partition, in messages and in seconds.

The numbers are the ones ``kafka-consumer-groups --describe`` prints (committed offset, log-end
offset, lag = log-end − committed), plus:

- a partition the group never committed counts its whole retained log as lag
  (log-end − log-start), because a Warta worker starting there will read all of it;
- lag in seconds: how long ago the oldest unprocessed record was produced (``now`` minus the
  broker timestamp of the record at the committed offset); 0 when there is no lag.

Used by ``warta lag`` and the worker's ``/metrics``.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import asdict, dataclass

from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient

from .pipeline import STAGES
from .security import client_kwargs
from .settings import Settings


@dataclass(frozen=True)
class PartitionLag:
    group: str
    topic: str
    partition: int
    current_offset: int | None  # None: the group never committed this partition
    log_end_offset: int
    lag: int
    lag_seconds: float | None  # None: the record at the committed offset could not be read

    def as_dict(self) -> dict:
        return asdict(self)


def stage_input_topics(settings: Settings) -> list[str]:
    """The topics Warta's consumer group reads: every stage's input topic."""
    return [settings.topics[stage.input] for stage in STAGES]


async def describe_lag(
    settings: Settings, group: str | None = None, *, timeout_s: float = 10.0
) -> list[PartitionLag]:
    """Lag of ``group`` (default: Warta's own group) on every partition it reads or committed."""
    group = group or settings.app_id
    admin = AIOKafkaAdminClient(**client_kwargs(settings))
    await admin.start()
    try:
        committed = await admin.list_consumer_group_offsets(group)
        topics = {tp.topic for tp in committed}
        if group == settings.app_id:
            topics.update(stage_input_topics(settings))
        described = await admin.describe_topics(sorted(topics)) if topics else []
    finally:
        await admin.close()
    tps = [
        TopicPartition(d["topic"], p["partition"])
        for d in described
        if d["error_code"] == 0
        for p in d["partitions"]
    ]
    if not tps:
        return []
    consumer = AIOKafkaConsumer(
        **client_kwargs(settings), group_id=None, enable_auto_commit=False
    )
    await consumer.start()
    try:
        starts = await consumer.beginning_offsets(tps)
        ends = await consumer.end_offsets(tps)
        position: dict[TopicPartition, int] = {}
        current: dict[TopicPartition, int | None] = {}
        for tp in tps:
            meta = committed.get(tp)
            offset = meta.offset if meta is not None and meta.offset >= 0 else None
            current[tp] = offset
            position[tp] = max(offset if offset is not None else starts[tp], starts[tp])
        lagging = [tp for tp in tps if ends[tp] > position[tp]]
        stamps = await _timestamps_at(consumer, {tp: position[tp] for tp in lagging}, timeout_s)
    finally:
        await consumer.stop()
    now = time.time()
    rows = []
    for tp in sorted(tps, key=lambda t: (t.topic, t.partition)):
        lag = max(ends[tp] - position[tp], 0)
        if lag == 0:
            seconds: float | None = 0.0
        elif tp in stamps:
            seconds = max(now - stamps[tp] / 1000.0, 0.0)
        else:
            seconds = None
        rows.append(PartitionLag(group, tp.topic, tp.partition, current[tp], ends[tp], lag,
                                 None if seconds is None else round(seconds, 3)))
    return rows


async def _timestamps_at(
    consumer: AIOKafkaConsumer, offsets: dict[TopicPartition, int], timeout_s: float
) -> dict[TopicPartition, int]:
    """Broker timestamp (ms) of the record at each given offset."""
    if not offsets:
        return {}
    consumer.assign(list(offsets))
    for tp, offset in offsets.items():
        consumer.seek(tp, offset)
    found: dict[TopicPartition, int] = {}
    deadline = time.monotonic() + timeout_s
    while len(found) < len(offsets) and time.monotonic() < deadline:
        batch = await consumer.getmany(timeout_ms=200, max_records=len(offsets) * 4)
        for tp, records in batch.items():
            if tp not in found and records:
                found[tp] = records[0].timestamp
                consumer.pause(tp)  # one record per partition is all we need
    return found


def format_table(rows: list[PartitionLag]) -> str:
    """The ``kafka-consumer-groups --describe`` layout plus LAG-SECONDS."""
    header = ("GROUP", "TOPIC", "PARTITION", "CURRENT-OFFSET", "LOG-END-OFFSET", "LAG", "LAG-SECONDS")
    body = [
        (r.group, r.topic, str(r.partition),
         "-" if r.current_offset is None else str(r.current_offset),
         str(r.log_end_offset), str(r.lag),
         "-" if r.lag_seconds is None else f"{r.lag_seconds:.1f}")
        for r in rows
    ]
    widths = [max(len(line[i]) for line in [header, *body]) for i in range(len(header))]
    return "\n".join(
        " ".join(cell.ljust(width) for cell, width in zip(line, widths)).rstrip()
        for line in [header, *body]
    )


def describe_lag_sync(settings: Settings, group: str | None = None) -> list[PartitionLag]:
    return asyncio.run(describe_lag(settings, group))
