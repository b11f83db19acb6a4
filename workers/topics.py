"""Creating Warta's topics on the broker (idempotent), with the partition count from settings.

Used by ``warta worker`` and ``warta feed`` before they start, so a topic is never auto-created by
the broker with its own default partition count.
"""

from __future__ import annotations

import asyncio

from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import TopicAlreadyExistsError

from .security import client_kwargs
from .settings import Settings


async def ensure_topics(settings: Settings, *, timeout_s: float = 30.0) -> list[str]:
    """Create every missing Warta topic; return the names created."""
    admin = AIOKafkaAdminClient(
        **client_kwargs(settings), request_timeout_ms=int(timeout_s * 1000)
    )
    await asyncio.wait_for(admin.start(), timeout_s)
    try:
        existing = set(await admin.list_topics())
        wanted = [*settings.topics.values(), *([settings.topic_ninjs] if settings.topic_ninjs else [])]
        missing = [name for name in wanted if name not in existing]
        if not missing:
            return []
        try:
            await admin.create_topics(
                [
                    NewTopic(name, settings.topic_partitions, settings.topic_replication,
                             topic_configs={"max.message.bytes": str(settings.max_message_bytes)})
                    for name in missing
                ]
            )
        except TopicAlreadyExistsError:
            pass  # another worker won the race; the topic is there, which is all we need
        await _wait_for_leaders(admin, missing, timeout_s)
        return missing
    finally:
        await admin.close()


async def _wait_for_leaders(admin: AIOKafkaAdminClient, topics: list[str], timeout_s: float) -> None:
    """Until every partition of ``topics`` has a leader: producing to a topic created a moment
    ago works only through retries (and a warning per partition) until then."""
    import time

    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        described = await admin.describe_topics(topics)
        if all(t["error_code"] == 0 and t["partitions"]
               and all(p["leader"] >= 0 for p in t["partitions"]) for t in described):
            return
        await asyncio.sleep(0.2)
