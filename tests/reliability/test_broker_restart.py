"""Stop the broker under a busy worker, start it again: the worker carries on and nothing is lost.

The test runs a broker of its own (the session broker is shared with every other test): a
single-node KRaft broker on free ports with a temporary data directory, stopped with
``kafka_local.stop`` (SIGTERM, Kafka's controlled shutdown) while articles are flowing and started
again on the same ports and data directory. Half the articles are fed before the outage and half
after it, so the worker must both finish its backlog and take new input once the broker is back.

The test behaves as a supervisor: if the worker exits instead of waiting for the broker (exit 70,
``DeliveryFailed``: an output the broker did not acknowledge), it is restarted. The summary line
says which happened; either way zero articles may be missing.
"""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

import pytest

from tests.kafka import _free_port
from tests.reliability.conftest import fresh_run
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
from workers import kafka_local
from workers.app import EXIT_WITHOUT_COMMIT
from workers.settings import Settings

pytestmark = [pytest.mark.kafka, pytest.mark.reliability]

ARTICLES = 1_000
OUTAGE_S = 10.0
SEED = 7_021_945


@pytest.fixture
def own_broker(tmp_path: Path) -> Settings:
    """A broker only this test uses (and stops, and starts again)."""
    port = _free_port()
    broker = replace(
        Settings.from_env({}),
        broker=f"kafka://127.0.0.1:{port}",
        kafka_port=port,
        kafka_controller_port=_free_port(),
        kafka_data_dir=tmp_path / "kafka-data",
    )
    _, started = kafka_local.start(broker)
    assert started
    try:
        yield broker
    finally:
        kafka_local.stop(broker)


def test_worker_survives_a_broker_restart_without_losing_an_article(
    own_broker: Settings, tmp_path: Path
) -> None:
    settings = fresh_run(own_broker, tmp_path, prefix="b")
    batch = make_batch(ARTICLES, seed=SEED)
    first = Batch(batch.articles[: ARTICLES // 2],
                  {a["id"]: batch.expected[a["id"]] for a in batch.articles[: ARTICLES // 2]})
    second = Batch(batch.articles[ARTICLES // 2:],
                   {a["id"]: batch.expected[a["id"]] for a in batch.articles[ARTICLES // 2:]})
    view = BrokerView(settings)
    worker = WorkerProcess(settings, tmp_path / "worker.log")
    restarts: list[int] = []  # exit codes of worker incarnations that ended by themselves

    def supervise() -> None:
        code = worker.exited()
        if code is not None:
            restarts.append(code)
            worker.start()

    try:
        feed(settings, first, tmp_path / "first.jsonl")
        worker.start()
        view.wait_for("a fifth of the first half enriched",
                      lambda: view.count(settings.topic_enriched) >= len(first.articles) // 5,
                      timeout_s=180, on_tick=supervise)
        before_outage = view.count(settings.topic_enriched)
        assert before_outage < len(first.articles), "the outage must come while articles flow"

        stopped_at = time.monotonic()
        assert kafka_local.stop(own_broker)
        while time.monotonic() - stopped_at < OUTAGE_S:
            supervise()  # a worker that gives up during the outage is restarted at once
            time.sleep(0.5)
        alive_through_outage = worker.running() and not restarts
        _, started = kafka_local.start(own_broker)
        assert started
        outage = time.monotonic() - stopped_at

        feed(settings, second, tmp_path / "second.jsonl")
        took = view.wait_for(
            "every stage's input fully processed and committed", lambda: _all_committed(view),
            timeout_s=300, on_tick=supervise)
    finally:
        worker.stop()

    try:
        result = tally(view, batch)
    finally:
        view.close()
    what = ("the worker reconnected by itself" if not restarts
            else f"the worker exited {restarts} and was restarted {len(restarts)} time(s)")
    print("\n" + result.summary(
        "broker restart", enriched_before_outage=before_outage, outage_s=round(outage, 1),
        alive_through_outage=alive_through_outage, drained_after_restart_s=round(took),
        what_happened=repr(what)))
    assert_nothing_lost(result)
    # A worker may only ever leave because of a delivery failure (exit 70, without commit).
    assert set(restarts) <= {EXIT_WITHOUT_COMMIT}, f"{restarts}\n{worker.log_tail()}"


def _all_committed(view: BrokerView) -> bool:
    try:
        return all_committed(view)
    except Exception:  # noqa: BLE001 - the broker may still be coming back
        return False
