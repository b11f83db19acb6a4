"""Quality evaluation of the four stages against the public evaluation sets (`warta eval`).

Owns measuring, not improving: each module scores one stage (or the whole record) on data that
nobody on the project wrote, always next to the off-the-shelf tool the stage has to beat, and
returns a Markdown :class:`~workers.evaluation.common.Section`. :mod:`.report` runs the suites and
rewrites their sections of ``docs/quality.md``.

Suites: ``langid``, ``segment``, ``quotes``, ``seed`` (the whole record of the seed article
against its hand-checked gold) and ``speed``. The data directory is the project's
``shared/eval`` (read in place, never copied into the repository).
"""

from __future__ import annotations

SUITES: tuple[str, ...] = ("langid", "segment", "quotes", "seed", "speed")

__all__ = ["SUITES"]
