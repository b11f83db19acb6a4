"""``warta dlq replay``: after a fix, send dead letters back through the pipeline.

Each dead letter holds the payload its stage received. Replay turns it back into a raw article
and publishes it to ``articles.raw`` keyed by article id, so it runs through every stage again
(the fix may be in any of them):

- a letter from the first stage is re-published as it arrived (bytes restored from text or base64);
- a letter from a later stage carries an intermediate record: the fields stages added are
  dropped and the feed's language hint is restored, which gives back the raw article.

Progress is kept as the offsets of a consumer group, ``<WARTA_APP_ID>-dlq-replay`` (plus the
filter, when one is given, so each filter keeps its own progress), committed after the replayed
records are acknowledged: running the same replay twice does not send a letter twice.
"""

from __future__ import annotations

import asyncio
import base64
from dataclasses import dataclass
from typing import Any, Callable

import orjson
from aiokafka import AIOKafkaConsumer, TopicPartition

from .kafka_io import producer_for
from .pipeline import STAGES
from .security import client_kwargs
from .settings import Settings
from .topics import ensure_topics

#: Fields the stages add; everything else on a record came from the feed.
DERIVED_FIELDS = frozenset(
    {"language", "language_hint", "sentences", "quotes", "entities", "dates", "media",
     "amounts", "fingerprint", "pipeline"}
)


@dataclass(frozen=True)
class Replay:
    key: bytes | None  # the article id; None when the letter has none (unreadable input)
    value: bytes


def replay_payload(letter: dict[str, Any]) -> Replay:
    """The raw-topic record that re-runs the article of one dead letter."""
    original, encoding = letter.get("original"), letter.get("original_encoding")
    if encoding == "base64":
        value = base64.b64decode(original)
    elif encoding == "text":
        value = str(original).encode("utf-8")
    elif letter.get("stage") == STAGES[0].name or not isinstance(original, dict):
        value = orjson.dumps(original)
    else:
        article = {k: v for k, v in original.items() if k not in DERIVED_FIELDS}
        if isinstance(original.get("language_hint"), str):
            article["language"] = original["language_hint"]
        value = orjson.dumps(article)
    article_id = letter.get("id")
    key = article_id.encode("utf-8") if isinstance(article_id, str) and article_id else None
    return Replay(key=key, value=value)


async def replay_dead_letters(
    settings: Settings,
    *,
    keep: Callable[[dict[str, Any]], bool] = lambda letter: True,
    progress_name: str = "",
    idle_timeout_s: float = 2.0,
) -> tuple[int, int]:
    """Replay every dead letter not replayed before; return (replayed, skipped by ``keep``).

    ``progress_name`` names the filter ``keep`` applies, so its progress is kept apart.
    """
    await ensure_topics(settings)
    consumer = AIOKafkaConsumer(
        settings.topic_dlq,
        **client_kwargs(settings),
        group_id=f"{settings.app_id}-dlq-replay" + (f"-{progress_name}" if progress_name else ""),
        enable_auto_commit=False,
        auto_offset_reset="earliest",
        max_partition_fetch_bytes=settings.max_message_bytes + 65536,
    )
    producer = producer_for(settings)
    await consumer.start()
    await producer.start()
    replayed = skipped = 0
    try:
        while True:
            batch = await consumer.getmany(timeout_ms=int(idle_timeout_s * 1000), max_records=500)
            if not batch:
                break
            pending = []
            commit: dict[TopicPartition, int] = {}
            for tp, records in batch.items():
                for record in records:
                    letter = orjson.loads(record.value)
                    if keep(letter):
                        item = replay_payload(letter)
                        pending.append(await producer.send(
                            settings.topic_raw, value=item.value, key=item.key))
                        replayed += 1
                    else:
                        skipped += 1
                    commit[tp] = record.offset + 1
            await asyncio.gather(*pending)  # acknowledged before the offsets move on
            await consumer.commit(commit)
    finally:
        await producer.stop()
        await consumer.stop()
    return replayed, skipped
