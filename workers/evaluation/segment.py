"""Sentence-segmentation evaluation: Warta's ``segment_sentences`` against sentencex alone.

Owns the boundary convention used on ``segment/*.jsonl``. A boundary is the start of every
sentence but the first, written as the number of **non-whitespace characters before it**. So a
segmenter is not judged on which side of a sentence the separating spaces or newlines end up,
only on where it cuts; gold sentences are located as exact substrings, in order. Precision,
recall and F1 are micro-averaged over the items of one language; "mean" is the macro mean over
languages.

Two modes, as the set's SOURCES.md describes: *raw text* (the item as is) and *pipeline mode*
(the text pre-split on newlines, each line segmented on its own, as a line break in an article
always ends a sentence). The pySBD golden rules pass when the (stripped) sentences equal the
expected list exactly.
"""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from .common import Section, Table, ratio, read_jsonl, require

Span = tuple[int, int]
Segmenter = Callable[[str, str], list[Span]]  # (text, language) -> sentence spans


def gold_spans(text: str, sentences: Iterable[str]) -> list[Span]:
    """Locate each gold sentence in ``text``, in order (they are exact substrings)."""
    spans: list[Span] = []
    pos = 0
    for sentence in sentences:
        start = text.find(sentence, pos)
        if start < 0:
            raise ValueError(f"gold sentence not in text: {sentence[:60]!r}")
        spans.append((start, start + len(sentence)))
        pos = start + len(sentence)
    return spans


def boundaries(text: str, spans: Iterable[Span]) -> frozenset[int]:
    """Sentence starts as counts of non-whitespace characters before them, first sentence excluded.

    Blank spans are ignored, and so is a start with nothing or only whitespace before or after it
    (it does not separate two sentences).
    """
    starts = sorted({s for s, e in spans if text[s:e].strip()})
    total = len(text) - sum(ch.isspace() for ch in text)
    found: set[int] = set()
    count = 0
    previous = 0
    for start in starts:
        count += sum(not ch.isspace() for ch in text[previous:start])
        previous = start
        if 0 < count < total:
            found.add(count)
    return frozenset(found)


@dataclass
class BoundaryScore:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, gold: frozenset[int], predicted: frozenset[int]) -> None:
        self.tp += len(gold & predicted)
        self.fp += len(predicted - gold)
        self.fn += len(gold - predicted)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        # No boundary in gold nor prediction is a perfect (vacuous) score, not a division by zero.
        if not self.tp + self.fp + self.fn:
            return 1.0
        return 2 * self.tp / (2 * self.tp + self.fp + self.fn)


def warta_segmenter() -> Segmenter:
    from workers.stages.sentences import segment_sentences

    return lambda text, lang: [(s["start"], s["end"]) for s in segment_sentences(text, lang)]


def sentencex_segmenter() -> Segmenter:
    import sentencex

    return lambda text, lang: [(b["start_index"], b["end_index"])
                               for b in sentencex.get_sentence_boundaries(lang, text)]


def pre_split(segment: Segmenter) -> Segmenter:
    """Pipeline mode: segment each line on its own, offsets mapped back to the whole text."""

    def run(text: str, lang: str) -> list[Span]:
        spans: list[Span] = []
        offset = 0
        for line in text.split("\n"):
            spans.extend((offset + s, offset + e) for s, e in segment(line, lang))
            offset += len(line) + 1
        return spans

    return run


def segmenters() -> dict[str, Segmenter]:
    return {"Warta": warta_segmenter(), "sentencex": sentencex_segmenter()}


@dataclass
class FileScore:
    by_lang: dict[str, BoundaryScore]
    items: dict[str, int]
    gold_boundaries: dict[str, int]
    seconds: float
    utf8_bytes: int

    @property
    def mean_f1(self) -> float:
        return sum(s.f1 for s in self.by_lang.values()) / len(self.by_lang)

    def min_f1(self) -> tuple[str, float]:
        lang = min(self.by_lang, key=lambda k: self.by_lang[k].f1)
        return lang, self.by_lang[lang].f1


def score_rows(rows: list[dict], segment: Segmenter) -> FileScore:
    by_lang: dict[str, BoundaryScore] = defaultdict(BoundaryScore)
    items: dict[str, int] = defaultdict(int)
    gold_n: dict[str, int] = defaultdict(int)
    seconds = 0.0
    for row in rows:
        text, lang = row["text"], row["lang"]
        gold = boundaries(text, gold_spans(text, row["sentences"]))
        started = time.perf_counter()
        predicted = segment(text, lang)
        seconds += time.perf_counter() - started
        by_lang[lang].add(gold, boundaries(text, predicted))
        items[lang] += 1
        gold_n[lang] += len(gold)
    return FileScore(dict(sorted(by_lang.items())), dict(items), dict(gold_n), seconds,
                     sum(len(r["text"].encode("utf-8")) for r in rows))


def golden_passes(rows: list[dict], segment: Segmenter) -> tuple[int, list[str]]:
    """How many pySBD golden rules come out exactly right, and the refs of those that do not."""
    passed, failed = 0, []
    for row in rows:
        text = row["text"]
        got = [text[s:e].strip() for s, e in segment(text, row["lang"])]
        if [g for g in got if g] == [s.strip() for s in row["sentences"]]:
            passed += 1
        else:
            failed.append(str(row.get("ref", "?")))
    return passed, failed


def run(data: Path) -> Section:
    started = time.perf_counter()
    tools = segmenters()
    for segment in tools.values():
        segment("Warm-up. Not measured.", "en")
    ud = list(read_jsonl(require(data / "segment" / "ud.jsonl")))
    flores = list(read_jsonl(require(data / "segment" / "flores.jsonl")))
    golden = list(read_jsonl(require(data / "segment" / "pysbd_golden_en.jsonl")))

    raw = {name: {"ud": score_rows(ud, seg), "flores": score_rows(flores, seg)}
           for name, seg in tools.items()}
    piped = {name: score_rows(ud, pre_split(seg)) for name, seg in tools.items()}
    gold_results = {name: golden_passes(golden, seg) for name, seg in tools.items()}
    names = list(tools)

    summary = Table("Summary (boundary F1; mean = macro mean over languages)",
                    ["measure", *names])
    summary.add(f"`segment/ud.jsonl` mean F1, raw text ({len(ud)} items)",
                *(ratio(raw[n]["ud"].mean_f1) for n in names))
    summary.add("`segment/ud.jsonl` mean F1, pipeline mode (pre-split on newlines)",
                *(ratio(piped[n].mean_f1) for n in names))
    summary.add("`segment/ud.jsonl` id F1", *(ratio(raw[n]["ud"].by_lang["id"].f1) for n in names))
    summary.add(f"`segment/flores.jsonl` min F1 over languages ({len(flores)} items)",
                *("{1} ({0})".format(*_fmt_min(raw[n]["flores"])) for n in names))
    summary.add("`segment/flores.jsonl` mean F1", *(ratio(raw[n]["flores"].mean_f1) for n in names))
    summary.add("`segment/pysbd_golden_en.jsonl` rules passed (exact sentences)",
                *(f"{gold_results[n][0]} / {len(golden)}" for n in names))
    summary.add("throughput on ud + flores, raw text (MB/s of UTF-8)",
                *(f"{_mb_per_s(raw[n]['ud'], raw[n]['flores']):.1f}" for n in names))
    summary.notes.append(
        "pySBD rules failed by Warta: " + (", ".join(gold_results["Warta"][1]) or "none") + ".")

    tables = [summary]
    for key, label in (("ud", "`segment/ud.jsonl`"), ("flores", "`segment/flores.jsonl`")):
        table = Table(f"{label} per language, raw text (P / R / F1 of sentence boundaries)",
                      ["lang", "items", "gold boundaries",
                       *(f"{n} {m}" for n in names for m in ("P", "R", "F1"))])
        first = raw[names[0]][key]
        for lang in first.by_lang:
            cells: list[str] = []
            for n in names:
                s = raw[n][key].by_lang[lang]
                cells += [ratio(s.precision), ratio(s.recall), ratio(s.f1)]
            table.add(lang, first.items[lang], first.gold_boundaries[lang], *cells)
        table.add("**mean**", sum(first.items.values()), sum(first.gold_boundaries.values()),
                  *(c for n in names for c in ("", "", f"**{ratio(raw[n][key].mean_f1)}**")))
        tables.append(table)

    return Section(
        "segment", "Sentence segmentation",
        intro=["Targets (issue 3): UD mean F1 ≥ 0.985, id ≥ 0.995, every FLORES language ≥ 0.98, "
               "pySBD golden ≥ 44 / 48. A boundary is a sentence start counted in non-whitespace "
               "characters (where the separating whitespace goes is not scored)."],
        tables=tables, seconds=time.perf_counter() - started)


def _fmt_min(score: FileScore) -> tuple[str, str]:
    lang, f1 = score.min_f1()
    return lang, ratio(f1)


def _mb_per_s(*scores: FileScore) -> float:
    seconds = sum(s.seconds for s in scores)
    return sum(s.utf8_bytes for s in scores) / seconds / 1e6 if seconds else 0.0
