"""Prometheus metrics of a Warta worker: what flows through each stage, and the group's lag.

Every metric is declared here, once, with its help text (README's metrics table lists the same
names; a test keeps them in step). Each worker app owns its own registry, served at ``/metrics``
on the worker's web port.
"""

from __future__ import annotations

import time
from typing import Iterable

from prometheus_client import (
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    disable_created_metrics,
    generate_latest,
)
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.exposition import CONTENT_TYPE_LATEST

from .lag import PartitionLag

__all__ = ["CONTENT_TYPE_LATEST", "WorkerMetrics"]

# `*_created` series double the exposition and no Warta dashboard or alert uses them.
disable_created_metrics()

_STAGE_BUCKETS = (0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5)
_LATENCY_BUCKETS = (0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 300.0)


class _LagCollector:
    """Exposes the last lag snapshot (refreshed by the worker's timer) as gauges."""

    def __init__(self) -> None:
        self.rows: list[PartitionLag] = []
        self.refreshed_at: float | None = None

    def collect(self) -> Iterable[GaugeMetricFamily]:
        labels = ["group", "topic", "partition"]
        families = {
            "committed": GaugeMetricFamily(
                "warta_consumer_committed_offset",
                "Offset the consumer group committed (absent: never committed).", labels=labels),
            "end": GaugeMetricFamily(
                "warta_log_end_offset", "Log-end offset of the partition.", labels=labels),
            "lag": GaugeMetricFamily(
                "warta_consumer_lag_messages",
                "Records not yet processed by the group (whole log when never committed).",
                labels=labels),
            "seconds": GaugeMetricFamily(
                "warta_consumer_lag_seconds",
                "Age of the oldest unprocessed record (0 without lag).", labels=labels),
        }
        for row in self.rows:
            key = [row.group, row.topic, str(row.partition)]
            if row.current_offset is not None:
                families["committed"].add_metric(key, row.current_offset)
            families["end"].add_metric(key, row.log_end_offset)
            families["lag"].add_metric(key, row.lag)
            if row.lag_seconds is not None:
                families["seconds"].add_metric(key, row.lag_seconds)
        yield from families.values()
        age = GaugeMetricFamily(
            "warta_lag_snapshot_age_seconds",
            "Seconds since the lag figures above were read from the broker.")
        if self.refreshed_at is not None:
            age.add_metric([], time.time() - self.refreshed_at)
        yield age


class WorkerMetrics:
    """The metrics of one worker process."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        r = self.registry
        self.records_in = Counter(
            "warta_records_in", "Records a stage consumed.", ["stage"], registry=r)
        self.records_out = Counter(
            "warta_records_out", "Records a stage produced to its output topic.", ["stage"],
            registry=r)
        self.dead_letters = Counter(
            "warta_dead_letters", "Records a stage sent to the dead-letter topic.",
            ["stage", "error_class"], registry=r)
        self.stage_seconds = Histogram(
            "warta_stage_duration_seconds", "Time a stage spent on one record (decode to result).",
            ["stage"], buckets=_STAGE_BUCKETS, registry=r)
        self.end_to_end_seconds = Histogram(
            "warta_end_to_end_latency_seconds",
            "From the article's timestamp on the raw topic to its enriched record being acknowledged.",
            buckets=_LATENCY_BUCKETS, registry=r)
        self.rebalances = Counter(
            "warta_rebalances", "Consumer group rebalances this worker went through.", registry=r)
        self.assigned_partitions = Gauge(
            "warta_assigned_partitions", "Partitions currently assigned to this worker.",
            registry=r)
        self.up = Gauge("warta_worker_up", "1 while the worker process runs.", registry=r)
        self.ready = Gauge(
            "warta_worker_ready",
            "1 when the worker has partitions assigned and the broker answered the last lag read.",
            registry=r)
        self.lag = _LagCollector()
        r.register(self.lag)
        self.up.set(1)

    def exposition(self) -> bytes:
        return generate_latest(self.registry)
