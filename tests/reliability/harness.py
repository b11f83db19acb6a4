"""What the reliability tests share: the articles, the worker processes, and a view of the broker.

Everything here talks to a real Kafka broker with plain aiokafka clients (no consumer group for
reading, so the tests never disturb the workers' offsets) and runs ``warta worker`` as separate
processes that the tests start, SIGKILL and restart by PID.
"""

from __future__ import annotations

import asyncio
import hashlib
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import orjson
from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient

from tests.fixtures.articles import generate_article
from tests.kafka import env_for
from workers.pipeline import STAGES
from workers.processes import stop_processes
from workers.settings import Settings

#: Longest body the reliability runs accept (``WARTA_MAX_BODY_CHARS``): low enough that an
#: over-long article is cheap to make, high enough for the "very long" articles to pass.
MAX_BODY_CHARS = 80_000


# -- the articles ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Batch:
    """Raw articles to feed and what must become of each: ``"enriched"`` or a DLQ error class."""

    articles: list[dict[str, Any]]
    expected: dict[str, str]

    @property
    def ids(self) -> set[str]:
        return set(self.expected)

    def write_jsonl(self, path: Path) -> Path:
        path.write_bytes(b"".join(orjson.dumps(article) + b"\n" for article in self.articles))
        return path


def make_batch(n: int, *, seed: int) -> Batch:
    """``n`` articles of mixed sizes, a few of them bad on purpose.

    Per 1,000: ~930 ordinary wire stories (``generate_article``, ~0.3-2 k characters), ~50 long
    ones (10-20 stories run together, ~10-25 k), ~4 very long (~40-70 k), ~10 with a blank body
    (→ ``EmptyBody``) and ~6 over ``MAX_BODY_CHARS`` (→ ``BodyTooLarge``): the dead-letter path
    is crashed through as well, and its records must be accounted for like the rest.
    """
    rng = random.Random(seed)
    articles, expected = [], {}
    for i in range(n):
        article = generate_article(i, seed=seed)
        roll = rng.random()
        if roll < 0.010:
            article["body"] = " \n\t "
            outcome = "EmptyBody"
        elif roll < 0.016:
            article["body"] = _joined_bodies(rng, seed, MAX_BODY_CHARS + 2_000)
            outcome = "BodyTooLarge"
        elif roll < 0.020:
            article["body"] = _joined_bodies(rng, seed, rng.randint(40_000, 70_000))
            outcome = "enriched"
        elif roll < 0.070:
            article["body"] = _joined_bodies(rng, seed, rng.randint(10_000, 25_000))
            outcome = "enriched"
        else:
            outcome = "enriched"
        articles.append(article)
        expected[article["id"]] = outcome
    return Batch(articles, expected)


def _joined_bodies(rng: random.Random, seed: int, min_chars: int) -> str:
    parts: list[str] = []
    size = 0
    while size < min_chars:
        body = generate_article(rng.randrange(1_000_000), seed=seed + 1)["body"]
        parts.append(body)
        size += len(body) + 2
    return "\n\n".join(parts)


def feed(settings: Settings, batch: Batch, path: Path) -> None:
    """Publish ``batch`` to the raw topic with ``warta feed`` (acks=all, idempotent producer)."""
    result = subprocess.run(
        [sys.executable, "-m", "workers", "feed", str(batch.write_jsonl(path))],
        env=env_for(settings), capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert f"published {len(batch.articles)} article(s)" in result.stderr, result.stderr[-3000:]


# -- worker processes -------------------------------------------------------------------------------

@dataclass
class WorkerProcess:
    """One ``warta worker`` subprocess, restartable; every incarnation logs to the same file."""

    settings: Settings
    log_path: Path
    name: str = "worker"
    proc: subprocess.Popen | None = None
    starts: int = 0
    exits: list[int] = field(default_factory=list)  # return codes of incarnations that ended

    def start(self) -> None:
        assert self.proc is None or self.proc.poll() is not None, "already running"
        with open(self.log_path, "ab") as log:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "workers", "worker"],
                env=env_for(self.settings), stdout=log, stderr=subprocess.STDOUT,
            )
        self.starts += 1

    @property
    def pid(self) -> int:
        assert self.proc is not None
        return self.proc.pid

    def running(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def exited(self) -> int | None:
        """The return code when the current incarnation ended by itself (and records it)."""
        if self.proc is None or self.proc.poll() is None:
            return None
        code = self.proc.returncode
        self.exits.append(code)
        self.proc = None
        return code

    def kill(self) -> None:
        """SIGKILL, by PID: no shutdown code runs, nothing is committed or flushed."""
        assert self.proc is not None and self.proc.poll() is None, self.log_tail()
        self.proc.send_signal(signal.SIGKILL)
        self.exits.append(self.proc.wait(timeout=30))
        self.proc = None

    def stop(self) -> None:
        """SIGTERM and wait (SIGKILL after 60 s); a no-op when not running."""
        if self.proc is None:
            return
        self.exits.extend(stop_processes([self.proc], timeout_s=60))
        self.proc = None

    def log_tail(self, chars: int = 3000) -> str:
        text = self.log_path.read_text(errors="replace") if self.log_path.exists() else ""
        return f"--- {self.name} log tail ---\n{text[-chars:]}"

# -- a view of the broker -------------------------------------------------------------------------

class BrokerView:
    """Synchronous reads of topics, log-end offsets and committed offsets, for the test thread.

    Holds one event loop and one plain consumer (no group) for the whole test; the consumer is
    re-created when a call fails (the broker-restart test takes the broker away under it).
    """

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._runner = asyncio.Runner()
        self._consumer: AIOKafkaConsumer | None = None
        self._partitions: dict[str, list[TopicPartition]] = {}

    def close(self) -> None:
        if self._consumer is not None:
            self._run(self._consumer.stop())
            self._consumer = None
        self._runner.close()

    def _run(self, coroutine: Any) -> Any:
        return self._runner.run(coroutine)

    async def _client(self) -> AIOKafkaConsumer:
        if self._consumer is None:
            consumer = AIOKafkaConsumer(
                bootstrap_servers=self.settings.bootstrap_servers, group_id=None,
                enable_auto_commit=False, request_timeout_ms=10_000,
                max_partition_fetch_bytes=self.settings.max_message_bytes + 65536,
            )
            await consumer.start()
            self._consumer = consumer
        return self._consumer

    async def _reset(self) -> None:
        if self._consumer is not None:
            try:
                await self._consumer.stop()
            finally:
                self._consumer = None

    def partitions(self, topic: str) -> list[TopicPartition]:
        if topic not in self._partitions:
            async def describe() -> list[TopicPartition]:
                admin = AIOKafkaAdminClient(bootstrap_servers=self.settings.bootstrap_servers)
                await admin.start()
                try:
                    (found,) = await admin.describe_topics([topic])
                finally:
                    await admin.close()
                assert found["error_code"] == 0, f"topic {topic} not found: {found}"
                return [TopicPartition(topic, p["partition"]) for p in found["partitions"]]
            self._partitions[topic] = sorted(self._run(describe()))
        return self._partitions[topic]

    def end_offsets(self, topic: str) -> dict[int, int]:
        """Log-end offset per partition (= records in it: no transactions, no compaction)."""
        tps = self.partitions(topic)

        async def read() -> dict[int, int]:
            try:
                consumer = await self._client()
                ends = await consumer.end_offsets(tps)
            except Exception:
                await self._reset()
                raise
            return {tp.partition: offset for tp, offset in ends.items()}
        return self._run(read())

    def count(self, topic: str) -> int:
        """Records on ``topic``, duplicates included."""
        return sum(self.end_offsets(topic).values())

    def committed(self, group: str, topic: str) -> dict[int, int]:
        """Offsets ``group`` committed on ``topic`` (0 where it never committed)."""
        async def read() -> dict[int, int]:
            admin = AIOKafkaAdminClient(bootstrap_servers=self.settings.bootstrap_servers)
            await admin.start()
            try:
                offsets = await admin.list_consumer_group_offsets(group)
            finally:
                await admin.close()
            return {tp.partition: meta.offset for tp, meta in offsets.items()
                    if tp.topic == topic and meta.offset >= 0}
        found = self._run(read())
        return {tp.partition: found.get(tp.partition, 0) for tp in self.partitions(topic)}

    def read_all(self, topic: str) -> list[tuple[int, int, bytes | None, bytes]]:
        """Every record of ``topic`` up to its current end: (partition, offset, key, value)."""
        tps = self.partitions(topic)

        async def read() -> list[tuple[int, int, bytes | None, bytes]]:
            consumer = AIOKafkaConsumer(
                bootstrap_servers=self.settings.bootstrap_servers, group_id=None,
                enable_auto_commit=False,
                max_partition_fetch_bytes=self.settings.max_message_bytes + 65536,
            )
            await consumer.start()
            try:
                ends = await consumer.end_offsets(tps)
                consumer.assign(tps)
                await consumer.seek_to_beginning(*tps)
                records = []
                remaining = {tp for tp in tps if ends[tp] > 0}
                while remaining:
                    batch = await consumer.getmany(*remaining, timeout_ms=1000, max_records=2000)
                    for tp, items in batch.items():
                        for item in items:
                            if item.offset < ends[tp]:
                                records.append((tp.partition, item.offset, item.key, item.value))
                        if await consumer.position(tp) >= ends[tp]:
                            remaining.discard(tp)
                return records
            finally:
                await consumer.stop()
        return self._run(read())

    def produced_since(self, topic: str, since_s: float) -> int:
        """Records appended to ``topic`` with a timestamp at or after ``since_s`` (epoch s)."""
        tps = self.partitions(topic)

        async def count() -> int:
            consumer = await self._client()
            found = await consumer.offsets_for_times({tp: int(since_s * 1000) for tp in tps})
            ends = await consumer.end_offsets(tps)
            return sum(ends[tp] - found[tp].offset for tp in tps if found.get(tp) is not None)
        return self._run(count())

    def wait_for(self, what: str, predicate: Callable[[], bool], timeout_s: float,
                 *, on_tick: Callable[[], None] | None = None) -> float:
        """Poll ``predicate`` every 0.5 s; return the seconds it took, fail after ``timeout_s``."""
        started = time.monotonic()
        while not predicate():
            if on_tick is not None:
                on_tick()
            assert time.monotonic() - started < timeout_s, f"timed out after {timeout_s} s: {what}"
            time.sleep(0.5)
        return time.monotonic() - started


# -- the final count ----------------------------------------------------------------------------

@dataclass
class Tally:
    """Every record of the enriched and dead-letter topics, counted against the input."""

    n_in: int
    enriched: Counter  # article id → times it appears on the enriched topic
    dead: Counter  # article id → times it appears on the DLQ
    dead_reasons: dict[str, set[tuple[str, str]]]  # article id → {(stage, error class)}
    bad_records: list[str]  # records that do not carry what they must (id, trail, reason)
    missing: set[str]
    unexpected: set[str]  # ids on the output that were never fed
    both: set[str]  # ids both enriched and dead-lettered
    wrong_outcome: dict[str, tuple[str, str]]  # id → (expected, got)
    copies_differ: set[str]  # ids whose enriched copies differ beyond the stages' timings

    @property
    def duplicates(self) -> int:
        """Extra records beyond the first per id, on enriched and on the DLQ together."""
        return self.enriched_duplicates + self.dead_duplicates

    @property
    def enriched_duplicates(self) -> int:
        return sum(self.enriched.values()) - len(self.enriched)

    @property
    def dead_duplicates(self) -> int:
        return sum(self.dead.values()) - len(self.dead)

    @property
    def ids_duplicated(self) -> int:
        return sum(1 for n in self.enriched.values() if n > 1) + sum(
            1 for n in self.dead.values() if n > 1)

    def summary(self, scenario: str, **extra: Any) -> str:
        more = "".join(f" {k}={v}" for k, v in extra.items())
        return (f"[{scenario}] in={self.n_in} out={len(self.enriched)}"
                f" (records {sum(self.enriched.values())}) dlq={len(self.dead)}"
                f" (records {sum(self.dead.values())}) missing={len(self.missing)}"
                f" duplicates={self.duplicates} (enriched {self.enriched_duplicates},"
                f" dlq {self.dead_duplicates}; ids duplicated {self.ids_duplicated}){more}")


def tally(view: BrokerView, batch: Batch) -> Tally:
    settings = view.settings
    enriched: Counter = Counter()
    dead: Counter = Counter()
    reasons: dict[str, set[tuple[str, str]]] = {}
    bad: list[str] = []
    stage_names = [stage.name for stage in STAGES]
    content: dict[str, set[str]] = {}  # article id → digests of its enriched copies
    for _, offset, key, value in view.read_all(settings.topic_enriched):
        record = orjson.loads(value)
        enriched[record["id"]] += 1
        content.setdefault(record["id"], set()).add(_digest_without_timings(record))
        if key != record["id"].encode() or [s["stage"] for s in record["pipeline"]] != stage_names:
            bad.append(f"enriched@{offset}: key {key!r}, trail {record.get('pipeline')}")
    for _, offset, key, value in view.read_all(settings.topic_dlq):
        letter = orjson.loads(value)
        article_id = letter.get("id")
        error = letter.get("error") or {}
        if not article_id or not error.get("class") or not error.get("message"):
            bad.append(f"dlq@{offset}: no id or reason: {letter!r:.300}")
            continue
        dead[article_id] += 1
        reasons.setdefault(article_id, set()).add((letter["stage"], error["class"]))
    seen = set(enriched) | set(dead)
    wrong = {}
    for article_id, outcome in batch.expected.items():
        got = ("enriched" if article_id in enriched else
               "/".join(sorted(c for _, c in reasons.get(article_id, ()))) or "missing")
        if article_id in seen and got != outcome:
            wrong[article_id] = (outcome, got)
    return Tally(
        n_in=len(batch.expected), enriched=enriched, dead=dead, dead_reasons=reasons,
        bad_records=bad, missing=batch.ids - seen, unexpected=seen - batch.ids,
        both=set(enriched) & set(dead), wrong_outcome=wrong,
        copies_differ={i for i, digests in content.items() if len(digests) > 1},
    )


def _digest_without_timings(record: dict[str, Any]) -> str:
    """A digest of an enriched record minus what legitimately differs between two runs of the
    same input: when and how long each stage ran."""
    trail = [{k: v for k, v in step.items() if k not in ("processed_at", "duration_ms")}
             for step in record.get("pipeline", ())]
    stable = {**record, "pipeline": trail}
    return hashlib.sha256(orjson.dumps(stable, option=orjson.OPT_SORT_KEYS)).hexdigest()


def assert_nothing_lost(result: Tally) -> None:
    """Zero missing; deduplicating by id gives exactly the input set, each with its outcome
    (enriched, or dead-lettered with the expected reason), and duplicate copies are identical."""
    assert not result.bad_records, result.bad_records[:5]
    assert not result.missing, f"{len(result.missing)} missing, e.g. {sorted(result.missing)[:10]}"
    assert not result.unexpected, sorted(result.unexpected)[:10]
    assert not result.both, sorted(result.both)[:10]
    assert not result.wrong_outcome, list(result.wrong_outcome.items())[:10]
    # Keeping any one copy per id is safe: a re-processed article comes out the same.
    assert not result.copies_differ, sorted(result.copies_differ)[:10]


def all_committed(view: BrokerView) -> bool:
    """Every stage's consumer group offsets are at the end of its input topic: all is done."""
    settings = view.settings
    for stage in STAGES:
        topic = settings.topics[stage.input]
        if view.committed(settings.app_id, topic) != view.end_offsets(topic):
            return False
    return True
