"""`warta eval`: runs a suite on the shared eval sets and prints (or writes) its Markdown table."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

import workers.evaluation.common as common
from tests.conftest import SHARED_EVAL
from workers.cli import main

needs_data = pytest.mark.skipif(not (SHARED_EVAL / "seed-gold.json").exists(),
                                reason=f"{SHARED_EVAL} not present")

SEED_ROWS = [
    "| language | code (gold: id) |",
    "| sentences | exact spans |",
    "| quotes | required quotes found |",
    "| quotes | false quotes (match no gold quote) |",
    "| quotes | resolved speaker right (of found required) |",
    "| entities | distinct gold entities (type + canonical name) |",
    "| entities | gold mentions (exact span + type) |",
    "| entities | gold places geocoded |",
    "| dates | resolved gold dates with the gold value |",
    "| media | cited outlets (canonical + relation) |",
    "| amounts | quantities (value + comparator, or range) |",
    "| fingerprint | 64-bit SimHash present |",
]


@needs_data
def test_eval_seed_prints_every_measured_row_and_writes_nothing(tmp_path, monkeypatch) -> None:
    doc = tmp_path / "quality.md"
    monkeypatch.setattr(common, "QUALITY_DOC", doc)
    result = CliRunner().invoke(main, ["eval", "seed", "--no-write", "--data", str(SHARED_EVAL)])
    assert result.exit_code == 0, result.output
    for row in SEED_ROWS:
        assert row in result.stdout
    assert not doc.exists()


@needs_data
def test_eval_seed_write_fills_only_its_section(tmp_path, monkeypatch) -> None:
    doc = tmp_path / "quality.md"
    monkeypatch.setattr(common, "QUALITY_DOC", doc)
    result = CliRunner().invoke(main, ["eval", "seed", "--write"])
    assert result.exit_code == 0, result.output
    written = doc.read_text(encoding="utf-8")
    assert "<!-- warta-eval:seed:begin -->\n## Seed article, whole record" in written
    assert "| quotes | required quotes found |" in written
    assert "_Not measured yet: run `warta eval langid --write`._" in written


def test_eval_rejects_a_missing_data_directory(tmp_path) -> None:
    result = CliRunner().invoke(main, ["eval", "seed", "--data", str(tmp_path / "absent")])
    assert result.exit_code == 2
    assert "evaluation data directory not found" in result.output
