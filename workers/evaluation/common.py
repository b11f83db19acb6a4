"""Shared plumbing of the evaluation suites: where the data is, reading it, and Markdown output.

Owns the :class:`Table` / :class:`Section` shapes every suite returns and the number formats, so
that all of ``docs/quality.md`` reads the same way.
"""

from __future__ import annotations

import datetime as _dt
import json
import platform
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator, Sequence

# workers/evaluation/common.py -> the repository root (also right for an editable install,
# which is how Warta is installed for development; the eval sets are not shipped in a wheel).
REPO_ROOT: Path = Path(__file__).resolve().parents[2]
DEFAULT_DATA_DIR: Path = REPO_ROOT.parent / "shared" / "eval"
QUALITY_DOC: Path = REPO_ROOT / "docs" / "quality.md"
SEED_FILE: Path = REPO_ROOT / "seeds" / "000.txt"


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    """Yield one dict per non-blank line of a JSON Lines file."""
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def require(path: Path) -> Path:
    """Return ``path`` or fail with a message naming what is missing (not a bare traceback)."""
    if not path.exists():
        raise FileNotFoundError(f"evaluation data not found: {path} (pass --data DIR)")
    return path


def pct(numerator: float, denominator: float, digits: int = 1) -> str:
    """``12.3 %``; an empty denominator is shown as a dash, not as 0 % or 100 %."""
    if not denominator:
        return "–"
    return f"{100.0 * numerator / denominator:.{digits}f} %"


def ratio(value: float | None, digits: int = 4) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def frac(numerator: int, denominator: int) -> str:
    return f"{numerator} / {denominator}"


def _cell(value: Any) -> str:
    # A "|" inside a cell would end it; Markdown tables have no other escaping to worry about.
    return str(value).replace("|", "\\|").replace("\n", " ")


@dataclass
class Table:
    """One Markdown table with a caption saying what was measured, on what, how many items."""

    caption: str
    columns: Sequence[str]
    rows: list[Sequence[Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def add(self, *cells: Any) -> None:
        if len(cells) != len(self.columns):
            raise ValueError(f"row has {len(cells)} cells, table has {len(self.columns)} columns")
        self.rows.append(cells)

    def markdown(self) -> str:
        lines = [f"**{self.caption}**", ""]
        lines.append("| " + " | ".join(_cell(c) for c in self.columns) + " |")
        lines.append("| " + " | ".join("---" for _ in self.columns) + " |")
        lines.extend("| " + " | ".join(_cell(c) for c in row) + " |" for row in self.rows)
        lines.extend(["", *(f"{note}" for note in self.notes)] if self.notes else [])
        return "\n".join(lines).rstrip() + "\n"


@dataclass
class Section:
    """What one suite contributes to ``docs/quality.md``: a heading, prose and tables."""

    suite: str
    title: str
    intro: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    seconds: float = 0.0

    def markdown(self) -> str:
        parts = [f"## {self.title}", "", environment_line(self.suite, self.seconds), ""]
        parts.extend(p + "\n" for p in self.intro)
        parts.extend(t.markdown() for t in self.tables)
        return "\n".join(parts).rstrip() + "\n"


def environment_line(suite: str, seconds: float) -> str:
    """Which command, when and on what produced a section (speed numbers mean nothing without)."""
    today = _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%d")
    return (f"_`warta eval {suite}` on {today}, Python {sys.version.split()[0]}, "
            f"{cpu_name()}, {seconds:.0f} s._")


def cpu_name() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()
