"""Quote scoring: the two span-overlap rules, the quote-marks baseline, seed conventions, and the
blind multilingual news set (its gold file and its per-language scores)."""

from __future__ import annotations

import pytest

from workers.evaluation.common import read_jsonl
from workers.evaluation.quotes import (
    NEWS_SET, NewsQuoteScore, SpanScore, news_table, quote_mark_spans, score_news,
    score_seed_quotes, spans_match)


def test_the_lenient_rule_needs_half_of_the_shorter_span() -> None:
    # A 10-character prediction inside a 30-character gold quote.
    assert spans_match((0, 10), (0, 30), "shorter")
    assert not spans_match((0, 10), (0, 30), "longer")


def test_the_exact_ish_rule_needs_half_of_the_longer_span() -> None:
    assert spans_match((0, 15), (0, 30), "longer")
    assert not spans_match((0, 14), (0, 30), "longer")


def test_spans_that_do_not_overlap_never_match() -> None:
    assert not spans_match((0, 5), (5, 10), "shorter")
    assert not spans_match((3, 3), (0, 10), "shorter")


def test_an_unknown_rule_is_an_error() -> None:
    with pytest.raises(ValueError):
        spans_match((0, 5), (0, 5), "exact")


def _texts(text: str) -> list[str]:
    return [text[s:e] for s, e in quote_mark_spans(text)]


def test_baseline_takes_the_text_between_paired_marks() -> None:
    text = 'He said “We will win.” Later: "Not yet," she said, «Oui» and „Ja“ and 「はい」.'
    assert _texts(text) == ["We will win.", "Not yet,", "Oui", "Ja", "はい"]


def test_baseline_abandons_an_unclosed_quote_at_a_line_break() -> None:
    assert _texts("A “stray mark\nThen “a real quote” here.") == ["a real quote"]


def test_baseline_restarts_at_a_second_opener_and_skips_empty_quotes() -> None:
    assert _texts("“First part, “second part” x “” y") == ["second part"]


def test_baseline_ignores_single_quotes_and_survives_mark_floods() -> None:
    assert _texts("It's the 'best' plan") == []
    assert quote_mark_spans("“" * 100_000) == []
    assert quote_mark_spans('"' * 100_000) == []


def _q(start: int, end: int, speaker: tuple[int, int] | None = None, name: str | None = None
       ) -> dict:
    return {"start": start, "end": end, "text": "x" * (end - start),
            "speaker": None if speaker is None else
            {"start": speaker[0], "end": speaker[1], "name": name}}


def test_span_score_counts_precision_recall_kinds_and_speakers() -> None:
    golds = [
        {"type": "direct", "start": 10, "end": 40, "speaker_start": 0, "speaker_end": 5},
        {"type": "indirect", "mixed": True, "start": 60, "end": 90,
         "speaker_start": None, "speaker_end": None},
    ]
    predictions = [_q(10, 40, speaker=(0, 3)), _q(100, 120)]
    score = SpanScore()
    score.add(predictions, golds, "longer")
    assert (score.predicted, score.predicted_matched, score.gold, score.gold_matched) == (2, 1, 2, 1)
    assert score.precision == 0.5 and score.recall == 0.5 and score.f1 == 0.5
    assert score.kind_matched == {"direct": 1}
    assert score.kind_total == {"direct": 1, "mixed": 1}
    assert (score.speaker_right, score.speaker_total) == (1, 1)


def test_a_quote_without_a_speaker_has_the_wrong_speaker() -> None:
    golds = [{"type": "direct", "start": 10, "end": 40, "speaker_start": 0, "speaker_end": 5}]
    score = SpanScore()
    score.add([_q(10, 40)], golds, "shorter")
    assert (score.speaker_right, score.speaker_total) == (0, 1)


def test_seed_optional_quotes_are_neither_rewarded_nor_penalised() -> None:
    golds = [
        {"id": "q1", "start": 0, "end": 20, "optional": False, "speaker_resolved": "Ana Lima",
         "speaker_start": 30, "speaker_end": 33},
        {"id": "q2", "start": 50, "end": 70, "optional": True, "speaker_resolved": "Ana Lima",
         "speaker_start": None, "speaker_end": None},
    ]
    predictions = [_q(0, 20, speaker=(30, 33), name="ana  lima"), _q(50, 70), _q(80, 95)]
    score = score_seed_quotes(predictions, golds)
    assert (score.required, score.required_found, score.resolved_right) == (1, 1, 1)
    assert score.surface_right == 1
    assert score.optional_found == 1
    assert score.false_quotes == 1  # only the quote at 80–95 matches no gold quote


def test_seed_resolved_speaker_must_name_the_gold_person() -> None:
    golds = [{"id": "q1", "start": 0, "end": 20, "optional": False,
              "speaker_resolved": "Vladimir Putin", "speaker_start": 30, "speaker_end": 35}]
    score = score_seed_quotes([_q(0, 20, speaker=(30, 35), name="Putin")], golds)
    assert score.resolved_right == 0 and score.surface_right == 1
    assert score.wrong_speaker == ["q1: 'Putin'"]


# --- the blind multilingual news set -------------------------------------------------------------
def _news_gold(start: int, end: int, kind: str = "direct", resolved: str = "Ana Lima",
               speaker: tuple[int, int] = (100, 108)) -> dict:
    return {"start": start, "end": end, "kind": kind, "speaker_resolved": resolved,
            "speaker_start": speaker[0], "speaker_end": speaker[1]}


def test_news_score_counts_spans_kinds_and_both_speaker_measures() -> None:
    golds = [
        _news_gold(0, 20),                                   # found, right name, right span
        _news_gold(30, 60, kind="indirect"),                 # found, span elsewhere, name wrong
        _news_gold(70, 90, kind="mixed"),                    # missed
    ]
    predictions = [
        _q(0, 20, speaker=(100, 108), name="ana lima"),
        _q(30, 58, speaker=(0, 5), name="Ana"),
        _q(200, 220),                                        # matches no gold quote
    ]
    score = NewsQuoteScore()
    score.add(predictions, golds, "longer")
    assert (score.predicted, score.predicted_matched, score.gold, score.gold_matched) == (3, 2, 3, 2)
    assert score.kind_total == {"direct": 1, "indirect": 1, "mixed": 1}
    assert score.kind_matched == {"direct": 1, "indirect": 1}
    assert (score.resolved_right, score.surface_right) == (1, 1)
    assert score.speaker_accuracy == 0.5
    assert abs(score.f1 - 2 / 3) < 1e-9  # P = R = 2/3


def test_news_speaker_is_judged_on_the_best_overlapping_prediction() -> None:
    # Two predictions match under the lenient rule; the one covering more of the gold quote
    # decides the speaker, even though the other names the right person.
    golds = [_news_gold(0, 40)]
    predictions = [_q(0, 12, speaker=(100, 108), name="Ana Lima"),
                   _q(0, 38, speaker=(150, 155), name="Rui Matos")]
    score = NewsQuoteScore()
    score.add(predictions, golds, "shorter")
    assert (score.gold_matched, score.resolved_right, score.surface_right) == (1, 0, 0)


def test_news_quote_without_a_speaker_counts_as_a_wrong_speaker() -> None:
    score = NewsQuoteScore()
    score.add([_q(0, 20)], [_news_gold(0, 20)], "longer")
    assert (score.gold_matched, score.resolved_right, score.surface_right) == (1, 0, 0)


def test_news_scores_are_kept_per_language_and_overall() -> None:
    rows = [{"lang": "fr", "quotes": [_news_gold(0, 20)]},
            {"lang": "de", "quotes": [_news_gold(0, 20), _news_gold(30, 50)]},
            {"lang": "fr", "quotes": []}]
    predictions = [[_q(0, 20, speaker=(100, 108), name="Ana Lima")], [], [_q(5, 9)]]
    scores = score_news(rows, predictions, "longer")
    assert list(scores) == ["fr", "de", "all"]
    assert (scores["fr"].gold, scores["fr"].gold_matched, scores["fr"].predicted) == (1, 1, 2)
    assert (scores["de"].gold, scores["de"].gold_matched, scores["de"].predicted) == (2, 0, 0)
    assert (scores["all"].gold, scores["all"].gold_matched, scores["all"].predicted) == (3, 1, 2)
    assert scores["all"].resolved_right == 1


def test_news_table_has_a_row_per_rule_tool_and_language_plus_overall() -> None:
    rows = [{"lang": "en", "quotes": [_news_gold(0, 20)]},
            {"lang": "ja", "quotes": [_news_gold(0, 20)]}]
    table = news_table(rows, {"A": [[_q(0, 20)], []], "B": [[], []]})
    assert len(table.rows) == 2 * 2 * 3  # rules x tools x (en, ja, all)
    first = dict(zip(table.columns, table.rows[0]))
    assert (first["tool"], first["language"], first["R"]) == ("A", "en", "100.0 %")
    overall = dict(zip(table.columns, table.rows[2]))
    assert (overall["language"], overall["R"], overall["P"]) == ("all", "50.0 %", "100.0 %")
    assert any("blind" in note for note in table.notes)


def test_the_news_set_covers_twelve_languages_with_consistent_offsets() -> None:
    rows = list(read_jsonl(NEWS_SET))
    langs = {r["lang"] for r in rows}
    assert langs == {"en", "id", "ms", "fr", "de", "es", "pt", "it", "nl", "ru", "ja", "zh"}
    assert len({r["id"] for r in rows}) == len(rows)
    for lang in langs:
        items = [r for r in rows if r["lang"] == lang]
        assert len(items) >= 8
        assert any(not r["quotes"] for r in items), f"{lang} has no quote-free item"
    for row in rows:
        text = row["text"]
        for q in row["quotes"]:
            assert q["kind"] in ("direct", "indirect", "mixed")
            assert text[q["start"]:q["end"]] == q["text"] == q["text"].strip()
            assert text[q["speaker_start"]:q["speaker_end"]] == q["speaker"]
            assert q["speaker_resolved"].strip()
