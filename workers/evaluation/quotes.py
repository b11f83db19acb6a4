"""Quote-extraction evaluation: Warta's quote stage against a quote-marks-only baseline.

Owns the span-matching rules and the baseline. A predicted quote matches a gold quote when their
content spans overlap by at least half of

* the **shorter** span (rule ``"shorter"``: lenient, a quote found with a different extent
  still counts), or
* the **longer** span (rule ``"longer"``: exact-ish, the extents must roughly agree).

Precision is the share of predictions that match some gold quote, recall the share of gold
quotes matched by some prediction. Speaker accuracy is measured on matched gold quotes that have
a speaker: the best-overlapping prediction's speaker span must overlap the gold speaker span
(PolNeAR) or its resolved name must equal the gold ``speaker_resolved`` (seed).

The baseline takes every span between paired quotation marks as a quote, with no speaker; it is
what "just find the quotation marks" gets, so the stage has to be far above it.

Three sets are scored: the seed article, a PolNeAR sample (English, political news, also counts
beliefs and intentions) and the team's blind multilingual news set
(``tests/fixtures/quotes_news/``, 12 languages, the proxy for issue 3's hidden set). On the news
set speaker accuracy is the share of matched gold quotes whose best-overlapping prediction names
the gold ``speaker_resolved`` (as on the seed); the share whose speaker span overlaps the gold
surface speaker is reported beside it.

Both are run the way the pipeline runs the stage (see ``_quotes`` in workers/pipeline.py):
``segment_sentences`` → ``find_entities`` → ``extract_quotes(..., entities=...)``, with the
language the gold file states (so a language-ID error is not counted as a quote error).
"""

from __future__ import annotations

import json
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from .common import REPO_ROOT, Section, Table, frac, pct, read_jsonl, require

RULES: dict[str, str] = {
    "shorter": "overlap ≥ 50 % of the shorter span",
    "longer": "overlap ≥ 50 % of the longer span (exact-ish)",
}

Extractor = Callable[[str, str], list[dict[str, Any]]]  # (text, language) -> quote records


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def spans_match(predicted: tuple[int, int], gold: tuple[int, int], rule: str) -> bool:
    """Whether two content spans are the same quote under ``rule`` (see the module docstring)."""
    shared = overlap(predicted, gold)
    if shared <= 0:
        return False
    lengths = (predicted[1] - predicted[0], gold[1] - gold[0])
    if rule == "shorter":
        return 2 * shared >= min(lengths)
    if rule == "longer":
        return 2 * shared >= max(lengths)
    raise ValueError(f"unknown rule {rule!r}; rules are {', '.join(RULES)}")


# --- the quote-marks baseline ---------------------------------------------------------------
# Opening mark -> the marks that close it. „ closes with “ (German) or ” (Polish, Romanian).
_CLOSERS: dict[str, str] = {
    "“": "”", "„": "“”", "«": "»", "「": "」", "『": "』", '"': '"',
}
_MARKS_RE = re.compile("[\n“”„«»「」『』\"]")


def quote_mark_spans(text: str) -> list[tuple[int, int]]:
    """Content spans (marks excluded) between paired double quotation marks, in text order.

    One quotation is open at a time; a line break abandons an unclosed one (so one stray mark
    cannot pair with a mark paragraphs away), and a second opener restarts it (English
    multi-paragraph quotes reopen without closing). Single quotes are left out: they are
    apostrophes far more often than quotation marks. Linear in the length of the text.
    """
    spans: list[tuple[int, int]] = []
    open_at = -1
    closers = ""
    for m in _MARKS_RE.finditer(text):
        mark, pos = m.group(), m.start()
        if mark == "\n":
            open_at = -1
        elif open_at >= 0 and mark in closers:
            if text[open_at + 1:pos].strip():
                spans.append((open_at + 1, pos))
            open_at = -1
        elif mark in _CLOSERS:
            open_at, closers = pos, _CLOSERS[mark]
    return spans


def baseline_extractor() -> Extractor:
    return lambda text, lang: [
        {"type": "direct", "start": s, "end": e, "text": text[s:e], "speaker": None}
        for s, e in quote_mark_spans(text)
    ]


def warta_extractor() -> Extractor:
    from workers.nlp.entities import find_entities
    from workers.stages.quotes import extract_quotes
    from workers.stages.sentences import segment_sentences

    def extract(text: str, lang: str) -> list[dict[str, Any]]:
        sentences = segment_sentences(text, lang)
        entities = find_entities(text, lang)
        return extract_quotes(text, sentences, lang, entities=entities)

    return extract


def extractors() -> dict[str, Extractor]:
    return {"Warta": warta_extractor(), "quote marks only": baseline_extractor()}


# --- PolNeAR-style scoring ---------------------------------------------------------------------
def gold_kind(gold: dict[str, Any]) -> str:
    """direct / indirect / mixed (an indirect attribution that contains quotation marks)."""
    return "mixed" if gold.get("mixed") else gold["type"]


def _best(predictions: list[dict[str, Any]], span: tuple[int, int]) -> dict[str, Any]:
    return max(predictions, key=lambda p: overlap((p["start"], p["end"]), span))


@dataclass
class SpanScore:
    """Span P/R/F1, recall by kind and speaker accuracy, accumulated over articles."""

    predicted: int = 0
    predicted_matched: int = 0
    gold: int = 0
    gold_matched: int = 0
    kind_total: Counter[str] = field(default_factory=Counter)
    kind_matched: Counter[str] = field(default_factory=Counter)
    speaker_total: int = 0
    speaker_right: int = 0

    def add(self, predictions: list[dict[str, Any]], golds: list[dict[str, Any]], rule: str) -> None:
        self.predicted += len(predictions)
        self.gold += len(golds)
        for p in predictions:
            span = (p["start"], p["end"])
            self.predicted_matched += any(
                spans_match(span, (g["start"], g["end"]), rule) for g in golds)
        for g in golds:
            span = (g["start"], g["end"])
            kind = self.kind_of(g)
            self.kind_total[kind] += 1
            matched = [p for p in predictions if spans_match((p["start"], p["end"]), span, rule)]
            if not matched:
                continue
            self.gold_matched += 1
            self.kind_matched[kind] += 1
            self.score_speaker(g, _best(matched, span).get("speaker") or {})

    def kind_of(self, gold: dict[str, Any]) -> str:
        return gold_kind(gold)

    def score_speaker(self, gold: dict[str, Any], speaker: dict[str, Any]) -> None:
        """PolNeAR: the predicted speaker span must overlap the gold source span."""
        if gold.get("speaker_start") is None:
            return
        self.speaker_total += 1
        if speaker and overlap((speaker["start"], speaker["end"]),
                               (gold["speaker_start"], gold["speaker_end"])) > 0:
            self.speaker_right += 1

    @property
    def precision(self) -> float:
        return self.predicted_matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.gold_matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


# --- seed scoring --------------------------------------------------------------------------
def _same_name(a: str | None, b: str | None) -> bool:
    return bool(a) and bool(b) and " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


@dataclass
class SeedQuoteScore:
    """The seed conventions: required quotes are scored, optional ones neither way."""

    required: int = 0
    required_found: int = 0
    false_quotes: int = 0
    optional_found: int = 0
    resolved_right: int = 0
    surface_right: int = 0
    missed: list[str] = field(default_factory=list)
    wrong_speaker: list[str] = field(default_factory=list)
    false_texts: list[str] = field(default_factory=list)


def score_seed_quotes(predictions: list[dict[str, Any]], golds: list[dict[str, Any]],
                      rule: str = "longer") -> SeedQuoteScore:
    score = SeedQuoteScore()
    for p in predictions:
        if not any(spans_match((p["start"], p["end"]), (g["start"], g["end"]), rule) for g in golds):
            score.false_quotes += 1
            score.false_texts.append(p.get("text", "")[:40])
    for g in golds:
        span = (g["start"], g["end"])
        matched = [p for p in predictions if spans_match((p["start"], p["end"]), span, rule)]
        if g.get("optional"):
            score.optional_found += bool(matched)
            continue
        score.required += 1
        if not matched:
            score.missed.append(g["id"])
            continue
        score.required_found += 1
        speaker = _best(matched, span).get("speaker") or {}
        if _same_name(speaker.get("name"), g.get("speaker_resolved")):
            score.resolved_right += 1
        else:
            score.wrong_speaker.append(f"{g['id']}: {speaker.get('name')!r}")
        if g.get("speaker_start") is not None and speaker.get("start") is not None and overlap(
                (speaker["start"], speaker["end"]), (g["speaker_start"], g["speaker_end"])) > 0:
            score.surface_right += 1
    return score


def seed_quote_rows(table: Table, label: str, score: SeedQuoteScore) -> None:
    """The seed rows shared by the ``quotes`` and ``seed`` suites."""
    table.add(label, "required quotes found", frac(score.required_found, score.required),
              "missed: " + (", ".join(score.missed) or "none"))
    table.add(label, "false quotes (match no gold quote)", score.false_quotes,
              "; ".join(repr(t) for t in score.false_texts) or "–")
    table.add(label, "resolved speaker right (of found required)",
              frac(score.resolved_right, score.required_found),
              "wrong: " + ("; ".join(score.wrong_speaker) or "none"))
    table.add(label, "speaker span overlaps gold surface speaker (of found required)",
              frac(score.surface_right, score.required_found), "")
    table.add(label, "optional quotes found (not scored)", score.optional_found, "")


def load_seed_gold(data: Path) -> dict[str, Any]:
    return json.loads(require(data / "seed-gold.json").read_text(encoding="utf-8"))


# --- the blind multilingual news set ------------------------------------------------------
# In the repository (not in the shared eval data): the team wrote it, see its README.md.
NEWS_SET: Path = REPO_ROOT / "tests" / "fixtures" / "quotes_news" / "quotes_news.jsonl"
NEWS_KINDS: tuple[str, ...] = ("direct", "indirect", "mixed")


@dataclass
class NewsQuoteScore(SpanScore):
    """Span P/R/F1, recall by kind and both speaker measures on the news set's gold format.

    Gold quotes carry ``kind`` and always a speaker (``speaker_resolved`` plus the surface span
    ``speaker_start``/``speaker_end``); every matched gold quote counts for speaker accuracy.
    """

    resolved_right: int = 0
    surface_right: int = 0

    def kind_of(self, gold: dict[str, Any]) -> str:
        return gold["kind"]

    def score_speaker(self, gold: dict[str, Any], speaker: dict[str, Any]) -> None:
        self.resolved_right += _same_name(speaker.get("name"), gold["speaker_resolved"])
        self.surface_right += speaker.get("start") is not None and overlap(
            (speaker["start"], speaker["end"]), (gold["speaker_start"], gold["speaker_end"])) > 0

    @property
    def speaker_accuracy(self) -> float:
        return self.resolved_right / self.gold_matched if self.gold_matched else 0.0


def score_news(rows: list[dict[str, Any]], predictions: list[list[dict[str, Any]]], rule: str
               ) -> dict[str, NewsQuoteScore]:
    """One score per language in first-seen order, then ``"all"`` over every item."""
    scores: dict[str, NewsQuoteScore] = {}
    total = NewsQuoteScore()
    for row, preds in zip(rows, predictions, strict=True):
        scores.setdefault(row["lang"], NewsQuoteScore()).add(preds, row["quotes"], rule)
        total.add(preds, row["quotes"], rule)
    scores["all"] = total
    return scores


def news_table(rows: list[dict[str, Any]], predictions: dict[str, list[list[dict[str, Any]]]]
               ) -> Table:
    """The news-set table: per rule and tool, one row for all languages then one per language."""
    n_gold = sum(len(r["quotes"]) for r in rows)
    table = Table(
        f"Blind multilingual news set (`tests/fixtures/quotes_news/`, {len(rows)} items in "
        f"{len({r['lang'] for r in rows})} languages, {n_gold} quotes)",
        ["tool", "rule", "language", "predicted", "gold", "P", "R", "F1",
         *(f"recall {k}" for k in NEWS_KINDS),
         "speaker accuracy (resolved name, of matched)", "speaker span overlaps (of matched)"])
    for rule, rule_text in RULES.items():
        for name, preds in predictions.items():
            for lang, score in score_news(rows, preds, rule).items():
                table.add(name, rule_text, lang, score.predicted, score.gold,
                          pct(score.precision, 1), pct(score.recall, 1), pct(score.f1, 1),
                          *(pct(score.kind_matched[k], score.kind_total[k]) for k in NEWS_KINDS),
                          f"{pct(score.resolved_right, score.gold_matched)} "
                          f"({score.resolved_right}/{score.gold_matched})",
                          f"{pct(score.surface_right, score.gold_matched)} "
                          f"({score.surface_right}/{score.gold_matched})")
    table.notes.append(
        "Written by the project team, not by independent annotators, and blind to the rules: the "
        "texts and gold were frozen before their author read the quote stage or its tests. A "
        "proxy for the hidden multilingual news set (aim F1 ≥ 85, speaker accuracy ≥ 85 %), not "
        "a substitute. Content spans exclude the quotation marks; indirect quotes are the "
        "reported clause. Speaker accuracy: the best-overlapping prediction's resolved `name` "
        "equals the gold `speaker_resolved` (case- and space-insensitive); the last column asks "
        "only that its speaker span overlaps the gold surface speaker (pronoun, role noun, name). "
        "Conventions: `tests/fixtures/quotes_news/README.md`.")
    return table


def run(data: Path) -> Section:
    started = time.perf_counter()
    tools = extractors()
    gold = load_seed_gold(data)
    rows = list(read_jsonl(require(data / "quotes-public" / "polnear-test.jsonl")))
    for extract in tools.values():
        extract("“We are ready,” the minister said on Monday.", "en")  # warm-up

    seed = Table(f"Seed article (`seed-gold.json`, {gold['counts']['quotes_required']} required + "
                 f"{gold['counts']['quotes_optional']} optional quotes; rule: {RULES['longer']})",
                 ["tool", "measure", "result", "details"])
    for name, extract in tools.items():
        seed_quote_rows(seed, name, score_seed_quotes(extract(gold["text"], gold["lang"]),
                                                      gold["quotes"]))

    predictions = {name: [extract(r["text"], r.get("lang", "en")) for r in rows]
                   for name, extract in tools.items()}
    n_gold = sum(len(r["quotes"]) for r in rows)
    polnear = Table(
        f"PolNeAR test sample (`quotes-public/polnear-test.jsonl`, {len(rows)} articles, "
        f"{n_gold} attributions)",
        ["tool", "rule", "predicted", "P", "R", "F1", "recall direct", "recall indirect",
         "recall mixed", "speaker accuracy (matched, with source)"])
    for rule, rule_text in RULES.items():
        for name in tools:
            score = SpanScore()
            for row, preds in zip(rows, predictions[name]):
                score.add(preds, row["quotes"], rule)
            polnear.add(name, rule_text, score.predicted, pct(score.precision, 1),
                        pct(score.recall, 1), pct(score.f1, 1),
                        *(f"{pct(score.kind_matched[k], score.kind_total[k])} "
                          f"({score.kind_matched[k]}/{score.kind_total[k]})"
                          for k in ("direct", "indirect", "mixed")),
                        f"{pct(score.speaker_right, score.speaker_total)} "
                        f"({score.speaker_right}/{score.speaker_total})")
    polnear.notes.append(
        "PolNeAR content spans include the quotation marks and also cover attributed beliefs and "
        "intentions, not only speech; `mixed` = indirect attributions containing quotation marks. "
        "Speaker accuracy: the best-overlapping prediction's speaker span overlaps the gold source "
        "span; the baseline has no speakers, hence 0 %. The set's SOURCES.md documents a "
        "quote-marks floor of F1 29.2 with its own script, which the exact-ish rule reproduces.")

    news_rows = list(read_jsonl(require(NEWS_SET)))
    news = news_table(news_rows, {name: [extract(r["text"], r["lang"]) for r in news_rows]
                                  for name, extract in tools.items()})

    return Section(
        "quotes", "Quote extraction",
        intro=["Targets (issue 3): seed 10 / 10 required quotes with resolved speakers and no false "
               "quote; PolNeAR P/R/F1 and speaker accuracy far above the quote-marks baseline; "
               "held-out multilingual news F1 ≥ 85, speaker accuracy ≥ 85 %."],
        tables=[seed, polnear, news], seconds=time.perf_counter() - started)
