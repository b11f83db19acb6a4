"""A typed consumer of ``articles.enriched`` for Python users.

    import asyncio
    from workers.client import consume_enriched

    async def main() -> None:
        async for article in consume_enriched(group_id="newsroom-search"):
            for quote in article["quotes"]:
                print(article["id"], quote["speaker"] and quote["speaker"]["name"], quote["text"])

    asyncio.run(main())

Records are plain dicts typed with :class:`EnrichedArticle` (a ``TypedDict`` matching
``schemas/articles.enriched.schema.json``), so there is no copying and type checkers see every
field. Offsets are committed only for records the loop body has finished with: a record's offset
is committed after the ``async for`` asks for the next one (every ``commit_every`` records, on
idle, and when the loop ends), so a crash inside the body re-delivers that record instead of
losing it. With ``dedupe=True`` re-deliveries of an id already seen by this process are skipped.
To stop early, pass ``max_records`` or wrap the loop in ``contextlib.aclosing(...)`` so the last
commit happens when you ``break``, not whenever the generator is garbage-collected.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from typing import AsyncIterator, Literal, NotRequired, TypedDict

import orjson
from aiokafka import AIOKafkaConsumer, TopicPartition

from .security import client_kwargs
from .settings import Settings


class Span(TypedDict):
    start: int
    end: int
    text: str


class Language(TypedDict):
    code: str
    confidence: float
    script: NotRequired[str]


class Speaker(Span):
    name: str | None


class Quote(Span):
    type: Literal["direct", "indirect"]
    cue: str | None
    speaker: Speaker | None


class Geo(TypedDict):
    country_code: str | None
    lat: float
    lon: float


class Entity(TypedDict):
    name: str
    type: Literal["person", "organisation", "location"]
    mentions: list[Span]
    geo: NotRequired[Geo]


class DateMention(Span):
    value: str | None


class Amount(Span):
    value: float | None
    unit: NotRequired[str | None]


class Media(Span):
    name: str
    canonical: NotRequired[str | None]


class EnrichedArticle(TypedDict):
    id: str
    body: str
    headline: NotRequired[str]
    published_at: NotRequired[str]
    language: Language
    sentences: list[Span]
    quotes: list[Quote]
    entities: list[Entity]
    dates: list[DateMention]
    media: list[Media]
    amounts: list[Amount]
    fingerprint: dict[str, str]
    pipeline: list[dict]


async def consume_enriched(
    settings: Settings | None = None,
    *,
    group_id: str,
    topic: str | None = None,
    from_beginning: bool = True,
    commit_every: int = 100,
    idle_commit_s: float = 1.0,
    dedupe: bool = True,
    max_records: int | None = None,
) -> AsyncIterator[EnrichedArticle]:
    """Yield enriched articles of consumer group ``group_id`` (settings from ``WARTA_*``)."""
    settings = settings or Settings.from_env()
    consumer = AIOKafkaConsumer(
        topic or settings.topic_enriched,
        **client_kwargs(settings),
        group_id=group_id,
        enable_auto_commit=False,
        auto_offset_reset="earliest" if from_beginning else "latest",
        max_partition_fetch_bytes=settings.max_message_bytes + 65536,
    )
    await consumer.start()
    done: dict[TopicPartition, int] = {}
    seen: OrderedDict[str, None] = OrderedDict()
    since_commit, yielded, last_commit = 0, 0, time.monotonic()

    async def commit() -> None:
        nonlocal since_commit, last_commit
        if done:
            await consumer.commit({tp: offset for tp, offset in done.items()})
            done.clear()
        since_commit, last_commit = 0, time.monotonic()

    try:
        while max_records is None or yielded < max_records:
            batch = await consumer.getmany(timeout_ms=int(idle_commit_s * 1000), max_records=500)
            if not batch:
                await commit()
                continue
            for tp, records in batch.items():
                for record in records:
                    article = orjson.loads(record.value)
                    duplicate = dedupe and article.get("id") in seen
                    if not duplicate:
                        yield article  # control returns here once the caller is done with it
                        yielded += 1
                        if dedupe:
                            seen[article["id"]] = None
                            if len(seen) > 100_000:
                                seen.popitem(last=False)
                    done[tp] = record.offset + 1
                    since_commit += 1
                    if since_commit >= commit_every or time.monotonic() - last_commit > idle_commit_s:
                        await commit()
                    if max_records is not None and yielded >= max_records:
                        return
    finally:
        try:
            await commit()
        finally:
            await consumer.stop()
