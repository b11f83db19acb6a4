"""Thin Faust agents that wire Warta's topics to the stage functions.

One agent per stage, built from :data:`workers.pipeline.STAGES`: it reads its input topic as raw
bytes, calls :func:`workers.pipeline.run_stage`, and sends the result to the stage's output topic
or, on failure, to the dead-letter topic, keyed by article id. The algorithm, and why each step is
where it is, is written down in ``docs/delivery.md``:

1. consume one message at a time, Faust's own acks off (concurrency 1: faust-streaming 0.15 can
   commit past in-flight messages with ``concurrency > 1``, its issue #606);
2. run the stage; every bad input or stage exception becomes a DLQ record (an exception escaping
   an agent makes Faust ack and drop the message, so none may escape);
3. send the output (or DLQ) records and go on with the next message, at most
   ``WARTA_MAX_IN_FLIGHT`` messages waiting for the broker (:func:`process_acknowledged`);
4. ack each message, in order, only once the broker has acknowledged all its outputs; Faust
   commits acked offsets every ``WARTA_COMMIT_INTERVAL_S``, and before a rebalance takes
   partitions away (faust-streaming 0.15 forgets them first; :class:`_CommitBeforeRevokeConsumer`);
5. if the broker refuses the output after the client's retries, exit the process at once, without
   committing, so the message is consumed again by the restarted (or another) worker.
"""

from __future__ import annotations

import asyncio
import logging
import os
import time
from dataclasses import dataclass, field
from typing import Any, Awaitable, Callable, Sequence

import faust
import uvloop
from faust.transport.drivers import aiokafka as faust_aiokafka

from . import codec
from .errors import AgentFailed, DeliveryFailed, WartaError
from .events import cloud_event_headers, header, next_traceparent
from .formats.ninjs import to_ninjs
from .lag import describe_lag
from .logs import log_context
from .metrics import CONTENT_TYPE_LATEST, WorkerMetrics
from .pipeline import STAGE_NAMES, Stage, run_stage, stage_named
from .security import faust_credentials
from .settings import Settings

log = logging.getLogger("warta.worker")

#: Process exit status when the worker ends without committing: an output record could not be
#: delivered (DeliveryFailed) or an agent can no longer ack in order (AgentFailed). EX_SOFTWARE.
EXIT_WITHOUT_COMMIT = 70

#: Kafka header carrying the article's timestamp on the raw topic (ms since the epoch), copied
#: from stage to stage so the last one can measure end-to-end latency.
RAW_TIMESTAMP_HEADER = "warta-raw-timestamp-ms"


def exit_without_commit(error: WartaError) -> None:
    """Log ``error`` and end the process at once: nothing is committed, so the input is read again."""
    log.critical("%s; exiting without committing so the input is consumed again", error)
    logging.shutdown()
    os._exit(EXIT_WITHOUT_COMMIT)


class _CommitBeforeRevokeConsumer(faust_aiokafka.Consumer):
    """Faust's aiokafka consumer, committing finished work before a rebalance takes it away.

    faust-streaming 0.15's ``Consumer.on_partitions_revoked`` first forgets the acknowledged
    offsets of the revoked partitions and only then waits for the streams and commits, so that
    commit has nothing left to say about them: every rebalance (a worker joining, leaving or
    restarting) made the next owner process again everything finished since the last periodic
    commit. Here the streams are stopped, the messages in flight are awaited (their outputs are
    acknowledged before they are acked, see :func:`process_acknowledged`) and the acked offsets are committed
    *before* Faust forgets them; then Faust's own handling runs unchanged.
    """

    async def on_partitions_revoked(self, revoked: Any) -> None:
        app = self.app
        if not app.should_stop and self.assignment():
            try:
                self.stop_flow()
                app.flow_control.suspend()
                app.flow_control.clear()  # buffered, not started: the next owner reads them
                await self.wait_empty()  # waits for the in-flight message, then commits
            except Exception as exc:  # noqa: BLE001 - Faust's own handling must still run
                log.warning("could not commit before the rebalance (%s: %s); the next owner"
                            " processes again what was finished since the last commit",
                            type(exc).__name__, exc)
        await super().on_partitions_revoked(revoked)


class _WartaFaustApp(faust.App):
    def _new_transport(self) -> Any:
        transport = super()._new_transport()
        if isinstance(transport, faust_aiokafka.Transport):
            transport.Consumer = _CommitBeforeRevokeConsumer
        return transport


@dataclass
class WartaApp:
    """The Faust app plus the topics and agents Warta declared on it."""

    app: faust.App
    settings: Settings
    topics: dict[str, faust.TopicT]
    agents: dict[str, Any] = field(default_factory=dict)
    metrics: WorkerMetrics = field(default_factory=WorkerMetrics)
    #: Called when an output cannot be delivered, or an agent can no longer ack in order
    #: (:class:`~workers.errors.AgentFailed`); tests replace it to observe the failure.
    on_delivery_failure: Callable[[WartaError], None] = exit_without_commit

    async def send(self, role: str, key: bytes | None, value: bytes,
                   headers: list[tuple[str, bytes]]) -> Awaitable[Any]:
        """Hand one encoded record for topic ``role`` to the producer; return the future that the
        broker's acknowledgement resolves (or fails).

        Straight to Faust's producer, not through ``Topic.send``: that path wraps every record in
        a ``FutureMessage``, looks the codec up in Faust's registry and feeds Faust's own send
        sensors, ~6 % of a worker's CPU (py-spy), for nothing Warta uses. Tests replace this.
        """
        topic = self.topics[role].get_topic_name()
        return await self.app.producer.send(topic, key, value, None, None, headers)


class _QuietWorker(faust.Worker):
    """Faust's worker without its terminal spinner.

    At a log level of WARN or above Faust installs a spinner handler on the root logger and sets
    the root level to DEBUG so that every log call turns the spinner: Faust and aiokafka then build
    and filter a debug record for every message sent (3.5 % of a worker's CPU, profiled). A
    worker's output is a log stream, not a terminal, so the spinner is never wanted.
    """

    def on_setup_root_logger(self, logger: logging.Logger, level: int) -> None:
        self.spinner = None
        super().on_setup_root_logger(logger, level)


def run_worker(app: faust.App, settings: Settings) -> None:
    """Run ``app`` in the foreground with Warta's JSON logs until SIGTERM/SIGINT."""
    import gc

    from .logs import logging_config

    from faust import streams

    if streams._CStreamIterator is None:
        # The pure-Python iterator (NO_CYTHON, or no compiled wheel) acks the messages it skips
        # during a rebalance out of order, which process_acknowledged's in-order acking relies on
        # never happening (faust-streaming commits past a one-message gap).
        raise RuntimeError("faust-streaming's compiled stream iterator is not available (unset"
                           " NO_CYTHON, or install a faust-streaming wheel for this platform)")
    # Everything loaded so far (models, gazetteers, the app) lives as long as the process: move
    # it out of the cyclic collector's generations so full collections do not walk it again.
    gc.collect()
    gc.freeze()
    # uvloop's event loop (libuv) schedules callbacks and moves socket data at a fraction of the
    # CPU of asyncio's default loop, which carried ~13 % of a worker's samples.
    asyncio.set_event_loop_policy(uvloop.EventLoopPolicy())
    _QuietWorker(
        app,
        loglevel=settings.log_level,
        logging_config=logging_config(settings.log_level),
        quiet=True,
    ).execute_from_commandline()


def faust_options(settings: Settings) -> dict[str, Any]:
    """Faust settings every Warta-built app shares: broker, credentials, group timing, web."""
    return dict(
        broker=settings.broker,
        broker_credentials=faust_credentials(settings),
        autodiscover=False,
        store="memory://",
        datadir=str(settings.data_dir),
        topic_partitions=settings.topic_partitions,
        topic_replication_factor=settings.topic_replication,
        consumer_auto_offset_reset="earliest",
        broker_session_timeout=settings.session_timeout_s,
        broker_rebalance_timeout=settings.session_timeout_s,
        broker_heartbeat_interval=settings.heartbeat_interval_s,
        broker_commit_interval=settings.commit_interval_s,
        producer_max_request_size=settings.max_message_bytes,
        stream_buffer_maxsize=settings.stream_buffer,
        producer_linger=settings.producer_linger_s,
        web_bind=settings.web_bind,
        web_port=settings.web_port,
        web_host=settings.web_bind,
    )


def create_app(settings: Settings, stages: Sequence[str] = STAGE_NAMES) -> WartaApp:
    """Build the Faust app running the agents of ``stages`` (all by default)."""
    app = _WartaFaustApp(
        settings.app_id,
        key_serializer="raw",
        value_serializer="raw",
        producer_acks=-1,
        **faust_options(settings),
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
    if settings.topic_ninjs:
        topics["ninjs"] = app.topic(settings.topic_ninjs, key_serializer="raw",
                                    value_serializer="raw", partitions=settings.topic_partitions,
                                    replicas=settings.topic_replication)
    warta = WartaApp(app=app, settings=settings, topics=topics)
    for name in stages:
        stage = stage_named(name)
        warta.agents[name] = app.agent(
            topics[stage.input], name=f"warta.{stage.name}", concurrency=1
        )(_stage_agent(warta, stage))
    _add_health_and_metrics(warta)
    return warta


def _add_health_and_metrics(warta: WartaApp) -> None:
    app, metrics, settings = warta.app, warta.metrics, warta.settings
    broker_ok = {"value": False}

    @app.on_partitions_assigned.connect
    async def on_assigned(sender: Any, assigned: Any, **_: Any) -> None:
        metrics.rebalances.inc()
        metrics.assigned_partitions.set(len(assigned))
        metrics.ready.set(int(bool(assigned) and broker_ok["value"]))

    @app.timer(settings.lag_interval_s)
    async def refresh_lag() -> None:
        try:
            metrics.lag.rows = await describe_lag(settings)
            metrics.lag.refreshed_at = time.time()
            broker_ok["value"] = True
        except Exception as exc:  # noqa: BLE001 - an unreachable broker is a readiness fact
            broker_ok["value"] = False
            log.warning("could not read consumer lag: %s: %s", type(exc).__name__, exc)
        assigned = app.consumer.assignment() if app.consumer else set()
        metrics.assigned_partitions.set(len(assigned))
        metrics.ready.set(int(bool(assigned) and broker_ok["value"]))

    @app.page("/metrics")
    async def metrics_page(web: Any, request: Any) -> Any:
        return web.bytes(metrics.exposition(), content_type=CONTENT_TYPE_LATEST.split(";")[0])

    @app.page("/healthz")
    async def healthz(web: Any, request: Any) -> Any:
        return web.json({"status": "alive"})

    @app.page("/readyz")
    async def readyz(web: Any, request: Any) -> Any:
        ready = bool(metrics.ready._value.get())
        body = {"ready": ready, "assigned_partitions": int(metrics.assigned_partitions._value.get()),
                "broker_reachable": broker_ok["value"]}
        return web.json(body, status=200 if ready else 503)


@dataclass
class InFlight:
    """A processed message whose output records the broker has not acknowledged yet."""

    event: faust.EventT
    futures: list[Any]  # what ``WartaApp.send`` returned for each output record
    settled: Callable[[], None]  # called once all are acknowledged and the message is acked
    label: str  # names the message in a DeliveryFailed ("stage=quotes id=...")


async def process_acknowledged(stream: faust.StreamT,
                               handle: Callable[[faust.EventT], Awaitable[InFlight]],
                               *, max_in_flight: int,
                               on_lost: Callable[[WartaError], None]) -> None:
    """Run ``handle`` on every message of ``stream``; ack each once its outputs are acknowledged.

    Faust acks a message as soon as the agent's loop moves past it, and commits acked offsets;
    here acks are Warta's: a second task waits, in order, for each message's send futures and
    only then acks it, while the loop goes on with the next messages (at most ``max_in_flight``
    wait), so the CPU never idles waiting for the broker.

    Acks must stay in offset order: faust-streaming 0.15 commits past a *single* unacked message
    (``Consumer._new_offset`` tolerates a gap of one after the committed offset). In-order
    acking never leaves such a gap, unless messages already taken are dropped: a delivery
    failing (:class:`~workers.errors.DeliveryFailed`), ``handle`` raising (a bug outside the
    stage functions, which never raise; :class:`~workers.errors.AgentFailed`) or the
    acknowledgement task ending. Faust would then restart the agent, ack the following messages
    and commit past the dropped ones. So each is reported once to ``on_lost``, which ends the
    worker without committing; the message is never acked.
    """
    stream.enable_acks = False
    pending: asyncio.Queue[InFlight] = asyncio.Queue(maxsize=max_in_flight)
    stopping = False

    async def settle() -> None:
        while True:
            item = await pending.get()
            try:
                for future in item.futures:
                    if not future.done():
                        # Shielded: stopping this task must not cancel the producer's own futures.
                        await asyncio.shield(future)
                    future.result()  # raises the producer's error
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # noqa: BLE001 - every producer error ends the same way
                raise DeliveryFailed(f"{item.label}: {type(exc).__name__}: {exc}") from exc
            await stream.ack(item.event)
            item.settled()

    def settle_ended(task: asyncio.Future) -> None:
        if stopping:
            return
        error = None if task.cancelled() else task.exception()
        if not isinstance(error, WartaError):
            error = AgentFailed(f"acknowledgement task ended ({error!r}) with messages in flight")
        on_lost(error)

    settler = asyncio.ensure_future(settle())
    settler.add_done_callback(settle_ended)
    try:
        async for event in stream.events():
            try:
                item = await handle(event)
            except asyncio.CancelledError:
                raise
            except WartaError as error:  # DeliveryFailed: the producer refused a record
                on_lost(error)
                raise
            except Exception as exc:  # noqa: BLE001 - see the docstring: never restart here
                on_lost(AgentFailed(f"agent failed on {event.message.tp} offset"
                                    f" {event.message.offset}: {type(exc).__name__}: {exc}"))
                raise
            await pending.put(item)
    finally:
        # The agent is stopping (shutdown cancels it): what is still queued stays unacked, a
        # suffix of each partition's offsets, so it is consumed again, never skipped.
        stopping = True
        settler.cancel()


def _stage_agent(warta: WartaApp, stage: Stage) -> Callable[[faust.StreamT], Any]:
    settings = warta.settings
    metrics = warta.metrics
    is_first, is_last = stage.input == "raw", stage.output == "enriched"
    ninjs = "ninjs" in warta.topics
    # This stage's series, looked up once rather than per message.
    records_in = metrics.records_in.labels(stage.name)
    records_out = metrics.records_out.labels(stage.name)
    stage_seconds = metrics.stage_seconds.labels(stage.name)

    def process(event: faust.EventT) -> tuple[Any, Any, float | None, list[Any]]:
        """Run the stage on one message; return what to send (sending is the caller's)."""
        message = event.message
        records_in.inc()
        log_context.set((_text(message.key), stage.name))
        if is_first:
            raw_ms: float | None = (message.timestamp or 0) * 1000
        else:
            raw_ms = _raw_timestamp(message.headers)
        traceparent = next_traceparent(header(message.headers, "traceparent"))
        started = time.perf_counter()
        outcome = run_stage(
            stage,
            message.value,
            settings,
            source={"topic": message.topic, "partition": message.partition,
                    "offset": message.offset},
        )
        stage_seconds.observe(time.perf_counter() - started)
        key = outcome.key.encode("utf-8") if outcome.key else message.key
        headers = cloud_event_headers(
            role=stage.output if outcome.ok else "dlq", stage=stage.name,
            version=stage.version, article_id=outcome.key, traceparent=traceparent)
        if raw_ms:
            headers.append((RAW_TIMESTAMP_HEADER, str(int(raw_ms)).encode()))
        sends = [(stage.output if outcome.ok else "dlq", codec.dumps(outcome.record), headers)]
        if outcome.ok and is_last and ninjs:
            sends.append(("ninjs", codec.dumps(to_ninjs(outcome.record)), cloud_event_headers(
                role="ninjs", stage=stage.name, version=stage.version,
                article_id=outcome.key, traceparent=traceparent)))
        if not outcome.ok:
            error = outcome.record["error"]
            context = {"error_class": error["class"]}
            if outcome.key:  # the id read from the payload beats the Kafka key
                context["article_id"] = outcome.key
            log.warning("dead letter: %s: %s", error["class"], error["message"][:200],
                        extra=context)
        return outcome, key, raw_ms, sends

    async def handle(event: faust.EventT) -> InFlight:
        send = warta.send  # looked up per message: tests replace it on the instance
        outcome, key, raw_ms, sends = process(event)
        label = f"stage={stage.name}" + (f" id={outcome.key}" if outcome.key else "")
        futures = []
        try:
            for role, value, headers in sends:
                futures.append(await send(role, key, value, headers))
        except Exception as exc:  # noqa: BLE001 - every producer error ends the same way
            raise DeliveryFailed(f"{label}: {type(exc).__name__}: {exc}") from exc

        def settled() -> None:
            if outcome.ok:
                records_out.inc()
                if is_last and raw_ms:
                    metrics.end_to_end_seconds.observe(max(time.time() - raw_ms / 1000.0, 0.0))
            else:
                metrics.dead_letters.labels(stage.name, outcome.record["error"]["class"]).inc()

        return InFlight(event, futures, settled, label)

    async def agent(stream: faust.StreamT) -> None:
        # Looked up at the time of the failure: tests replace warta.on_delivery_failure.
        await process_acknowledged(stream, handle, max_in_flight=settings.max_in_flight,
                                   on_lost=lambda error: warta.on_delivery_failure(error))

    agent.__name__ = agent.__qualname__ = f"{stage.name}_agent"
    agent.__doc__ = f"Stage {stage.name!r}: {stage.input} → {stage.output} (+ dlq)."
    return agent


def _raw_timestamp(headers: Any) -> float | None:
    """The raw-topic timestamp an earlier stage put in the headers, if any."""
    try:
        return float(header(headers, RAW_TIMESTAMP_HEADER) or "")
    except ValueError:
        return None


def _text(key: Any) -> str | None:
    if isinstance(key, (bytes, bytearray)):
        return bytes(key).decode("utf-8", "replace")
    return key if isinstance(key, str) else None
