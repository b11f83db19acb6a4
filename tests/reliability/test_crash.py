"""SIGKILL the worker five times while it works through 5,000 articles: nothing is lost.

The worker is killed at seeded random moments spread over the run (when the enriched topic's
record count passes random thresholds) and restarted each time, as a supervisor would. At the end
every article id is on the enriched topic or on the DLQ with its reason, and deduplicating by id
gives exactly the input set.

Duplicates are not only counted but explained. While the worker is dead nothing moves, so the
broker holds a frozen picture of each stage s: the offsets its consumer group committed on its
input topic (``C_s``) and the records it produced so far (``E_s``: its output topic plus its DLQ
records). The restarted worker resumes at ``C_s``, so the records the killed incarnation had
finished past its last commit are processed twice; per kill ``j`` that is

    U_s(j) = C_s(j-1) + (E_s(j) - E_s(j-1)) - C_s(j)

(the offset the incarnation had reached minus the committed one). The test asserts

- ``U_s(j) >= 0``: no commit ever ran ahead of the records actually produced (a negative value
  is a lost article, whatever the end result looks like);
- ``U_s(j)`` is at most what stage s produced in the last ``commit interval + 4 s`` before the
  kill: offsets really are committed every ``WARTA_COMMIT_INTERVAL_S``, so a crash costs one
  commit interval of work per stage, not everything since the start (the 4 s is slack for a
  busy event loop, not a performance figure);
- every stage produced exactly ``|input| + sum_j U_s(j)`` records, hence duplicates on enriched
  plus duplicates on the DLQ = ``sum_s sum_j U_s(j)``: every duplicate is explained by a crash.

That sum is the bound documented in docs/delivery.md: per crash, at most the records each of the
four stages finished since its last commit.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass
from pathlib import Path

import orjson
import pytest

from tests.reliability.harness import (
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

pytestmark = [pytest.mark.kafka, pytest.mark.reliability]

ARTICLES = 5_000
KILLS = 5
SEED = 20_240_805
#: Slack on top of the commit interval for "records finished since the last commit".
COMMIT_SLACK_S = 4.0


@dataclass
class StageSnapshot:
    committed: dict[int, int]  # input partition → committed offset
    produced: int  # records on the output topic + this stage's dead letters


def snapshot(view: BrokerView) -> dict[str, StageSnapshot]:
    """The frozen state of every stage while no worker runs."""
    settings = view.settings
    dead_by_stage: dict[str, int] = {stage.name: 0 for stage in STAGES}
    for _, _, _, value in view.read_all(settings.topic_dlq):
        dead_by_stage[orjson.loads(value)["stage"]] += 1
    return {
        stage.name: StageSnapshot(
            committed=view.committed(settings.app_id, settings.topics[stage.input]),
            produced=view.count(settings.topics[stage.output]) + dead_by_stage[stage.name],
        )
        for stage in STAGES
    }


def kill_thresholds(rng: random.Random, expected_enriched: int) -> list[int]:
    """Five enriched-record counts spread over the run: one in each sixth, the last before 90 %."""
    return [int(expected_enriched * (0.06 + 0.17 * k + rng.uniform(0.0, 0.12)))
            for k in range(KILLS)]


def test_sigkill_five_times_loses_no_article_and_every_duplicate_is_explained(
    reliability_settings: Settings, view: BrokerView, tmp_path: Path
) -> None:
    settings = reliability_settings
    rng = random.Random(SEED)
    batch = make_batch(ARTICLES, seed=SEED)
    n_enriched = sum(1 for outcome in batch.expected.values() if outcome == "enriched")
    thresholds = kill_thresholds(rng, n_enriched)
    worker = WorkerProcess(settings, tmp_path / "worker.log")

    started = time.monotonic()
    feed(settings, batch, tmp_path / "articles.jsonl")
    worker.start()
    previous = {stage.name: StageSnapshot({}, 0) for stage in STAGES}
    reprocessed: dict[str, list[int]] = {stage.name: [] for stage in STAGES}
    kills = []
    try:
        for threshold in thresholds:
            def passed() -> bool:
                _assert_alive(worker)
                return view.count(settings.topic_enriched) >= threshold
            view.wait_for(f"{threshold} enriched records", passed, timeout_s=300)
            killed_at = time.time()
            worker.kill()
            now = snapshot(view)
            kills.append(view.count(settings.topic_enriched))
            since = killed_at - settings.commit_interval_s - COMMIT_SLACK_S
            for stage in STAGES:
                before, after = previous[stage.name], now[stage.name]
                for partition, committed in after.committed.items():
                    assert committed >= before.committed.get(partition, 0), (
                        f"{stage.name}: committed offset of partition {partition} went back")
                reached = (sum(before.committed.values()) + after.produced - before.produced)
                again = reached - sum(after.committed.values())
                assert again >= 0, (
                    f"{stage.name}: offsets committed {-again} records past what the stage had"
                    f" produced when it was killed: those articles are lost")
                window = (view.produced_since(settings.topics[stage.output], since)
                          + view.produced_since(settings.topic_dlq, since))
                assert again <= window, (
                    f"{stage.name}: {again} records to process again after kill {len(kills)},"
                    f" more than the {window} it produced in the last"
                    f" {settings.commit_interval_s + COMMIT_SLACK_S:.0f} s: offsets are not being"
                    f" committed every {settings.commit_interval_s} s")
                reprocessed[stage.name].append(again)
            previous = now
            worker.start()

        view.wait_for("every stage's input fully processed and committed",
                      lambda: all_committed(view), timeout_s=400,
                      on_tick=lambda: _assert_alive(worker))
        elapsed = time.monotonic() - started
    finally:
        worker.stop()

    result = tally(view, batch)
    final = snapshot(view)
    explained = sum(sum(values) for values in reprocessed.values())
    print("\n" + result.summary(
        "crash", kills=KILLS, enriched_records_at_kills=kills,
        reprocessed_per_stage={name: values for name, values in reprocessed.items()},
        explained=explained, seconds=round(elapsed)))

    assert worker.exits[:KILLS] == [-9] * KILLS  # SIGKILL; the last exit is the SIGTERM at the end
    assert_nothing_lost(result)
    inputs = len(batch.expected)
    for stage in STAGES:
        produced = final[stage.name].produced
        assert produced == inputs + sum(reprocessed[stage.name]), (
            f"{stage.name} produced {produced} records for {inputs} inputs and"
            f" {sum(reprocessed[stage.name])} re-processed after kills")
        inputs = view.count(settings.topics[stage.output])
    assert result.duplicates == explained


def _assert_alive(worker: WorkerProcess) -> None:
    code = worker.exited()
    assert code is None, f"the worker exited by itself ({code})\n{worker.log_tail()}"
