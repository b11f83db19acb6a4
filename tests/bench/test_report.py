"""The report: what a phase counts, the percentiles, the JSON shape and the targets."""

from __future__ import annotations

import orjson
import pytest

from workers.bench.broker import Collected, _percentiles, account
from workers.bench.corpus import describe_corpus, generate_corpus, raw_payload
from workers.bench.inprocess import run_in_process
from workers.bench.report import REQUIRED_KEYS, build_report, format_table, machine
from workers.pipeline import STAGE_NAMES
from workers.settings import Settings


def test_account_counts_out_dlq_missing_and_duplicates_by_article_id():
    ids = ["a", "b", "c", "d"]
    collected = Collected(by_role={
        # "a" twice (a re-delivery), "b" once, "x" is not this phase's article.
        "enriched": [("a", 1000), ("b", 1500), ("a", 3000), ("x", 9000)],
        "dlq": [("c", 1200)],
    })
    result = account(ids, collected)
    assert result["in"] == 4
    assert (result["out"], result["dlq"], result["missing"], result["duplicates"]) == (2, 1, 1, 1)
    # Sustained rate: enriched records of this phase between the first and last timestamp.
    assert result["sustained_seconds"] == 2.0
    assert result["articles_per_s"] == 1.0


def test_percentiles_are_nearest_rank():
    values = list(range(1, 101))  # 1..100
    assert _percentiles(values) == {"p50": 50.0, "p95": 95.0, "p99": 99.0}
    assert _percentiles([7]) == {"p50": 7.0, "p95": 7.0, "p99": 7.0}
    assert _percentiles([]) == {"p50": None, "p95": None, "p99": None}


@pytest.fixture(scope="module")
def tiny_run():
    corpus = generate_corpus(12, seed=1)
    in_process = run_in_process([raw_payload(a) for a in corpus], Settings.from_env({}))
    return corpus, in_process


def _phase(rate, **extra):
    return {"in": 12, "out": 12, "dlq": 0, "missing": 0, "duplicates": 0,
            "articles_per_s": rate, **extra}


def _report(tiny_run, *, p99=120.0, rss=300.0, two=19.0):
    corpus, in_process = tiny_run
    phases = {
        "in_process": in_process,
        "end_to_end": _phase(10.0, peak_rss_mb=[rss]),
        "latency": {"in": 12, "out": 12, "dlq": 0, "missing": 0, "duplicates": 0,
                    "achieved_rate": 5.0, "latency_ms": {"p50": 40.0, "p95": 90.0, "p99": p99},
                    "peak_rss_mb": [rss]},
        "two_workers": _phase(two),
        "naive": _phase(5.0),
        "transport": _phase(200.0),
    }
    return build_report(articles=12, corpus=describe_corpus(corpus), phases=phases,
                        machine_info=machine(Settings.from_env({})), mode="smoke", seconds=1.0,
                        load={"start": [1.0, 1.0, 1.0], "end": [1.0, 1.0, 1.0]},
                        naive_validator="jsonschema (pure Python)",
                        broker={"bootstrap": "127.0.0.1:1", "private": True})


def test_in_process_phase_runs_every_article_through_all_four_stages(tiny_run):
    _, in_process = tiny_run
    assert (in_process["in"], in_process["out"], in_process["dlq"]) == (12, 12, 0)
    assert in_process["articles_per_s"] > 0
    assert list(in_process["stage_ms"]) == list(STAGE_NAMES)
    assert all(cost["mean"] is not None and cost["mean"] >= 0
               for cost in in_process["stage_ms"].values())


def test_report_has_every_required_key_and_round_trips_as_json(tiny_run):
    report = _report(tiny_run)
    assert set(REQUIRED_KEYS) <= set(report)
    assert report["articles"] == 12
    assert set(report["latency_ms"]) == {"p50", "p95", "p99"}
    assert report["worker_rss_mb"] == 300.0
    assert report["speedup_over_naive"] == 2.0
    assert report["two_workers_scaling"] == 1.9
    assert {"cores", "python", "kafka_version", "cpu_model"} <= set(report["machine"])
    assert orjson.loads(orjson.dumps(report)) == report


def test_targets_say_which_are_met_and_which_are_missed(tiny_run):
    met = {t["key"]: t["met"] for t in _report(tiny_run)["targets"]}
    assert met["latency_p99_ms"] and met["worker_rss_mb"] and met["two_workers_scaling"]
    missed = {t["key"]: t["met"] for t in _report(tiny_run, p99=251.0, rss=401.0, two=16.0)["targets"]}
    assert not missed["latency_p99_ms"]
    assert not missed["worker_rss_mb"]
    assert not missed["two_workers_scaling"]


def test_table_lists_every_phase_and_every_target(tiny_run):
    table = format_table(_report(tiny_run))
    for label in ("in-process", "1 Warta worker", "2 Warta workers", "naive", "transport floor",
                  "latency", "p99", "peak RSS", *STAGE_NAMES):
        assert label in table
    assert table.count("target ") == 5


def test_latency_windows_show_a_stall_in_the_window_where_it_happened() -> None:
    from workers.bench.broker import latency_windows

    # 30 s of articles every 100 ms at 40 ms, with a 900 ms stall at 12 s.
    pairs = [(1_000_000 + i * 100.0, 900.0 if i == 120 else 40.0) for i in range(300)]
    windows = latency_windows(pairs, 10.0)
    assert [w["from_s"] for w in windows] == [0.0, 10.0, 20.0]
    assert [w["articles"] for w in windows] == [100, 100, 100]
    assert [w["max"] for w in windows] == [40.0, 900.0, 40.0]
    assert windows[1]["p50"] == 40.0
    assert latency_windows([], 10.0) == []
