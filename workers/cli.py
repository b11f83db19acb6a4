"""The ``warta`` command: process, worker, feed, tail, kafka, demo, settings, eval.

A thin layer: every command reads :class:`~workers.settings.Settings` from the environment and calls
into the package; no command holds pipeline logic of its own.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path
from typing import IO, Any, Iterable

import click
import orjson

from .evaluation import SUITES
from .inputs import FORMATS, read_inputs
from .pipeline import STAGE_NAMES
from .settings import Settings, settings_table


def _run_kafka(settings: Settings, coroutine: Any) -> Any:
    """Run a Kafka client coroutine; a broker that cannot be reached is a clear error, no trace."""
    from aiokafka.errors import KafkaError

    from .security import SecurityConfigError, diagnose_connection

    try:
        return asyncio.run(coroutine)
    except SecurityConfigError as exc:
        raise click.ClickException(str(exc)) from None
    except KafkaError:
        raise click.ClickException(asyncio.run(diagnose_connection(settings))) from None


def _settings() -> Settings:
    try:
        return Settings.from_env()
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="warta")
def main() -> None:
    """Warta: raw news articles in, enriched structured records out, over Kafka."""


@main.command()
@click.argument("files", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(FORMATS),
              help="Input format (default: by file suffix, .jsonl/.ndjson = jsonl; stdin = jsonl).")
@click.option("-o", "--output", type=click.File("wb"), default="-",
              help="Write JSONL here instead of stdout.")
def process(files: tuple[str, ...], fmt: str | None, output: IO[bytes]) -> None:
    """Run every stage in-process (no broker) on FILES (or - for stdin).

    Writes one JSONL line per input, in input order: the enriched record, or the dead-letter
    record of an input that failed. Inputs go through the stages in blocks
    (:func:`workers.pipeline.process_many`), which costs ~3 % less CPU than one at a time.
    """
    from .pipeline import process_many

    settings = _settings()
    failed = 0
    payloads = (item.payload for item in read_inputs(files, fmt))
    for outcome in process_many(payloads, settings):
        failed += not outcome.ok
        output.write(orjson.dumps(outcome.record) + b"\n")
    output.flush()
    if failed:
        click.echo(f"{failed} input(s) went to the dead-letter output", err=True)


@main.command()
@click.option("--stages", default=",".join(STAGE_NAMES), show_default=True,
              help="Comma-separated stages to run in this worker.")
def worker(stages: str) -> None:
    """Run the Faust worker in the foreground until SIGTERM/SIGINT."""
    from .app import create_app, run_worker
    from .pipeline import warm_up
    from .topics import ensure_topics

    settings = _settings()
    chosen = [s.strip() for s in stages.split(",") if s.strip()]
    unknown = [s for s in chosen if s not in STAGE_NAMES]
    if unknown or not chosen:
        raise click.BadParameter(
            f"unknown stage(s) {', '.join(unknown) or '(none)'}; choose from {', '.join(STAGE_NAMES)}",
            param_hint="--stages",
        )
    _run_kafka(settings, ensure_topics(settings))
    warm_up(chosen)
    warta = create_app(settings, chosen)
    run_worker(warta.app, settings)


@main.command()
@click.argument("files", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(FORMATS),
              help="Input format (default: by file suffix; stdin = jsonl).")
def feed(files: tuple[str, ...], fmt: str | None) -> None:
    """Publish articles from FILES (or - for stdin) to the raw topic."""
    from tqdm import tqdm

    from .kafka_io import publish

    settings = _settings()
    # A bar with the rate on a terminal; nothing when stderr is piped or redirected (disable=None).
    with tqdm(unit=" articles", desc=f"feeding {settings.topic_raw}", disable=None,
              file=sys.stderr) as bar:
        count = _run_kafka(settings, publish(settings, read_inputs(files, fmt), on_acked=bar.update))
    click.echo(f"published {count} article(s) to {settings.topic_raw}", err=True)


@main.command()
@click.argument("topic")
@click.option("--from-beginning", is_flag=True, help="Start at the oldest record, not the newest.")
@click.option("--idle-timeout", type=float, default=None,
              help="Exit after this many seconds without a new record.")
@click.option("--limit", type=int, default=None, help="Exit after this many records.")
@click.option("--as", "as_format", type=click.Choice(["warta", "ninjs"]), default="warta",
              show_default=True, help="Print enriched records as IPTC ninjs 3.0 items.")
def tail(topic: str, from_beginning: bool, idle_timeout: float | None, limit: int | None,
         as_format: str) -> None:
    """Print TOPIC's records as JSONL (a role such as `enriched` or a topic name)."""
    from .formats.ninjs import to_ninjs
    from .kafka_io import tail_topic

    settings = _settings()
    name = settings.topics.get(topic, topic)
    out = sys.stdout.buffer

    def emit(value: bytes) -> None:
        if as_format == "ninjs":
            value = orjson.dumps(to_ninjs(orjson.loads(value)))
        out.write(value + b"\n")
        out.flush()

    _run_kafka(settings, tail_topic(settings, name, emit, from_beginning=from_beginning,
                                    idle_timeout_s=idle_timeout, limit=limit))


@main.command()
@click.option("--group", default=None, help="Consumer group (default: WARTA_APP_ID, Warta's own).")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list instead of a table.")
@click.option("--watch", type=float, default=None, metavar="SECONDS",
              help="Print again every SECONDS until interrupted.")
def lag(group: str | None, as_json: bool, watch: float | None) -> None:
    """Consumer lag per topic partition, in messages and seconds (like kafka-consumer-groups)."""
    import time

    from .lag import describe_lag, format_table

    settings = _settings()
    while True:
        rows = _run_kafka(settings, describe_lag(settings, group))
        if as_json:
            sys.stdout.buffer.write(orjson.dumps([r.as_dict() for r in rows]) + b"\n")
        else:
            click.echo(format_table(rows))
        sys.stdout.flush()
        if watch is None:
            return
        time.sleep(watch)
        if not as_json:
            click.echo()


@main.group()
def dlq() -> None:
    """The dead-letter topic."""


@dlq.command("replay")
@click.option("--stage", "stages", multiple=True, help="Only letters from this stage (repeatable).")
@click.option("--error-class", "classes", multiple=True,
              help="Only letters with this error class (repeatable), e.g. StageFailure.")
def dlq_replay(stages: tuple[str, ...], classes: tuple[str, ...]) -> None:
    """Re-publish dead letters to the raw topic (each letter once; see docs/delivery.md)."""
    from .replay import replay_dead_letters

    def keep(letter: dict) -> bool:
        return ((not stages or letter.get("stage") in stages)
                and (not classes or letter.get("error", {}).get("class") in classes))

    settings = _settings()
    name = ",".join([*(f"stage={s}" for s in sorted(stages)),
                     *(f"class={c}" for c in sorted(classes))])
    replayed, skipped = _run_kafka(
        settings, replay_dead_letters(settings, keep=keep, progress_name=name))
    click.echo(f"replayed {replayed} dead letter(s) to {settings.topic_raw}"
               f" ({skipped} left out by the filters)", err=True)


@main.group()
def kafka() -> None:
    """The local single-node Kafka broker (KRaft, 127.0.0.1)."""


@kafka.command("start")
def kafka_start() -> None:
    """Fetch the jars if needed and start the broker (idempotent)."""
    from . import kafka_local

    try:
        state, started = kafka_local.start(_settings())
    except kafka_local.KafkaLocalError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(("started: " if started else "already running: ") + state.describe())


@kafka.command("stop")
def kafka_stop() -> None:
    """Stop the broker started by `warta kafka start`."""
    from . import kafka_local

    click.echo("stopped" if kafka_local.stop(_settings()) else "not running")


@kafka.command("status")
def kafka_status() -> None:
    """Say whether the local broker runs; exit 1 when it does not."""
    from . import kafka_local

    state = kafka_local.status(_settings())
    click.echo(state.describe())
    sys.exit(0 if state.running else 1)


@main.command()
@click.argument("files", nargs=-1)
@click.option("--timeout", type=float, default=120.0, show_default=True,
              help="Seconds to wait for the enriched records.")
def demo(files: tuple[str, ...], timeout: float) -> None:
    """Start what is missing (broker, worker), feed FILES (default seeds/*.txt), print the results."""
    from .demo import run_demo

    sys.exit(run_demo(_settings(), files, timeout_s=timeout))


@main.command()
@click.option("--smoke", is_flag=True,
              help="A short run for CI: 300 articles, 5 s latency phase (numbers are not meaningful).")
@click.option("--articles", type=click.IntRange(min=10), default=None,
              help="Corpus size (default 5000; 300 with --smoke).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Where to write the JSON results (default bench/results/latest.json).")
@click.option("--seed", type=int, default=2026, show_default=True, help="Corpus random seed.")
@click.option("--data", "data_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Evaluation sets to draw text from (default: shared/eval beside the repository).")
@click.option("--bootstrap", default=None, metavar="HOST:PORT",
              help="Use this broker instead of starting a private one on free ports.")
def bench(smoke: bool, articles: int | None, output: Path | None, seed: int,
          data_dir: Path | None, bootstrap: str | None) -> None:
    """Measure throughput, latency, memory and scaling in-process and through a real broker."""
    from .bench import BenchOptions, run_bench

    options = BenchOptions.smoke_run() if smoke else BenchOptions()
    options.seed, options.eval_dir, options.bootstrap = seed, data_dir, bootstrap
    if articles is not None:
        options.articles = articles
    if output is not None:
        options.output = output
    try:
        report = run_bench(options, echo=lambda line: click.echo(line, err=True))
    except Exception as exc:  # noqa: BLE001 - a failed phase is reported, not a traceback
        from .kafka_local import KafkaLocalError

        if isinstance(exc, (KafkaLocalError, RuntimeError)):
            raise click.ClickException(f"bench failed: {exc}") from None
        raise
    lost = {name: phase["missing"] for name, phase in report["phases"].items()
            if phase.get("missing")}
    if lost:  # the numbers of a phase that lost articles are not numbers
        raise click.ClickException(f"articles missing (timed out or dropped): {lost}; "
                                   f"see {options.output}")


@main.command("asyncapi")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write here (default: print). The repository keeps it as schemas/asyncapi.yaml.")
def asyncapi(output: Path | None) -> None:
    """The AsyncAPI 3.0 document of every topic, generated from settings and schemas."""
    from .asyncapi import render

    text = render()
    if output is None:
        click.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")


@main.command("settings")
@click.option("--markdown", is_flag=True, help="Print the README settings table.")
def show_settings(markdown: bool) -> None:
    """Print every setting (env var, value)."""
    from dataclasses import fields

    if markdown:
        click.echo(settings_table())
        return
    current = _settings()
    for f in fields(Settings):
        value = getattr(current, f.name)
        if f.metadata["secret"] and value:
            value = "********"
        click.echo(f"{f.metadata['env']}={'' if value is None else value}")


@main.command("eval")
@click.argument("suite", type=click.Choice([*SUITES, "all"]))
@click.option("--data", "data_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Directory of the evaluation sets (default: shared/eval beside the repository).")
@click.option("--write/--no-write", default=None,
              help="Rewrite the suite's section of docs/quality.md (default: only for `all`).")
def evaluate(suite: str, data_dir: Path | None, write: bool | None) -> None:
    """Measure stage quality and speed on the public eval sets; print Markdown tables."""
    from .evaluation.common import DEFAULT_DATA_DIR, QUALITY_DOC
    from .evaluation.report import run_suite, write_sections

    data = data_dir or DEFAULT_DATA_DIR
    if not data.is_dir():
        raise click.UsageError(f"evaluation data directory not found: {data} (use --data DIR)")
    chosen = SUITES if suite == "all" else (suite,)
    if write is None:
        write = suite == "all"
    sections: dict[str, str] = {}
    for name in chosen:
        click.echo(f"eval {name} ...", err=True)
        try:
            section = run_suite(name, data)
        except FileNotFoundError as exc:
            raise click.ClickException(str(exc)) from None
        click.echo(f"eval {name}: {section.seconds:.1f} s", err=True)
        sections[name] = section.markdown()
        click.echo(sections[name])
    if write:
        write_sections(QUALITY_DOC, sections)
        click.echo(f"wrote {', '.join(sections)} to {QUALITY_DOC}", err=True)


def run(argv: Iterable[str]) -> None:
    """Entry point for ``python -m workers``."""
    main.main(args=list(argv), prog_name="warta")
