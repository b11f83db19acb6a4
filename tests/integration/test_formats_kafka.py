"""Wire formats through a real broker: `warta feed` converts ninjs and NewsML-G2 files, and the
first stage also accepts them published as they are (the raw-topic ingress)."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import time
from pathlib import Path

import orjson
import pytest

from tests.conftest import REPO
from tests.kafka import env_for, produce_raw, start_worker, stop_worker
from workers.kafka_io import tail_topic
from workers.schemas import first_error
from workers.settings import Settings

pytestmark = pytest.mark.kafka
SEEDS = REPO / "seeds"


def test_ninjs_and_newsml_seeds_come_out_enriched(run_settings: Settings, tmp_path: Path) -> None:
    worker = start_worker(run_settings, tmp_path / "worker.log")
    try:
        feed = subprocess.run(
            [sys.executable, "-m", "workers", "feed", *(str(SEEDS / n) for n in (
                "000.ninjs.json", "000.newsml.xml", "001.ninjs.json", "001.newsml.xml"))],
            env=env_for(run_settings), capture_output=True, text=True, timeout=120)
        assert feed.returncode == 0, feed.stderr
        # Published by some other producer, untouched: the worker converts them itself.
        english = (SEEDS / "001.newsml.xml").read_bytes().replace(b"seed:001:newsml", b"direct:xml")
        ninjs = orjson.loads((SEEDS / "000.ninjs.json").read_bytes())
        ninjs["uri"] = "urn:direct:ninjs"
        produce_raw(run_settings, {b"x1": english, b"x2": orjson.dumps(ninjs)})

        found: dict[str, dict] = {}
        deadline = time.monotonic() + 120
        while len(found) < 6 and time.monotonic() < deadline:
            asyncio.run(tail_topic(run_settings, run_settings.topic_enriched,
                                   lambda v: found.setdefault(orjson.loads(v)["id"], orjson.loads(v)),
                                   from_beginning=True, idle_timeout_s=2.0))
    finally:
        stop_worker(worker)
    assert set(found) == {"urn:warta:seed:000", "urn:warta:seed:000:newsml", "urn:warta:seed:001",
                          "urn:warta:seed:001:newsml", "urn:warta:direct:xml", "urn:direct:ninjs"}
    for record in found.values():
        assert first_error("articles.enriched", record) is None
    assert {found[i]["language"]["code"] for i in ("urn:warta:seed:000", "urn:direct:ninjs")} == {"id"}
    assert found["urn:warta:direct:xml"]["language"]["code"] == "en"
    assert len(found["urn:warta:seed:000:newsml"]["sentences"]) == 15
    speakers = {q["speaker"]["name"] for q in found["urn:warta:seed:001"]["quotes"] if q["speaker"]}
    assert {"Helen Marsh", "Tom Avery"} <= speakers
