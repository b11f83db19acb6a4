"""Three workers in one consumer group on 6-partition topics: one joins late, one is SIGKILLed.

Workers A and B start on a backlog of 2,000 articles; C joins once processing is under way (a
rebalance hands it partitions; the test waits until C owns partitions and produces); later B,
which provably owns partitions and is producing (its /metrics), is SIGKILLed mid-stream, and its
partitions go to A and C once its session times out. At the end every article is enriched or
dead-lettered with its reason, and deduplicating by id gives the input set.

Duplicates, counted by a plain consumer, are bounded in two steps:

- before the kill, after two rebalances (B joining A, C joining late): zero. A member commits
  what it finished before a rebalance takes its partitions (``workers.app``
  ``_CommitBeforeRevokeConsumer``; faust-streaming 0.15 alone re-did up to a commit interval of
  every member's work on every rebalance — 32 duplicates here before that fix);
- after the kill, only B's uncommitted work is done again: at most what B's stages finished
  since their last commit, itself part of everything the group produced (all stage outputs and
  the DLQ) in the commit interval + 4 s of slack before the kill.
"""

from __future__ import annotations

import asyncio
import re
import threading
import time
import urllib.request
from dataclasses import replace
from pathlib import Path

import pytest

from tests.kafka import _free_port
from tests.reliability.harness import (
    Batch,
    BrokerView,
    WorkerProcess,
    all_committed,
    assert_nothing_lost,
    feed,
    make_batch,
    tally,
)
from workers.pipeline import STAGES
from workers.settings import Settings
from workers.topics import ensure_topics

pytestmark = [pytest.mark.kafka, pytest.mark.reliability]

ARTICLES = 2_000
SEED = 31_337
#: Slack on top of the commit interval for "records finished since the last commit".
COMMIT_SLACK_S = 4.0


def _metrics(worker: WorkerProcess) -> dict[str, float]:
    """The worker's /metrics, as {'name{labels}': value}."""
    url = f"http://127.0.0.1:{worker.settings.web_port}/metrics"
    with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - loopback only
        text = response.read().decode()
    found = {}
    for line in text.splitlines():
        match = re.match(r"^(warta_[a-z_]+(?:\{[^}]*\})?) (\S+)$", line)
        if match:
            found[match.group(1)] = float(match.group(2))
    return found


def _assigned(worker: WorkerProcess) -> int:
    try:
        return int(_metrics(worker).get("warta_assigned_partitions", 0))
    except OSError:
        return 0


def _records_out(worker: WorkerProcess) -> float:
    try:
        values = _metrics(worker)
    except OSError:
        return 0.0
    return sum(v for k, v in values.items() if k.startswith("warta_records_out_total{"))


def test_late_join_and_a_killed_member_lose_nothing(
    reliability_settings: Settings, view: BrokerView, tmp_path: Path
) -> None:
    settings = reliability_settings
    batch = make_batch(ARTICLES, seed=SEED)
    n_enriched = sum(1 for outcome in batch.expected.values() if outcome == "enriched")
    workers = {
        name: WorkerProcess(replace(settings, web_port=_free_port(),
                                    data_dir=tmp_path / f"data-{name}"),
                            tmp_path / f"worker-{name}.log", name=name)
        for name in "ABC"
    }
    a, b, c = workers.values()

    def alive() -> None:
        for worker in workers.values():
            if worker.proc is not None:
                code = worker.exited()
                assert code is None, f"{worker.name} exited ({code})\n{worker.log_tail()}"

    # The articles arrive as a stream (20 chunks of 100, one every 1.5 s or so: slower than the
    # group works), so however fast the workers are, C joins and B dies while articles are still
    # arriving; a batch fed all at once, or faster, was sometimes finished before C could take a
    # partition or before the kill.
    chunks = [Batch(batch.articles[i::20], {}) for i in range(20)]

    def stream() -> None:
        for number, chunk in enumerate(chunks):
            feed(settings, chunk, tmp_path / f"articles-{number}.jsonl")
            time.sleep(1.0)

    feeder = threading.Thread(target=stream, name="feeder", daemon=True)
    asyncio.run(ensure_topics(settings))  # the view counts on them before the first feed lands
    started = time.monotonic()
    try:
        feeder.start()
        a.start()
        b.start()
        view.wait_for("processing under way with A and B",
                      lambda: view.count(settings.topic_enriched) >= n_enriched // 10,
                      timeout_s=180, on_tick=alive)
        joined_at_enriched = view.count(settings.topic_enriched)
        c.start()
        view.wait_for("C owns partitions and produces records",
                      lambda: _assigned(c) > 0 and _records_out(c) > 0, timeout_s=120,
                      on_tick=alive)
        view.wait_for("half the articles enriched",
                      lambda: view.count(settings.topic_enriched) >= n_enriched // 2,
                      timeout_s=240, on_tick=alive)
        b_assigned, b_out = _assigned(b), _records_out(b)
        assert b_assigned > 0 and b_out > 0, "B must own partitions and be producing when killed"
        before_kill = tally(view, batch)
        killed_at_enriched = view.count(settings.topic_enriched)
        assert killed_at_enriched < n_enriched, "B must be killed mid-stream"
        killed_at = time.time()
        b.kill()
        # What the group produced in the commit interval (+ slack) before the kill, on every
        # stage's output and the DLQ: B's share of it is what B finished but had not committed.
        window = sum(view.produced_since(topic, killed_at - settings.commit_interval_s
                                         - COMMIT_SLACK_S)
                     for topic in [*(settings.topics[s.output] for s in STAGES),
                                   settings.topic_dlq])
        feeder.join(timeout=300)
        assert not feeder.is_alive(), "feeding did not finish"
        view.wait_for("every stage's input fully processed and committed",
                      lambda: all_committed(view), timeout_s=300, on_tick=alive)
        elapsed = time.monotonic() - started
        c_out = _records_out(c)
    finally:
        for worker in workers.values():
            worker.stop()
        feeder.join(timeout=120)

    result = tally(view, batch)
    print("\n" + result.summary(
        "rebalance", workers=3, partitions=settings.topic_partitions,
        c_joined_at_enriched=joined_at_enriched, b_killed_at_enriched=killed_at_enriched,
        b_partitions_when_killed=b_assigned, b_records_out=int(b_out), c_records_out=int(c_out),
        duplicates_before_kill=before_kill.duplicates, group_records_in_commit_window=window,
        seconds=round(elapsed)))
    assert b.exits[0] == -9
    assert_nothing_lost(result)
    # Two rebalances (B joining A at the start, C joining late) re-did nothing: every member
    # commits what it finished before giving its partitions up.
    assert before_kill.duplicates == 0, (
        f"{before_kill.duplicates} duplicates from rebalances alone, before any crash")
    # After the kill only B's uncommitted work is done twice: per stage at most what the stage
    # finished since its last commit, which is part of what the whole group produced in the
    # last commit interval (+ slack) before the kill.
    assert result.duplicates <= window, (
        f"{result.duplicates} duplicates; B's uncommitted work is at most the {window} records"
        f" the group produced in the last"
        f" {settings.commit_interval_s + COMMIT_SLACK_S:.0f} s before the kill")
