"""The local broker's helpers that need no broker (starting one is covered by tests/integration)."""

from __future__ import annotations

import uuid

from workers import kafka_local


def test_a_cluster_id_never_starts_with_a_dash_which_the_storage_tool_would_read_as_an_option(
        monkeypatch) -> None:
    # 0xF8 = 0b111110.. encodes to "-" as the first URL-safe base64 character.
    draws = iter([uuid.UUID(bytes=b"\xf8" + bytes(15)), uuid.UUID(bytes=b"\x10" * 16)])
    monkeypatch.setattr(kafka_local.uuid, "uuid4", lambda: next(draws))
    cluster_id = kafka_local._cluster_id()
    assert cluster_id == "EBAQEBAQEBAQEBAQEBAQEA"
    assert len(cluster_id) == 22 and not cluster_id.startswith("-")
