"""Language-ID scoring: hr/sr/bs as one group, baseline codes reduced to the gold's convention."""

from __future__ import annotations

import pytest

from workers.evaluation.langid import LangidScore, scored_code


@pytest.mark.parametrize("code", ["hr", "sr", "bs", "sh", "sr-Latn", "HR"])
def test_serbo_croatian_members_are_scored_as_one_group(code: str) -> None:
    assert scored_code(code) == "sh"


@pytest.mark.parametrize(("code", "expected"), [
    ("zh-Hant", "zh"), ("no", "nb"), ("nb", "nb"), ("en", "en"), ("pt_BR", "pt"),
    ("un", "und"), ("xxx", "und"), ("", "und"), (None, "und"),
])
def test_answers_are_reduced_to_the_gold_convention(code: str | None, expected: str) -> None:
    assert scored_code(code) == expected


def test_nynorsk_is_not_taken_for_bokmal() -> None:
    assert scored_code("nn") == "nn"


def test_accuracy_groups_members_and_counts_und_as_wrong() -> None:
    score = LangidScore()
    score.add("hr", "sr")   # right: same group
    score.add("bs", "sh")   # right
    score.add("id", "ms")   # wrong, and an id→ms confusion
    score.add("ms", "und")  # wrong
    assert score.items == 4
    assert score.accuracy == 0.5
    assert score.confusion("id", "ms") == (1, 1)
    assert score.confusion("ms", "id") == (0, 1)
    assert score.und == 1
    assert score.total["sh"] == 2 and score.correct["sh"] == 2
