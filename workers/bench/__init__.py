"""``warta bench``: how fast Warta is, in process and through a real broker, against baselines.

One run generates the corpus (:mod:`.corpus`), then measures, in order:

1. in-process: :func:`~workers.pipeline.process_many` (what ``warta process`` runs) over the whole
   corpus on one core;
2. end to end with one ``warta worker`` process: raw topic pre-loaded, time until all enriched;
   then latency at half that rate (paced producer; enriched − raw broker timestamp, by id) on the
   same, still running, worker, whose peak RSS (VmHWM) is read before it stops;
3. the same with two worker processes;
4. the naive Faust baseline (:mod:`.apps`, ``naive``);
5. the transport floor (:mod:`.apps`, ``transport``).

Before phase 2 the broker is warmed up (phase 5's app over up to 2,000 articles, not reported).
Everything runs against a private broker (free ports, temporary data directory) that is stopped
at the end; worker processes are stopped by PID. See ``docs/benchmark.md``.
"""

from __future__ import annotations

import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import orjson

from ..settings import Settings

REPO = Path(__file__).resolve().parents[2]
DEFAULT_OUTPUT = REPO / "bench" / "results" / "latest.json"


@dataclass
class BenchOptions:
    articles: int = 5000
    smoke: bool = False
    seed: int = 2026
    eval_dir: Path | None = None
    output: Path = DEFAULT_OUTPUT
    bootstrap: str | None = None
    partitions: int = 6
    latency_seconds: float = 30.0

    @classmethod
    def smoke_run(cls, **overrides: Any) -> "BenchOptions":
        return cls(**{"articles": 300, "smoke": True, "latency_seconds": 5.0, **overrides})


def run_bench(options: BenchOptions, echo: Callable[[str], None] = print) -> dict[str, Any]:
    from . import broker as b
    from .corpus import DEFAULT_EVAL_DIR, describe_corpus, generate_corpus, raw_payload
    from .inprocess import run_in_process
    from .apps import _naive_validator
    from .report import build_report, format_table, machine

    began = time.perf_counter()
    load_start = os.getloadavg()
    eval_dir = options.eval_dir or DEFAULT_EVAL_DIR
    echo(f"corpus: generating {options.articles} articles (eval sets: "
         f"{eval_dir if eval_dir.is_dir() else 'not found, repository texts only'}) ...")
    corpus = generate_corpus(options.articles, seed=options.seed,
                             eval_dir=eval_dir if eval_dir.is_dir() else None)
    payloads = [raw_payload(a) for a in corpus]
    encoded = [(p["id"].encode(), orjson.dumps(p)) for p in payloads]
    phases: dict[str, dict] = {}

    echo("in-process: all four stages on one core ...")
    phases["in_process"] = run_in_process(payloads, Settings.from_env({}))
    echo(f"  {phases['in_process']['articles_per_s']} articles/s")

    timeout = 180.0 + options.articles / 5.0
    with tempfile.TemporaryDirectory(prefix="warta-bench-") as tmp:
        workdir = Path(tmp)
        echo("broker: starting a private Kafka broker ..." if not options.bootstrap
             else f"broker: using {options.bootstrap}")
        with b.PrivateBroker(workdir, options.bootstrap) as base:
            machine_info = machine(base)
            common = dict(workdir=workdir, partitions=options.partitions, timeout_s=timeout)

            # A fresh JVM interprets, then compiles, Kafka's request path: the first phase would
            # share the two cores with the broker's JIT compiler. A broker a feed runs against has
            # long been warm, so every measured phase should meet a warm one.
            echo("broker: warming up (transport app, not reported in the table) ...")
            phases["broker_warm_up"], _, _ = b.run_throughput_phase(
                base, "warmup", b.TRANSPORT_WORKER, encoded[:2000], workers=1, **common)

            echo("end to end: 1 Warta worker, raw topic pre-loaded ...")
            result, procs, settings = b.run_throughput_phase(
                base, "warta1", b.WARTA_WORKER, encoded, workers=1, trail=True, **common)
            phases["end_to_end"] = result
            echo(f"  {result['articles_per_s']} articles/s")
            try:
                rate = max((result["articles_per_s"] or 2.0) / 2.0, 1.0)
                count = max(20, int(rate * options.latency_seconds))
                paced = []
                for i in range(count):  # the corpus again, under new ids
                    source = payloads[i % len(payloads)]
                    new_id = f"{source['id']}-lat{i // len(payloads)}"
                    paced.append((new_id.encode(), orjson.dumps({**source, "id": new_id})))
                echo(f"latency: {count} articles paced at {rate:.1f}/s into the running worker ...")
                phases["latency"] = b.run_latency_phase(settings, procs, paced, rate,
                                                        timeout_s=count / rate + 120.0)
                echo(f"  {phases['latency']['latency_ms']}")
            finally:
                procs.stop()

            echo("end to end: 2 Warta workers ...")
            phases["two_workers"], _, _ = b.run_throughput_phase(
                base, "warta2", b.WARTA_WORKER, encoded, workers=2, **common)
            echo(f"  {phases['two_workers']['articles_per_s']} articles/s")

            echo("naive Faust baseline: 1 worker ...")
            phases["naive"], _, _ = b.run_throughput_phase(
                base, "naive", b.NAIVE_WORKER, encoded, workers=1, **common)
            echo(f"  {phases['naive']['articles_per_s']} articles/s")

            echo("transport floor: no-op stages, 1 worker ...")
            phases["transport"], _, _ = b.run_throughput_phase(
                base, "transport", b.TRANSPORT_WORKER, encoded, workers=1, **common)
            echo(f"  {phases['transport']['articles_per_s']} articles/s")
            echo("broker: stopping ...")

    report = build_report(
        articles=options.articles, corpus=describe_corpus(corpus), phases=phases,
        machine_info=machine_info, mode="smoke" if options.smoke else "full",
        seconds=time.perf_counter() - began,
        load={"start": list(load_start), "end": list(os.getloadavg())},
        naive_validator=_naive_validator("articles.raw")[1],
        broker={"bootstrap": base.bootstrap_servers, "private": not options.bootstrap},
    )
    options.output.parent.mkdir(parents=True, exist_ok=True)
    options.output.write_bytes(orjson.dumps(report, option=orjson.OPT_INDENT_2) + b"\n")
    echo("")
    echo(format_table(report))
    echo(f"\nwrote {options.output}")
    return report
