"""Language-identification evaluation: Warta's ``detect_language`` against pycld2 and py3langid alone.

Owns the scoring rules of ``langid/*.jsonl``:

* an item is right when the scored code equals the gold ``lang``; ``und`` (and a tool's own
  "unknown") is simply wrong;
* Croatian, Serbian and Bosnian (and Warta's ``sh``) are scored as **one** group: the written
  standards differ in a handful of words and in script, and Warta deliberately answers ``sh``
  when a sentence does not say which;
* a baseline's regional or legacy code is reduced to the gold's convention (``zh-Hant`` → ``zh``,
  generic Norwegian ``no`` → ``nb``), so the baselines are not penalised for spelling;
* ``id→ms`` is the share of Indonesian items answered Malay, ``ms→id`` the reverse.

``sentences_leipzig.jsonl`` is reported as supplementary only: its Malay labels are mostly
Indonesian text (see the set's SOURCES.md).
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .common import REPO_ROOT, Section, Table, pct, read_jsonl, require

SH_GROUP: frozenset[str] = frozenset({"hr", "sr", "bs", "sh"})
# Codes the baselines use for "no answer".
_UNKNOWN: frozenset[str] = frozenset({"", "un", "xx", "xxx", "und", "zxx"})
# A legacy code meaning the same language as the gold's code.
_SAME_LANGUAGE: dict[str, str] = {"no": "nb", "in": "id", "iw": "he", "fil": "tl", "zsm": "ms"}

FILES: tuple[tuple[str, bool], ...] = (
    ("paragraphs.jsonl", False),
    ("sentences.jsonl", False),
    ("sentences_leipzig.jsonl", True),  # supplementary: noisy labels
)

Detector = Callable[[str], str]


def scored_code(code: str | None) -> str:
    """The code an answer is scored as: ISO 639-1 base, hr/sr/bs folded into ``sh``, else ``und``."""
    if not code:
        return "und"
    base = code.strip().lower().replace("_", "-").split("-", 1)[0]
    if base in _UNKNOWN:
        return "und"
    base = _SAME_LANGUAGE.get(base, base)
    return "sh" if base in SH_GROUP else base


def warta_detector() -> Detector:
    from workers.stages.language import detect_language

    return lambda text: detect_language(text)["code"]


def cld2_detector() -> Detector:
    import pycld2

    def detect(text: str) -> str:
        try:
            _reliable, _bytes, details = pycld2.detect(text)
        except pycld2.error:  # control characters / invalid UTF-8: CLD2 refuses the input
            return "und"
        return details[0][1]

    return detect


def py3langid_detector() -> Detector:
    import py3langid

    return lambda text: py3langid.classify(text)[0]


def detectors() -> dict[str, Detector]:
    return {"Warta": warta_detector(), "pycld2": cld2_detector(), "py3langid": py3langid_detector()}


@dataclass
class LangidScore:
    """Counts for one tool on one file."""

    total: Counter[str] = field(default_factory=Counter)
    correct: Counter[str] = field(default_factory=Counter)
    answers: Counter[tuple[str, str]] = field(default_factory=Counter)  # (gold, scored answer)
    seconds: float = 0.0

    def add(self, gold: str, answer: str | None) -> None:
        g, a = scored_code(gold), scored_code(answer)
        self.total[g] += 1
        self.correct[g] += g == a
        self.answers[(g, a)] += 1

    @property
    def items(self) -> int:
        return sum(self.total.values())

    @property
    def accuracy(self) -> float:
        return sum(self.correct.values()) / self.items if self.items else 0.0

    def confusion(self, gold: str, answer: str) -> tuple[int, int]:
        """How many ``gold`` items were answered ``answer``, out of how many ``gold`` items."""
        return self.answers[(gold, answer)], self.total[gold]

    @property
    def und(self) -> int:
        return sum(n for (_g, a), n in self.answers.items() if a == "und")


def score_file(path: Path, tools: dict[str, Detector]) -> dict[str, LangidScore]:
    rows = list(read_jsonl(path))
    scores = {name: LangidScore() for name in tools}
    for name, detect in tools.items():
        score = scores[name]
        clock = time.perf_counter
        for row in rows:
            started = clock()
            answer = detect(row["text"])
            score.seconds += clock() - started
            score.add(row["lang"], answer)
    return scores


_RSS_PROBES: tuple[tuple[str, str], ...] = (
    ("Python interpreter alone", "pass"),
    ("language stage loaded, one call",
     "from workers.stages.language import detect_language; detect_language('Ini sebuah kalimat.')"),
    ("all four stages warmed up (`warm_up()`, what a worker does)",
     "from workers.pipeline import warm_up; warm_up()"),
)


_HWM_PROBE = """
def _peak_kib():
    # VmHWM is the high-water mark of this process image; ru_maxrss would also count the
    # memory of the (large) parent this child was forked from before exec.
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
"""


def peak_rss_mb(statement: str) -> float | str:
    """Peak resident set size (MB) of a fresh interpreter that ran ``statement``.

    A probe that fails is reported (its last error line), not raised: memory is one row of the
    langid section and must not take the accuracy tables down with it.
    """
    code = _HWM_PROBE + statement + "\nprint(_peak_kib())"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=REPO_ROOT, timeout=300)
    if done.returncode != 0 or not done.stdout.split():
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        return f"probe failed: {last[:120]}"
    return int(done.stdout.split()[-1]) / 1024.0


def run(data: Path) -> Section:
    started = time.perf_counter()
    tools = detectors()
    for detect in tools.values():  # models load lazily; loading is not per-item cost
        detect("warm-up sentence, not measured.")
    results: dict[str, dict[str, LangidScore]] = {}
    for name, _supplementary in FILES:
        results[name] = score_file(require(data / "langid" / name), tools)

    overall = Table(
        "Accuracy per file and tool (hr/sr/bs scored as one group; `und` counts as wrong)",
        ["file", "items", "tool", "accuracy", "id→ms", "ms→id", "und answers", "µs / item"],
    )
    for name, supplementary in FILES:
        label = f"`langid/{name}`" + (" (supplementary: noisy ms labels)" if supplementary else "")
        for tool, score in results[name].items():
            id_ms, n_id = score.confusion("id", "ms")
            ms_id, n_ms = score.confusion("ms", "id")
            overall.add(label, score.items, tool, pct(score.accuracy, 1, 2),
                        f"{pct(id_ms, n_id)} ({id_ms}/{n_id})", f"{pct(ms_id, n_ms)} ({ms_id}/{n_ms})",
                        score.und, f"{1e6 * score.seconds / max(1, score.items):.0f}")
    overall.notes.append(
        "id→ms: share of Indonesian items answered Malay; ms→id the reverse. Baseline codes are "
        "reduced to the gold's convention (`zh-Hant`→`zh`, `no`→`nb`); pycld2's `un` and input it "
        "refuses count as `und`. Time is the detector call alone, after a warm-up.")

    tool_names = list(tools)
    per_lang = Table(
        "Accuracy per gold language on `langid/paragraphs.jsonl` and `langid/sentences.jsonl` "
        "(`sh` = hr + sr + bs)",
        ["lang", *(f"paragraphs {t}" for t in tool_names), *(f"sentences {t}" for t in tool_names)],
    )
    paragraphs, sentences = results["paragraphs.jsonl"], results["sentences.jsonl"]
    languages = sorted(set(paragraphs["Warta"].total) | set(sentences["Warta"].total))
    for lang in languages:
        cells = [f"{lang} ({paragraphs['Warta'].total[lang]}/{sentences['Warta'].total[lang]})"]
        for scores in (paragraphs, sentences):
            cells.extend(pct(scores[t].correct[lang], scores[t].total[lang]) for t in tool_names)
        per_lang.add(*cells)
    per_lang.notes.append("In brackets: paragraph / sentence items of that language.")

    memory = Table("Peak resident memory of a fresh process (`VmHWM`)", ["process", "peak RSS"])
    for label, statement in _RSS_PROBES:
        peak = peak_rss_mb(statement)
        memory.add(label, peak if isinstance(peak, str) else f"{peak:.0f} MB")

    return Section(
        "langid", "Language identification",
        intro=["Targets (issue 3): paragraphs ≥ 98.5 %, sentences ≥ 96 % (hr/sr/bs as one), "
               "id↔ms ≥ 95 % each way, `und` for non-language text."],
        tables=[overall, per_lang, memory], seconds=time.perf_counter() - started)
