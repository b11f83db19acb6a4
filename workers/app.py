"""Thin Faust agents that wire Warta's topics to the stage functions.

One agent per stage, built from :data:`workers.pipeline.STAGES`: it reads its input topic as raw
bytes, calls :func:`workers.pipeline.run_stage`, and sends the result to the stage's output topic
or, on failure, to the dead-letter topic, keyed by article id. The algorithm, and why each step is
where it is, is written down in ``docs/delivery.md``:

1. consume one message (concurrency 1: faust-streaming 0.15 can commit past in-flight messages
   with ``concurrency > 1``, its issue #606);
2. run the stage; every bad input or stage exception becomes a DLQ record (an exception escaping
   an agent makes Faust ack and drop the message, so none may escape);
3. send the output (or DLQ) record and wait for the broker's acknowledgement;
4. only then move to the next message, which lets Faust mark the offset as processed; offsets are
   committed every ``WARTA_COMMIT_INTERVAL_S``;
5. if the broker refuses the output after the client's retries, exit the process at once, without
   committing, so the message is consumed again by the restarted (or another) worker.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from typing import Any, Callable, Sequence

import faust

from . import codec
from .errors import DeliveryFailed
from .pipeline import STAGE_NAMES, Stage, run_stage, stage_named
from .settings import Settings

log = logging.getLogger("warta.worker")

#: Process exit status when an output record could not be delivered (EX_SOFTWARE).
EXIT_DELIVERY_FAILED = 70


def _exit_without_commit(error: DeliveryFailed) -> None:
    log.critical("%s; exiting without committing so the input is consumed again", error)
    logging.shutdown()
    os._exit(EXIT_DELIVERY_FAILED)


@dataclass
class WartaApp:
    """The Faust app plus the topics and agents Warta declared on it."""

    app: faust.App
    settings: Settings
    topics: dict[str, faust.TopicT]
    agents: dict[str, Any] = field(default_factory=dict)
    #: Called when an output cannot be delivered; tests replace it to observe the failure.
    on_delivery_failure: Callable[[DeliveryFailed], None] = _exit_without_commit


def create_app(settings: Settings, stages: Sequence[str] = STAGE_NAMES) -> WartaApp:
    """Build the Faust app running the agents of ``stages`` (all by default)."""
    app = faust.App(
        settings.app_id,
        broker=settings.broker,
        autodiscover=False,
        key_serializer="raw",
        value_serializer="raw",
        store="memory://",
        datadir=str(settings.data_dir),
        topic_partitions=settings.topic_partitions,
        topic_replication_factor=settings.topic_replication,
        consumer_auto_offset_reset="earliest",
        broker_session_timeout=settings.session_timeout_s,
        broker_rebalance_timeout=settings.session_timeout_s,
        broker_heartbeat_interval=settings.heartbeat_interval_s,
        broker_commit_interval=settings.commit_interval_s,
        producer_acks=-1,
        producer_max_request_size=settings.max_message_bytes,
        web_bind=settings.web_bind,
        web_port=settings.web_port,
        web_host=settings.web_bind,
    )
    topics = {
        role: app.topic(
            name,
            key_serializer="raw",
            value_serializer="raw",
            partitions=settings.topic_partitions,
            replicas=settings.topic_replication,
        )
        for role, name in settings.topics.items()
    }
    warta = WartaApp(app=app, settings=settings, topics=topics)
    for name in stages:
        stage = stage_named(name)
        warta.agents[name] = app.agent(
            topics[stage.input], name=f"warta.{stage.name}", concurrency=1
        )(_stage_agent(warta, stage))
    return warta


def _stage_agent(warta: WartaApp, stage: Stage) -> Callable[[faust.StreamT], Any]:
    output = warta.topics[stage.output]
    dlq = warta.topics["dlq"]
    settings = warta.settings

    async def agent(stream: faust.StreamT) -> None:
        async for event in stream.events():
            message = event.message
            outcome = run_stage(
                stage,
                message.value,
                settings,
                source={
                    "topic": message.topic,
                    "partition": message.partition,
                    "offset": message.offset,
                },
            )
            target = output if outcome.ok else dlq
            key = outcome.key.encode("utf-8") if outcome.key else message.key
            if not outcome.ok:
                log.warning(
                    "dead letter: stage=%s id=%s error=%s: %s",
                    stage.name,
                    outcome.key,
                    outcome.record["error"]["class"],
                    outcome.record["error"]["message"][:200],
                )
            try:
                pending = await target.send(
                    key=key, value=outcome.record, value_serializer=codec.CODEC_NAME
                )
                await pending
            except Exception as exc:  # noqa: BLE001 - every producer error ends the same way
                warta.on_delivery_failure(
                    DeliveryFailed(
                        f"stage={stage.name} id={outcome.key}: {type(exc).__name__}: {exc}"
                    )
                )
                raise

    agent.__name__ = agent.__qualname__ = f"{stage.name}_agent"
    agent.__doc__ = f"Stage {stage.name!r}: {stage.input} → {stage.output} (+ dlq)."
    return agent
