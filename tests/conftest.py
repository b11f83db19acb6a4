"""Shared fixtures: paths to the repository, the seed and the shared evaluation sets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

# One session broker for every test directory (registered here, once).
from tests.kafka import kafka_settings, run_settings  # noqa: F401

REPO = Path(__file__).resolve().parents[1]
SHARED_EVAL = REPO.parent / "shared" / "eval"
SEED = REPO / "seeds" / "000.txt"


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_gold() -> dict:
    path = SHARED_EVAL / "seed-gold.json"
    if not path.exists():
        pytest.skip(f"{path} not present")
    return json.loads(path.read_text(encoding="utf-8"))
