"""Phase 1: every stage in-process (``process_many``, as ``warta process`` runs them), one core — the
compute limit."""

from __future__ import annotations

import gc
import time
from typing import Any, Sequence

from ..pipeline import STAGE_NAMES, process_many, warm_up
from ..settings import Settings
from .broker import CpuMeter, _summary


def run_in_process(payloads: Sequence[dict[str, Any]], settings: Settings) -> dict[str, Any]:
    """Run all four stages on every article in this process; rate and per-stage cost."""
    warm_up()  # model loading is start-up cost, not per-article cost
    gc.collect()
    gc.freeze()  # as `warta worker` does after its warm-up (workers.app.run_worker)
    stage_ms: dict[str, list[float]] = {name: [] for name in STAGE_NAMES}
    ok = 0
    meter = CpuMeter()
    wall0, cpu0 = time.perf_counter(), time.process_time()
    for outcome in process_many(payloads, settings):
        if outcome.ok:
            ok += 1
            for step in outcome.record["pipeline"]:
                stage_ms[step["stage"]].append(step["duration_ms"])
    wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
    return {
        "in": len(payloads),
        "out": ok,
        "dlq": len(payloads) - ok,
        "wall_seconds": round(wall, 3),
        "cpu_seconds": round(cpu, 3),
        "articles_per_s": round(len(payloads) / wall, 2),
        "articles_per_cpu_s": round(len(payloads) / cpu, 2) if cpu > 0 else None,
        "stage_ms": {name: _summary(values) for name, values in stage_ms.items()},
        "machine_cpu_busy": meter.read()["machine_cpu_busy"],
    }
