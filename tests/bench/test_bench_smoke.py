"""`warta bench --smoke` end to end: its own broker, real workers, a complete JSON report.

Asserts only the shape of the results and that every article is accounted for in every phase —
never a speed.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from workers.bench.report import REQUIRED_KEYS

pytestmark = pytest.mark.kafka

THROUGHPUT_PHASES = ("end_to_end", "two_workers", "naive", "transport")


def _port_open(bootstrap: str) -> bool:
    host, port = bootstrap.rsplit(":", 1)
    try:
        with socket.create_connection((host, int(port)), timeout=0.5):
            return True
    except OSError:
        return False


@pytest.fixture(scope="module")
def smoke_report(tmp_path_factory: pytest.TempPathFactory) -> dict:
    output = tmp_path_factory.mktemp("bench") / "latest.json"
    env = {k: v for k, v in os.environ.items() if not k.startswith("WARTA_")}
    for name in ("WARTA_KAFKA_HOME", "WARTA_KAFKA_VERSION"):  # the jar cache, if moved
        if name in os.environ:
            env[name] = os.environ[name]
    run = subprocess.run([sys.executable, "-m", "workers", "bench", "--smoke", "--output",
                          str(output)], env=env, capture_output=True, text=True, timeout=540)
    assert run.returncode == 0, run.stderr[-4000:]
    assert "targets:" in run.stderr  # the table was printed
    return json.loads(output.read_text())


def test_smoke_report_has_every_required_key(smoke_report: dict) -> None:
    assert set(REQUIRED_KEYS) <= set(smoke_report)
    assert smoke_report["articles"] == 300
    assert smoke_report["mode"] == "smoke"
    assert set(smoke_report["latency_ms"]) == {"p50", "p95", "p99"}
    for key in ("in_process_articles_per_s", "end_to_end_articles_per_s",
                "transport_articles_per_s", "naive_articles_per_s",
                "two_workers_articles_per_s", "worker_rss_mb"):
        assert isinstance(smoke_report[key], (int, float)) and smoke_report[key] > 0, key
    assert all(isinstance(v, (int, float)) and v >= 0 for v in smoke_report["latency_ms"].values())
    assert {"cores", "python", "kafka_version", "cpu_model"} <= set(smoke_report["machine"])
    assert smoke_report["corpus"]["articles"] == 300


def test_every_phase_accounts_for_every_article(smoke_report: dict) -> None:
    phases = smoke_report["phases"]
    assert phases["in_process"]["in"] == phases["in_process"]["out"] == 300
    for name in THROUGHPUT_PHASES:
        phase = phases[name]
        assert phase["in"] == 300, name
        assert phase["out"] + phase["dlq"] == 300, (name, phase)
        assert phase["missing"] == 0, (name, phase)
    # One worker never sees a rebalance mid-run, so it delivers each article exactly once; two
    # workers may re-deliver after a rebalance (at-least-once), which the report counts.
    for name in ("end_to_end", "naive", "transport"):
        assert phases[name]["duplicates"] == 0, (name, phases[name])
    latency = phases["latency"]
    assert latency["in"] >= 20
    assert latency["out"] + latency["dlq"] == latency["in"] and latency["missing"] == 0
    assert phases["end_to_end"]["stage_ms"].keys() == {"language", "sentences", "quotes", "enrich"}


def test_bench_stops_its_broker_and_its_workers(smoke_report: dict) -> None:
    assert smoke_report["broker"]["private"] is True
    assert not _port_open(smoke_report["broker"]["bootstrap"])
    for name in THROUGHPUT_PHASES:
        for pid in smoke_report["phases"][name]["worker_pids"]:
            assert not Path(f"/proc/{pid}").exists() or _zombie_or_other(pid), (name, pid)


def _zombie_or_other(pid: int) -> bool:
    """True when ``pid`` is no longer one of the bench's workers (reused by another process)."""
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return True
    return b"workers" not in cmdline
