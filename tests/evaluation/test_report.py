"""docs/quality.md: one marked section per suite, each rewritten without touching the others."""

from __future__ import annotations

import pytest

from workers.evaluation import SUITES
from workers.evaluation.common import Table
from workers.evaluation.report import update_document


def test_a_fresh_document_has_every_suite_in_order_with_placeholders() -> None:
    doc = update_document(None, {"seed": "## Seed\n\nmeasured\n"})
    assert doc.startswith("# Quality of Warta's stages")
    positions = [doc.index(f"<!-- warta-eval:{s}:begin -->") for s in SUITES]
    assert positions == sorted(positions)
    assert "measured" in doc
    assert "run `warta eval speed --write`" in doc


def test_rewriting_one_section_keeps_the_others() -> None:
    first = update_document(None, {"seed": "## Seed\n\nold seed\n", "speed": "## Speed\n\nfast\n"})
    second = update_document(first, {"seed": "## Seed\n\nnew seed\n"})
    assert "new seed" in second and "old seed" not in second
    assert "fast" in second
    assert update_document(second, {}) == second


def test_table_rows_must_fill_every_column_and_pipes_are_escaped() -> None:
    table = Table("caption", ["a", "b"])
    table.add("x|y", 1)
    assert "| x\\|y | 1 |" in table.markdown()
    with pytest.raises(ValueError):
        table.add("only one")
