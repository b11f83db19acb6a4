"""The benchmark report: the machine, the headline numbers against the targets, a table."""

from __future__ import annotations

import os
import platform
from pathlib import Path
from typing import Any

from ..settings import Settings

#: Keys every report has (the issue's contract; ``tests/bench`` checks them).
REQUIRED_KEYS = (
    "articles", "in_process_articles_per_s", "end_to_end_articles_per_s",
    "transport_articles_per_s", "naive_articles_per_s", "latency_ms", "worker_rss_mb",
    "two_workers_articles_per_s",
)

#: The targets of the issue on a 2-core machine: (key, label, comparison, threshold).
TARGETS = (
    ("in_process_articles_per_s", "in-process articles/s per core", ">=", 500.0),
    ("end_to_end_vs_in_process", "end to end / in-process (same cores)", ">=", 0.8),
    ("latency_p99_ms", "p99 latency at 50% load, ms", "<=", 250.0),
    ("worker_rss_mb", "worker peak RSS, MB", "<=", 400.0),
    ("two_workers_scaling", "two workers / one worker", ">=", 1.7),
)


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.lower().startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def machine(settings: Settings) -> dict[str, Any]:
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        usable = os.cpu_count()
    return {
        "cores": usable,
        "cpu_count": os.cpu_count(),
        "cpu_model": cpu_model(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "kafka_version": settings.kafka_version,
        "memory_mb": _memory_mb(),
    }


def _memory_mb() -> int | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) // 1024
    except OSError:
        pass
    return None


def _ratio(a: float | None, b: float | None) -> float | None:
    return round(a / b, 3) if a and b else None


def build_report(*, articles: int, corpus: dict, phases: dict[str, dict], machine_info: dict,
                 mode: str, seconds: float, load: dict, naive_validator: str,
                 broker: dict) -> dict[str, Any]:
    in_process = phases["in_process"]["articles_per_s"]
    one = phases["end_to_end"]["articles_per_s"]
    two = phases["two_workers"]["articles_per_s"]
    naive = phases["naive"]["articles_per_s"]
    latency = phases["latency"]["latency_ms"]
    rss = [x for p in ("end_to_end", "latency") for x in phases[p].get("peak_rss_mb", []) if x]
    report: dict[str, Any] = {
        "articles": articles,
        "in_process_articles_per_s": in_process,
        "end_to_end_articles_per_s": one,
        "transport_articles_per_s": phases["transport"]["articles_per_s"],
        "naive_articles_per_s": naive,
        "latency_ms": latency,
        "worker_rss_mb": max(rss) if rss else None,
        "two_workers_articles_per_s": two,
        "speedup_over_naive": _ratio(one, naive),
        "two_workers_scaling": _ratio(two, one),
        "end_to_end_vs_in_process": _ratio(one, in_process),
        "stage_ms": {"in_process": phases["in_process"]["stage_ms"],
                     "worker": phases["end_to_end"].get("stage_ms")},
        "mode": mode,
        "seconds": round(seconds, 1),
        "load_average": load,
        "machine": machine_info,
        "corpus": corpus,
        "naive_validator": naive_validator,
        "broker": broker,
        "phases": phases,
    }
    values = {**report, "latency_p99_ms": (latency or {}).get("p99")}
    report["targets"] = [
        {"name": label, "key": key, "target": f"{op} {threshold:g}", "value": values.get(key),
         "met": (values.get(key) is not None
                 and (values[key] >= threshold if op == ">=" else values[key] <= threshold))}
        for key, label, op, threshold in TARGETS
    ]
    return report


def _fmt(value: Any, digits: int = 1) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:,.{digits}f}"
    return str(value)


def format_table(report: dict[str, Any]) -> str:
    phases = report["phases"]
    lines = [
        f"warta bench ({report['mode']}): {report['articles']} articles, "
        f"{report['corpus']['languages']} languages, median body "
        f"{report['corpus']['body_bytes']['median']} B; "
        f"{report['machine']['cores']} cores ({report['machine']['cpu_model']}), "
        f"Python {report['machine']['python']}, Kafka {report['machine']['kafka_version']}; "
        f"load average {report['load_average']['start'][0]:.2f} → "
        f"{report['load_average']['end'][0]:.2f}",
        "",
        f"{'phase':<34} {'articles/s':>11} {'in':>6} {'out':>6} {'dlq':>5} {'miss':>5} {'dup':>5}"
        f" {'CPU ms/art.':>11} {'machine busy':>12}",
    ]
    rows = (("in-process, all stages, 1 core", "in_process"),
            ("end to end, 1 Warta worker", "end_to_end"),
            ("end to end, 2 Warta workers", "two_workers"),
            ("naive Faust baseline, 1 worker", "naive"),
            ("transport floor (no-op stages)", "transport"),
            ("latency run at 50% load", "latency"))
    for label, key in rows:
        p = phases[key]
        rate = p.get("articles_per_s", p.get("achieved_rate"))
        cpu = p.get("worker_cpu_seconds", p.get("cpu_seconds"))
        cpu_ms = cpu * 1000.0 / p["in"] if cpu and p["in"] else None
        busy = p.get("machine_cpu_busy")
        lines.append(f"{label:<34} {_fmt(rate):>11} {p['in']:>6} {p['out']:>6} {p['dlq']:>5} "
                     f"{_fmt(p.get('missing', 0)):>5} {_fmt(p.get('duplicates', 0)):>5} "
                     f"{_fmt(cpu_ms, 2):>11} {(f'{busy:.0%}' if busy is not None else '—'):>12}")
    lat = report["latency_ms"] or {}
    lines += [
        "",
        f"latency at 50% load (ms): p50 {_fmt(lat.get('p50'), 0)}  p95 {_fmt(lat.get('p95'), 0)}"
        f"  p99 {_fmt(lat.get('p99'), 0)}",
        "p99 per 10 s window (ms): " + (" ".join(
            _fmt(w["p99"], 0) for w in phases["latency"].get("latency_windows", [])) or "—"),
        f"worker peak RSS: {_fmt(report['worker_rss_mb'])} MB;  speed-up over naive: "
        f"{_fmt(report['speedup_over_naive'], 2)}x;  two workers / one: "
        f"{_fmt(report['two_workers_scaling'], 2)}x",
        "",
        f"{'stage cost, ms':<14} {'in-process mean':>16} {'p95':>8} {'in worker mean':>15} {'p95':>8}",
    ]
    worker = report["stage_ms"]["worker"] or {}
    for stage, cost in report["stage_ms"]["in_process"].items():
        w = worker.get(stage, {})
        lines.append(f"{stage:<14} {_fmt(cost['mean'], 2):>16} {_fmt(cost['p95'], 2):>8} "
                     f"{_fmt(w.get('mean'), 2):>15} {_fmt(w.get('p95'), 2):>8}")
    lines += ["", "targets:"]
    for t in report["targets"]:
        lines.append(f"  [{'met' if t['met'] else 'MISSED':>6}] {t['name']}: "
                     f"{_fmt(t['value'], 2)} (target {t['target']})")
    return "\n".join(lines)
