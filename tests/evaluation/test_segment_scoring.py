"""Sentence-boundary scoring: starts counted in non-whitespace characters, P/R/F1, pySBD passes."""

from __future__ import annotations

import pytest

from workers.evaluation.segment import (
    BoundaryScore, boundaries, golden_passes, gold_spans, pre_split)


def test_a_boundary_is_the_count_of_non_whitespace_characters_before_a_sentence_start() -> None:
    text = "It rained. Roads closed."
    # "It rained." holds 9 non-whitespace characters, so the second sentence starts at 9.
    assert boundaries(text, [(0, 10), (11, 24)]) == {9}


def test_where_the_separating_whitespace_goes_does_not_change_the_boundary() -> None:
    text = "One.  \n Two."
    stripped = [(0, 4), (8, 12)]
    trailing = [(0, 8), (8, 12)]  # whitespace kept at the end of the first sentence
    leading = [(0, 4), (4, 12)]  # ... or at the start of the second
    assert boundaries(text, stripped) == boundaries(text, trailing) == boundaries(text, leading) == {4}


def test_the_first_sentence_and_blank_spans_are_not_boundaries() -> None:
    text = "  Only one sentence.  "
    assert boundaries(text, [(0, 2), (2, 20), (20, 22)]) == frozenset()


def test_gold_sentences_are_located_in_order_even_when_repeated() -> None:
    assert gold_spans("Yes. Yes.", ["Yes.", "Yes."]) == [(0, 4), (5, 9)]
    with pytest.raises(ValueError):
        gold_spans("Yes.", ["No."])


def test_precision_recall_and_f1_count_boundaries() -> None:
    score = BoundaryScore()
    score.add(frozenset({3, 8}), frozenset({3, 5}))
    score.add(frozenset({10}), frozenset({10}))
    assert (score.tp, score.fp, score.fn) == (2, 1, 1)
    assert score.precision == pytest.approx(2 / 3)
    assert score.recall == pytest.approx(2 / 3)
    assert score.f1 == pytest.approx(2 / 3)


def test_no_boundary_in_gold_nor_prediction_is_a_perfect_score() -> None:
    score = BoundaryScore()
    score.add(frozenset(), frozenset())
    assert score.f1 == 1.0


def test_pipeline_mode_segments_each_line_and_maps_offsets_back() -> None:
    def whole(text: str, lang: str) -> list[tuple[int, int]]:
        return [(0, len(text))] if text else []

    assert pre_split(whole)("ab\n\ncd", "en") == [(0, 2), (4, 6)]


def test_a_golden_rule_passes_only_with_exactly_the_expected_sentences() -> None:
    rows = [
        {"lang": "en", "text": "Hi there. Bye.", "sentences": ["Hi there.", "Bye."], "ref": "r1"},
        {"lang": "en", "text": "Mr. Smith left.", "sentences": ["Mr. Smith left."], "ref": "r2"},
    ]

    def split_after_every_stop(text: str, lang: str) -> list[tuple[int, int]]:
        spans, start = [], 0
        for i, ch in enumerate(text):
            if ch == ".":
                spans.append((start, i + 1))
                start = i + 1
        return spans

    assert golden_passes(rows, split_after_every_stop) == (1, ["r2"])
