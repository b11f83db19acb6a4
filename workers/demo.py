"""``warta demo``: the whole system on the seed articles, from one command.

Starts the local broker unless one runs, starts a worker process, feeds the seeds, waits for
their enriched (or dead-letter) records, prints them, and stops what it started — only that.
"""

from __future__ import annotations

import asyncio
import subprocess
import sys
import time
from pathlib import Path

import orjson

from . import kafka_local
from .inputs import read_inputs
from .kafka_io import end_offsets, publish, tail_topic
from .processes import stop_processes
from .settings import Settings


def _default_files() -> list[str]:
    seeds = Path.cwd() / "seeds"
    return sorted(str(p) for p in seeds.glob("*.txt"))


def run_demo(settings: Settings, files: tuple[str, ...] | list[str], *, timeout_s: float) -> int:
    files = list(files) or _default_files()
    if not files:
        print("no input: pass files or run from the repository root (seeds/*.txt)", file=sys.stderr)
        return 2
    inputs = list(read_inputs(files))
    wanted = {item.key().decode() for item in inputs}

    state, started_broker = kafka_local.start(settings)
    print(("started " if started_broker else "using ") + state.describe(), file=sys.stderr)
    log_path = settings.kafka_home / "demo-worker.log"
    worker: subprocess.Popen[bytes] | None = None
    try:
        with open(log_path, "wb") as log:
            worker = subprocess.Popen(
                [sys.executable, "-m", "workers", "worker"],
                stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            )
        print(f"started worker pid {worker.pid} (log: {log_path})", file=sys.stderr)
        found = asyncio.run(_feed_and_collect(settings, inputs, wanted, timeout_s))
    finally:
        if worker is not None:
            stop_processes([worker], timeout_s=30)
            print(f"stopped worker pid {worker.pid}", file=sys.stderr)
        if started_broker:
            kafka_local.stop(settings)
            print("stopped the broker this demo started", file=sys.stderr)
    for record in found.values():
        sys.stdout.buffer.write(orjson.dumps(record, option=orjson.OPT_INDENT_2) + b"\n")
    missing = wanted - found.keys()
    if missing:
        print(f"no result within {timeout_s:.0f} s for: {', '.join(sorted(missing))}", file=sys.stderr)
        return 1
    return 0


async def _feed_and_collect(
    settings: Settings, inputs: list, wanted: set[str], timeout_s: float
) -> dict[str, dict]:
    from .topics import ensure_topics

    await ensure_topics(settings)
    # Start reading where the output topics end now, so results of earlier runs are not shown.
    starts = {
        topic: await end_offsets(settings, topic)
        for topic in (settings.topic_enriched, settings.topic_dlq)
    }
    await publish(settings, inputs)
    print(f"fed {len(inputs)} article(s) to {settings.topic_raw}", file=sys.stderr)
    found: dict[str, dict] = {}
    deadline = time.monotonic() + timeout_s

    def keep(value: bytes) -> None:
        record = orjson.loads(value)
        if record.get("id") in wanted:
            found[record["id"]] = record

    while wanted - found.keys() and time.monotonic() < deadline:
        for topic, offsets in starts.items():
            await tail_topic(settings, topic, keep, start_offsets=offsets, idle_timeout_s=1.0)
    return found


if __name__ == "__main__":  # pragma: no cover
    sys.exit(run_demo(Settings.from_env(), sys.argv[1:], timeout_s=120.0))
