"""Each Faust agent, driven through Faust's own ``test_context()`` (no broker): it forwards the
stage's record to the next topic, keyed by article id, or a dead letter to the DLQ topic."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from typing import Any

import faust
import orjson
import pytest

from workers.app import create_app
from workers.errors import AgentFailed, DeliveryFailed, WartaError
from workers.pipeline import STAGES
from workers.schemas import first_error
from workers.settings import Settings

SETTINGS = Settings.from_env({})
ARTICLE = {"id": "jkt-001", "body": "Gubernur mengatakan bahwa banjir mulai surut. “Kami siaga,” ujar Budi Santoso."}


class SendRecorder:
    """Stands in for the producer of one topic: records what an agent would produce (decoded),
    acknowledges at once."""

    def __init__(self, fail: bool = False) -> None:
        self.sent: list[tuple[bytes, Any]] = []
        self.headers: list[dict[str, bytes]] = []
        self.fail = fail

    async def __call__(self, key: bytes, value: bytes, headers: Any) -> asyncio.Future:
        if self.fail:
            raise ConnectionError("broker went away")
        self.sent.append((key, orjson.loads(value)))
        self.headers.append(dict(headers or ()))
        done = asyncio.get_running_loop().create_future()
        done.set_result(None)
        return done


def _app_with_recorders(stage: str, monkeypatch: pytest.MonkeyPatch, fail: bool = False):
    warta = create_app(replace(SETTINGS, app_id=f"warta-unit-{stage}"), [stage])
    warta.app.finalize()
    warta.app.flow_control.resume()
    recorders = {role: SendRecorder(fail) for role in ("lang", "segmented", "quoted", "enriched", "dlq")}

    async def send(role: str, key: bytes, value: bytes, headers: Any) -> asyncio.Future:
        assert isinstance(value, bytes)  # WartaApp.send takes encoded records
        return await recorders[role](key, value, headers)

    monkeypatch.setattr(warta, "send", send)
    return warta, recorders


def _input_for(stage_name: str) -> bytes:
    """What the stage's input topic would carry for ARTICLE (built by the stages before it)."""
    record: Any = ARTICLE
    for stage in STAGES:
        if stage.name == stage_name:
            return orjson.dumps(record)
        from workers.pipeline import run_stage

        record = run_stage(stage, record, SETTINGS).record
    raise AssertionError(stage_name)


@pytest.mark.parametrize("stage", [s for s in STAGES], ids=lambda s: s.name)
async def test_agent_sends_the_stage_output_to_the_next_topic(stage, monkeypatch) -> None:
    warta, recorders = _app_with_recorders(stage.name, monkeypatch)
    async with warta.agents[stage.name].test_context() as agent:
        await agent.put(value=_input_for(stage.name), key=b"jkt-001")
    (key, record), = recorders[stage.output].sent
    assert key == b"jkt-001"
    assert first_error(stage.output_schema, record) is None
    assert record["pipeline"][-1]["stage"] == stage.name
    assert recorders["dlq"].sent == []
    (headers,) = recorders[stage.output].headers
    event_type = {"lang": "language", "segmented": "segmented", "quoted": "quoted",
                  "enriched": "enriched"}[stage.output]
    assert headers["ce_type"] == f"org.warta.article.{event_type}".encode()
    assert headers["ce_subject"] == b"jkt-001"
    assert headers["traceparent"].startswith(b"00-")


async def test_language_agent_sends_bad_input_to_the_dlq_and_keeps_going(monkeypatch) -> None:
    warta, recorders = _app_with_recorders("language", monkeypatch)
    async with warta.agents["language"].test_context() as agent:
        await agent.put(value=b"{broken", key=b"k-bad")
        await agent.put(value=orjson.dumps(ARTICLE), key=b"jkt-001")
    (key, letter), = recorders["dlq"].sent
    assert key == b"k-bad"
    assert letter["error"]["class"] == "InvalidJSON"
    assert first_error("articles.dlq", letter) is None
    assert [k for k, _ in recorders["lang"].sent] == [b"jkt-001"]


async def test_a_delivery_failure_stops_the_worker_instead_of_dropping_the_article(monkeypatch) -> None:
    warta, _ = _app_with_recorders("language", monkeypatch, fail=True)
    failures: list[DeliveryFailed] = []
    warta.on_delivery_failure = failures.append
    async with warta.agents["language"].test_context() as agent:
        await agent.put(value=orjson.dumps(ARTICLE), key=b"jkt-001", wait=False)
        for _ in range(200):
            if failures:
                break
            await asyncio.sleep(0.01)
    assert len(failures) == 1 and "jkt-001" in str(failures[0])
    assert "ConnectionError" in str(failures[0])


class HeldRecorder(SendRecorder):
    """A producer whose acknowledgements the test gives, one output at a time."""

    def __init__(self) -> None:
        super().__init__()
        self.acks: list[asyncio.Future] = []

    async def __call__(self, key: bytes, value: bytes, headers: Any) -> asyncio.Future:
        self.sent.append((key, orjson.loads(value)))
        self.acks.append(asyncio.get_running_loop().create_future())
        return self.acks[-1]


async def _until(condition, *, seconds: float = 5.0) -> None:
    for _ in range(int(seconds / 0.01)):
        if condition():
            return
        await asyncio.sleep(0.01)
    raise AssertionError("condition not reached")


async def test_a_message_is_acked_only_after_its_output_is_acknowledged_and_in_order(monkeypatch) -> None:
    warta, recorders = _app_with_recorders("language", monkeypatch)
    held = recorders["lang"] = HeldRecorder()
    async with warta.agents["language"].test_context() as agent:
        first = await agent.put(value=orjson.dumps(ARTICLE), key=b"a", wait=False)
        second = await agent.put(value=orjson.dumps({**ARTICLE, "id": "b"}), key=b"b", wait=False)
        # The agent goes on to the second message while the first output is unacknowledged...
        await _until(lambda: len(held.acks) == 2)
        assert not first.message.acked and not second.message.acked
        # ...acks nothing out of order...
        held.acks[1].set_result(None)
        await asyncio.sleep(0.05)
        assert not first.message.acked and not second.message.acked
        # ...and acks both once the broker has acknowledged the first as well.
        held.acks[0].set_result(None)
        await _until(lambda: first.message.acked and second.message.acked)
    sample = warta.metrics.registry.get_sample_value
    assert sample("warta_records_out_total", {"stage": "language"}) == 2


async def test_a_failed_acknowledgement_stops_the_worker_and_leaves_the_message_unacked(monkeypatch) -> None:
    warta, recorders = _app_with_recorders("language", monkeypatch)
    held = recorders["lang"] = HeldRecorder()
    failures: list[DeliveryFailed] = []
    warta.on_delivery_failure = failures.append
    async with warta.agents["language"].test_context() as agent:
        event = await agent.put(value=orjson.dumps(ARTICLE), key=b"jkt-001", wait=False)
        await _until(lambda: len(held.acks) == 1)
        held.acks[0].set_exception(ConnectionError("broker went away"))
        await _until(lambda: bool(failures))
        await asyncio.sleep(0.05)
    (failure,) = failures  # reported once, as a delivery failure
    assert isinstance(failure, DeliveryFailed)
    assert "jkt-001" in str(failure) and "ConnectionError" in str(failure)
    assert not event.message.acked


async def test_agents_count_records_in_out_and_dead_letters_by_error_class(monkeypatch) -> None:
    warta, _ = _app_with_recorders("language", monkeypatch)
    async with warta.agents["language"].test_context() as agent:
        await agent.put(value=b"{broken", key=b"k-bad")
        await agent.put(value=orjson.dumps(ARTICLE), key=b"jkt-001")
        await agent.put(value=b'{"id": "e1", "body": "  "}', key=b"e1")
    sample = warta.metrics.registry.get_sample_value
    assert sample("warta_records_in_total", {"stage": "language"}) == 3
    assert sample("warta_records_out_total", {"stage": "language"}) == 1
    assert sample("warta_dead_letters_total", {"stage": "language", "error_class": "InvalidJSON"}) == 1
    assert sample("warta_dead_letters_total", {"stage": "language", "error_class": "EmptyBody"}) == 1
    assert sample("warta_stage_duration_seconds_count", {"stage": "language"}) == 3


async def test_a_bug_outside_the_stage_stops_the_worker_rather_than_skipping_the_message(monkeypatch) -> None:
    # Faust would restart a crashed agent and could then commit past the message it dropped.
    warta, recorders = _app_with_recorders("language", monkeypatch)
    failures: list[WartaError] = []
    warta.on_delivery_failure = failures.append

    def broken_headers(**_: Any) -> list:
        raise RuntimeError("header bug")

    monkeypatch.setattr("workers.app.cloud_event_headers", broken_headers)
    async with warta.agents["language"].test_context() as agent:
        event = await agent.put(value=orjson.dumps(ARTICLE), key=b"jkt-001", wait=False)
        await _until(lambda: bool(failures))
    assert isinstance(failures[0], AgentFailed) and "header bug" in str(failures[0])
    assert not event.message.acked
    assert recorders["lang"].sent == [] and recorders["dlq"].sent == []


async def test_the_acknowledgement_task_ending_stops_the_worker(monkeypatch) -> None:
    warta, _ = _app_with_recorders("language", monkeypatch)
    failures: list[WartaError] = []
    warta.on_delivery_failure = failures.append

    async def broken_ack(self: Any, event: Any) -> bool:
        raise RuntimeError("ack bug")

    monkeypatch.setattr(faust.Stream, "ack", broken_ack)
    async with warta.agents["language"].test_context() as agent:
        await agent.put(value=orjson.dumps(ARTICLE), key=b"jkt-001", wait=False)
        await _until(lambda: bool(failures))
    assert isinstance(failures[0], AgentFailed) and "ack bug" in str(failures[0])


async def test_send_hands_the_encoded_record_to_the_producer_under_the_role_s_topic(monkeypatch) -> None:
    warta = create_app(replace(SETTINGS, app_id="warta-unit-send"), ["language"])
    calls: list[tuple] = []

    async def producer_send(topic, key, value, partition, timestamp, headers, **_: Any) -> str:
        calls.append((topic, key, value, partition, timestamp, headers))
        return "acknowledgement future"

    monkeypatch.setattr(warta.app.producer, "send", producer_send)
    assert await warta.send("lang", b"jkt-001", b"{}", [("ce_type", b"x")]) == "acknowledgement future"
    assert calls == [(SETTINGS.topics["lang"], b"jkt-001", b"{}", None, None, [("ce_type", b"x")])]
