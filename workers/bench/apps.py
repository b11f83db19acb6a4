"""The two Faust apps the benchmark compares Warta's worker against, run as worker processes.

``python -m workers.bench.apps transport`` — the transport floor: the same four topics, the same
delivery style as Warta's agents (raw bytes in, orjson out, each send awaited until the broker
acknowledges it, concurrency 1, keyed by article id), but every stage is a pass-through that decodes
the record and sends it on unchanged. What it reaches is the Kafka + Faust limit on this machine.

``python -m workers.bench.apps naive`` — the baseline a user would otherwise write: the same stage
functions wired the way Faust's documentation does it. Faust defaults: ``value_serializer="json"``
(backed by the standard library's :mod:`json`, i.e. Faust installed without orjson), one agent per
stage reading decoded values one message at a time, ``await topic.send(value=...)`` without
waiting for the acknowledgement, and each stage validating its input against the topic's JSON
Schema with the reference (pure-Python) ``jsonschema`` validator before running — no shortcuts
(when ``jsonschema`` is not installed, Warta's own validator is used and the report says so). No
dead-letter topic: a failing message would be dropped by Faust, which the benchmark counts as
missing.

Both read every setting from ``WARTA_*`` variables like ``warta worker`` does.
"""

from __future__ import annotations

import json
import sys
import time
from typing import Any, Callable

import faust
from faust.serializers import codecs

from .. import codec
from ..app import InFlight, exit_without_commit, process_acknowledged, run_worker
from ..settings import Settings

ROLES = ("raw", "lang", "segmented", "quoted", "enriched")


class StdlibJSON(codecs.Codec):
    """Faust's ``json`` codec as it is when orjson is not installed: the standard library with
    Faust's own encoder (``faust.utils.json``'s fallback branch, verbatim in behaviour)."""

    def _dumps(self, obj: Any) -> bytes:
        from faust.utils.json import JSONEncoder

        return json.dumps(obj, cls=JSONEncoder, separators=(",", ":")).encode("utf-8")

    def _loads(self, s: bytes) -> Any:
        return json.loads(s)


def _faust_app(settings: Settings, **overrides: Any) -> faust.App:
    """A Faust app with the same broker connection and group timing as Warta's worker."""
    from ..app import faust_options

    return faust.App(settings.app_id, **{**faust_options(settings), **overrides})


def transport_app(settings: Settings) -> faust.App:
    app = _faust_app(settings, key_serializer="raw", value_serializer="raw", producer_acks=-1)
    topics = {role: app.topic(settings.topics[role], key_serializer="raw", value_serializer="raw",
                              partitions=settings.topic_partitions) for role in ROLES}
    for source, target in zip(ROLES, ROLES[1:]):
        app.agent(topics[source], name=f"transport.{source}", concurrency=1)(
            _passthrough(app, settings.topics[target], settings))
    return app


def _passthrough(app: faust.App, output: str, settings: Settings) -> Callable[[faust.StreamT], Any]:
    def nothing() -> None:
        return None

    async def handle(event: faust.EventT) -> InFlight:
        message = event.message
        record = codec.loads(message.value)  # as Warta's stages decode their input
        # Sent as WartaApp.send does: straight to Faust's producer.
        future = await app.producer.send(output, message.key, codec.dumps(record), None, None, None)
        return InFlight(event, [future], nothing, f"transport offset={message.offset}")

    async def agent(stream: faust.StreamT) -> None:
        # Delivered and acknowledged like Warta's agents (workers/app.py), minus the stage.
        await process_acknowledged(stream, handle, max_in_flight=settings.max_in_flight,
                                   on_lost=exit_without_commit)
    return agent


def _naive_validator(schema_name: str) -> tuple[Callable[[dict], None], str]:
    try:
        import jsonschema
        from referencing import Registry, Resource

        from ..schemas import _registry

        _, by_name = _registry()
        registry = Registry().with_resources(
            (doc["$id"], Resource.from_contents(doc)) for doc in by_name.values())
        validator = jsonschema.Draft202012Validator(by_name[schema_name], registry=registry)
        return validator.validate, "jsonschema (pure Python)"
    except ImportError:
        from ..records import check_record

        return (lambda record: check_record(record, schema_name)), "jsonschema-rs (Warta's)"


def naive_app(settings: Settings) -> faust.App:
    from ..pipeline import STAGES

    codecs.register("json", StdlibJSON())  # Faust's json codec without orjson installed
    app = _faust_app(settings, value_serializer="json")
    topics = {role: app.topic(settings.topics[role], partitions=settings.topic_partitions)
              for role in ROLES}
    for stage in STAGES:
        validate, _ = _naive_validator(stage.input_schema)
        app.agent(topics[stage.input], name=f"naive.{stage.name}", concurrency=1)(
            _naive_stage(stage, validate, topics[stage.output]))
    return app


def _naive_stage(stage: Any, validate: Callable[[dict], None],
                 output: faust.TopicT) -> Callable[[faust.StreamT], Any]:
    async def agent(stream: faust.StreamT) -> None:
        async for record in stream:
            validate(record)
            started = time.perf_counter()
            record.update(stage.apply(record))
            record.setdefault("pipeline", []).append({
                "stage": stage.name, "version": stage.version,
                "processed_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                "duration_ms": round((time.perf_counter() - started) * 1000.0, 3),
            })
            await output.send(key=record["id"].encode("utf-8"), value=record)
    return agent


def main(argv: list[str]) -> None:
    from ..topics import ensure_topics
    import asyncio

    if len(argv) != 1 or argv[0] not in ("transport", "naive"):
        raise SystemExit("usage: python -m workers.bench.apps transport|naive")
    settings = Settings.from_env()
    asyncio.run(ensure_topics(settings))
    if argv[0] == "naive":
        from ..pipeline import warm_up

        warm_up()  # models load before the clock starts, as in `warta worker`
        app = naive_app(settings)
    else:
        app = transport_app(settings)
    run_worker(app, settings)


if __name__ == "__main__":
    main(sys.argv[1:])
