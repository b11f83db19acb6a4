"""The broker side of the benchmark: a private broker, worker subprocesses, a collector.

Every phase gets fresh topics and a fresh consumer group on the benchmark's own broker (started
with :mod:`workers.kafka_local` on free ports with a temporary data directory, stopped at the end),
pre-loads or paces articles into the raw topic, starts worker processes, and reads the enriched
and dead-letter topics back (keys and broker timestamps; the enriched values once, for the stage
durations in their ``pipeline`` trail) until every article is accounted for or the phase times out.
"""

from __future__ import annotations

import asyncio
import math
import os
import socket
import subprocess
import sys
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Sequence

import logging

import orjson
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition

from .. import kafka_local
from ..processes import stop_processes
from ..security import client_kwargs
from ..settings import Settings
from ..topics import ensure_topics

WARTA_WORKER = (sys.executable, "-m", "workers", "worker")
TRANSPORT_WORKER = (sys.executable, "-m", "workers.bench.apps", "transport")
NAIVE_WORKER = (sys.executable, "-m", "workers.bench.apps", "naive")


# A topic just created answers NotLeaderForPartition for a moment even after its metadata lists a
# leader; the producer retries and succeeds, but warns once per partition and retry. Quiet that.
logging.getLogger("aiokafka.producer.sender").setLevel(logging.ERROR)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def env_for(settings: Settings) -> dict[str, str]:
    """Environment that makes a worker subprocess use ``settings``."""
    return settings.to_env()


#: PID of the private broker while it runs (its CPU time is reported per phase).
BROKER_PID: int | None = None


def machine_cpu() -> tuple[int, int]:
    """(busy, total) jiffies of the whole machine so far, from /proc/stat."""
    try:
        values = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    except (OSError, ValueError):
        return 0, 0
    idle = values[3] + (values[4] if len(values) > 4 else 0)  # idle + iowait
    return sum(values) - idle, sum(values)


class CpuMeter:
    """CPU used during a phase: by the broker (seconds) and by the whole machine (busy share)."""

    def __init__(self) -> None:
        self.broker0 = cpu_seconds(BROKER_PID) if BROKER_PID else None
        self.machine0 = machine_cpu()

    def read(self) -> dict[str, Any]:
        broker = cpu_seconds(BROKER_PID) if BROKER_PID else None
        busy, total = machine_cpu()
        d_busy, d_total = busy - self.machine0[0], total - self.machine0[1]
        return {
            "broker_cpu_seconds": round(broker - self.broker0, 2)
            if broker is not None and self.broker0 is not None else None,
            # Share of all cores busy during the phase, whoever used them (other jobs included).
            "machine_cpu_busy": round(d_busy / d_total, 3) if d_total > 0 else None,
        }


class PrivateBroker:
    """A broker of the benchmark's own (or an existing one at ``bootstrap``), as a context."""

    def __init__(self, workdir: Path, bootstrap: str | None = None) -> None:
        self.workdir = workdir
        self.bootstrap = bootstrap
        self.started = False
        base = Settings.from_env({k: v for k, v in os.environ.items()
                                  if k in ("WARTA_KAFKA_HOME", "WARTA_KAFKA_VERSION")})
        if bootstrap:
            self.settings = replace(base, broker=f"kafka://{bootstrap}")
        else:
            port = free_port()
            self.settings = replace(
                base, broker=f"kafka://127.0.0.1:{port}", kafka_port=port,
                kafka_controller_port=free_port(), kafka_data_dir=workdir / "kafka-data")

    def __enter__(self) -> Settings:
        if not self.bootstrap:
            state, self.started = kafka_local.start(self.settings)
            if not self.started:
                raise RuntimeError(f"expected a fresh broker, found {state.describe()}")
            global BROKER_PID
            BROKER_PID = state.pid
        return self.settings

    def __exit__(self, *exc: Any) -> None:
        global BROKER_PID
        BROKER_PID = None
        if self.started:
            kafka_local.stop(self.settings)


def phase_settings(base: Settings, name: str, workdir: Path, partitions: int) -> Settings:
    run = f"{name}-{uuid.uuid4().hex[:6]}"
    return replace(
        base, app_id=f"bench-{run}", topic_raw=f"bench.{run}.raw", topic_lang=f"bench.{run}.lang",
        topic_segmented=f"bench.{run}.segmented", topic_quoted=f"bench.{run}.quoted",
        topic_enriched=f"bench.{run}.enriched", topic_dlq=f"bench.{run}.dlq",
        topic_partitions=partitions, web_port=free_port(), data_dir=workdir / f"{run}-data",
        log_level="warn",
    )


async def preload(settings: Settings, payloads: Sequence[tuple[bytes, bytes]]) -> float:
    """Create the topics and publish every (key, value) to the raw topic; seconds taken."""
    await ensure_topics(settings)  # also waits until the new topics' partitions have leaders
    producer = AIOKafkaProducer(**client_kwargs(settings), acks="all", linger_ms=20,
                                max_request_size=settings.max_message_bytes,
                                max_batch_size=1 << 20)
    await producer.start()
    started = time.perf_counter()
    try:
        futures = [await producer.send(settings.topic_raw, key=k, value=v) for k, v in payloads]
        await asyncio.gather(*futures)
    finally:
        await producer.stop()
    return time.perf_counter() - started


async def paced_produce(settings: Settings, payloads: Sequence[tuple[bytes, bytes]],
                        rate: float) -> float:
    """Publish at ``rate`` records/s (one at a time, on schedule); the rate achieved."""
    producer = AIOKafkaProducer(**client_kwargs(settings), acks="all", linger_ms=0,
                                max_request_size=settings.max_message_bytes)
    await producer.start()
    try:
        started = time.perf_counter()
        futures = []
        for i, (key, value) in enumerate(payloads):
            delay = started + i / rate - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            futures.append(await producer.send(settings.topic_raw, key=key, value=value))
        await asyncio.gather(*futures)
        return len(payloads) / max(time.perf_counter() - started, 1e-9)
    finally:
        await producer.stop()


@dataclass
class Collected:
    """Keys and broker timestamps (ms) read back from the topics of one phase."""

    by_role: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    stage_ms: dict[str, list[float]] = field(default_factory=dict)


async def end_offsets(settings: Settings, roles: Sequence[str]) -> dict[TopicPartition, int]:
    consumer = AIOKafkaConsumer(**client_kwargs(settings), group_id=None)
    await consumer.start()
    try:
        tps = [TopicPartition(settings.topics[r], p) for r in roles
               for p in (consumer.partitions_for_topic(settings.topics[r]) or
                         await _partitions(consumer, settings.topics[r]))]
        return await consumer.end_offsets(tps)
    finally:
        await consumer.stop()


async def _partitions(consumer: AIOKafkaConsumer, topic: str) -> set[int]:
    for _ in range(50):
        await consumer._client.force_metadata_update()  # noqa: SLF001 - aiokafka has no public way
        found = consumer.partitions_for_topic(topic)
        if found:
            return found
        await asyncio.sleep(0.2)
    raise RuntimeError(f"topic {topic} has no partitions")


async def collect(settings: Settings, roles: Sequence[str], *, wanted: set[str],
                  timeout_s: float, start: dict[TopicPartition, int] | None = None,
                  trail_role: str | None = None, idle_after_done_s: float = 1.0) -> Collected:
    """Read ``roles``' topics until every id in ``wanted`` reached enriched or dlq.

    Keeps reading ``idle_after_done_s`` after that, so a duplicate that follows is still seen.
    """
    consumer = AIOKafkaConsumer(**client_kwargs(settings), group_id=None,
                                enable_auto_commit=False,
                                max_partition_fetch_bytes=settings.max_message_bytes + 65536)
    await consumer.start()
    result = Collected(by_role={r: [] for r in roles})
    role_of = {settings.topics[r]: r for r in roles}
    done: set[str] = set()
    try:
        tps = [TopicPartition(settings.topics[r], p) for r in roles
               for p in await _partitions(consumer, settings.topics[r])]
        consumer.assign(tps)
        for tp in tps:
            consumer.seek(tp, (start or {}).get(tp, 0))
        deadline = time.monotonic() + timeout_s
        finished_at: float | None = None
        while time.monotonic() < deadline:
            if finished_at is not None and time.monotonic() - finished_at > idle_after_done_s:
                break
            batch = await consumer.getmany(timeout_ms=200, max_records=2000)
            for tp, records in batch.items():
                role = role_of[tp.topic]
                for record in records:
                    key = (record.key or b"").decode("utf-8", "replace")
                    result.by_role[role].append((key, record.timestamp))
                    if role in ("enriched", "dlq") and key in wanted:
                        done.add(key)
                    if role == trail_role and record.value:
                        for step in orjson.loads(record.value).get("pipeline", ()):
                            result.stage_ms.setdefault(step["stage"], []).append(
                                step["duration_ms"])
            if finished_at is None and done >= wanted:
                finished_at = time.monotonic()
    finally:
        await consumer.stop()
    return result


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU time a live process has used so far (from /proc/<pid>/stat)."""
    try:
        fields_ = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields_[11]) + int(fields_[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return None


def vm_hwm_mb(pid: int) -> float | None:
    """Peak resident set size (VmHWM) of a live process, in MiB."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024.0
    except OSError:
        return None
    return None


class Workers:
    """Worker subprocesses of one phase (each with its own web port), stopped by PID."""

    def __init__(self, command: Sequence[str], settings: Settings, count: int, logdir: Path,
                 name: str) -> None:
        self.procs: list[subprocess.Popen] = []
        self.logs: list[Path] = []
        for i in range(count):
            log = logdir / f"{name}-worker{i}.log"
            self.logs.append(log)
            env = env_for(replace(settings, web_port=free_port()))
            with open(log, "wb") as out:
                self.procs.append(subprocess.Popen(list(command), env=env, stdout=out,
                                                   stderr=subprocess.STDOUT,
                                                   stdin=subprocess.DEVNULL))

    def alive(self) -> bool:
        return all(p.poll() is None for p in self.procs)

    def cpu_seconds(self) -> float | None:
        values = [cpu_seconds(p.pid) for p in self.procs]
        return round(sum(values), 2) if all(v is not None for v in values) else None

    @property
    def pids(self) -> list[int]:
        return [p.pid for p in self.procs]

    def peak_rss_mb(self) -> list[float | None]:
        return [vm_hwm_mb(p.pid) for p in self.procs]

    def stop(self) -> None:
        stop_processes(self.procs, timeout_s=30)

    def log_tail(self) -> str:
        return "\n".join(log.read_text(errors="replace")[-1500:] for log in self.logs)


def account(ids: Sequence[str], collected: Collected) -> dict[str, Any]:
    """Articles in/out/DLQ/missing/duplicates of a phase, and its sustained rate."""
    wanted = set(ids)
    enriched = [(k, ts) for k, ts in collected.by_role.get("enriched", []) if k in wanted]
    dead = [k for k, _ in collected.by_role.get("dlq", []) if k in wanted]
    counts = Counter(k for k, _ in enriched)
    stamps = sorted(ts for _, ts in enriched)
    span_s = (stamps[-1] - stamps[0]) / 1000.0 if len(stamps) > 1 else 0.0
    return {
        "in": len(ids),
        "out": len(counts),
        "dlq": len(set(dead)),
        "missing": len(wanted - set(counts) - set(dead)),
        "duplicates": sum(n - 1 for n in counts.values()) + len(dead) - len(set(dead)),
        # From the first to the last enriched record's broker timestamp: worker start-up (imports,
        # model loading, joining the group) is not part of the sustained rate.
        "sustained_seconds": round(span_s, 3),
        "articles_per_s": round((len(stamps) - 1) / span_s, 2) if span_s > 0 else None,
    }


def run_throughput_phase(base: Settings, name: str, command: Sequence[str],
                         payloads: Sequence[tuple[bytes, bytes]], *, workers: int,
                         workdir: Path, partitions: int, timeout_s: float,
                         trail: bool = False) -> tuple[dict[str, Any], Workers | None, Settings]:
    """Pre-load the raw topic, start ``workers`` processes, time until all are enriched.

    Returns the accounting, and (when ``trail``) the still-running workers for a latency phase
    (the caller stops them), with the phase's settings.
    """
    settings = phase_settings(base, name, workdir, partitions)
    preload_s = asyncio.run(preload(settings, payloads))
    ids = [k.decode() for k, _ in payloads]
    started = time.perf_counter()
    meter = CpuMeter()
    procs = Workers(command, settings, workers, workdir, name)
    try:
        collected = asyncio.run(collect(settings, ("enriched", "dlq"), wanted=set(ids),
                                        timeout_s=timeout_s,
                                        trail_role="enriched" if trail else None))
        wall = time.perf_counter() - started
        result = account(ids, collected)
        result.update(workers=workers, preload_seconds=round(preload_s, 3),
                      wall_seconds_including_startup=round(wall, 3),
                      peak_rss_mb=[round(x, 1) if x else None for x in procs.peak_rss_mb()],
                      workers_alive=procs.alive(), worker_pids=procs.pids,
                      # CPU the worker process(es) used from start to the last record, start-up
                      # included: against the wall time it says whether they were CPU-bound.
                      worker_cpu_seconds=procs.cpu_seconds(), **meter.read())
        if collected.stage_ms:
            result["stage_ms"] = {k: _summary(v) for k, v in collected.stage_ms.items()}
        if result["missing"]:
            result["worker_log_tail"] = procs.log_tail()[-3000:]
    except BaseException:
        procs.stop()
        raise
    if trail:
        return result, procs, settings
    procs.stop()
    return result, None, settings


def run_latency_phase(settings: Settings, procs: Workers, payloads: Sequence[tuple[bytes, bytes]],
                      rate: float, *, timeout_s: float) -> dict[str, Any]:
    """Paced producer at ``rate`` into a running worker; latency = enriched ts − raw ts by id."""
    start = asyncio.run(end_offsets(settings, ("raw", "enriched", "dlq")))
    meter, cpu0 = CpuMeter(), procs.cpu_seconds()
    ids = [k.decode() for k, _ in payloads]

    async def run() -> tuple[float, Collected]:
        reader = asyncio.create_task(collect(settings, ("raw", "enriched", "dlq"),
                                             wanted=set(ids), timeout_s=timeout_s, start=start))
        achieved = await paced_produce(settings, payloads, rate)
        return achieved, await reader

    achieved, collected = asyncio.run(run())
    raw_ts = {k: ts for k, ts in collected.by_role["raw"]}
    pairs = sorted((raw_ts[k], ts - raw_ts[k]) for k, ts in collected.by_role["enriched"]
                   if k in raw_ts)
    latencies = sorted(latency for _, latency in pairs)
    result = account(ids, collected)
    result.pop("articles_per_s")
    result.pop("sustained_seconds")
    result.update(target_rate=round(rate, 2), achieved_rate=round(achieved, 2),
                  latency_ms=_percentiles(latencies),
                  latency_windows=latency_windows(pairs, LATENCY_WINDOW_S),
                  peak_rss_mb=[round(x, 1) if x else None for x in procs.peak_rss_mb()],
                  workers_alive=procs.alive(), **meter.read())
    cpu1 = procs.cpu_seconds()
    result["worker_cpu_seconds"] = round(cpu1 - cpu0, 2) if cpu0 is not None and cpu1 else None
    return result


#: Width of the windows the latency run is cut into, to tell a stall (one window's p99 far above
#: the others) from steady queueing (every window's p99 alike).
LATENCY_WINDOW_S = 10.0


def latency_windows(pairs: Sequence[tuple[float, float]],
                    width_s: float) -> list[dict[str, float | int | None]]:
    """Latency percentiles per ``width_s`` window of raw timestamps; ``pairs`` are sorted
    ``(raw timestamp ms, latency ms)``."""
    if not pairs:
        return []
    start, windows = pairs[0][0], {}
    for raw_ms, latency in pairs:
        windows.setdefault(int((raw_ms - start) / (width_s * 1000.0)), []).append(latency)
    return [{"from_s": index * width_s, "articles": len(values), "p50": _percentile(values, 50),
             "p99": _percentile(values, 99), "max": max(values)}
            for index, values in sorted(windows.items())]


def _percentile(values: Sequence[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, math.ceil(q / 100.0 * len(ordered)) - 1))  # nearest rank
    return float(ordered[rank])


def _percentiles(values: Sequence[float]) -> dict[str, float | None]:
    return {f"p{q}": _percentile(values, q) for q in (50, 95, 99)}


def _summary(values: Sequence[float]) -> dict[str, float | None]:
    return {"mean": round(sum(values) / len(values), 3) if values else None,
            **{k: (round(v, 3) if v is not None else None)
               for k, v in _percentiles(values).items()}}
