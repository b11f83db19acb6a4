"""Regenerates the generated parts of README.md: the settings table and the sample record.

    .venv/bin/python scripts/update_readme.py

tests/test_readme.py fails when README.md differs from what this writes.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import orjson

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from workers.pipeline import process_article  # noqa: E402
from workers.settings import Settings, settings_table  # noqa: E402

SAMPLE_BEGIN, SAMPLE_END = "<!-- sample-record:begin -->", "<!-- sample-record:end -->"


def sample_record() -> str:
    """The seed's enriched record, shortened for reading: two of each list, no timings."""
    body = (REPO / "seeds" / "000.txt").read_text(encoding="utf-8")
    record = process_article({"id": "000", "body": body}, Settings.from_env({})).record
    short = {
        "id": record["id"],
        "body": record["body"][:120] + "…",
        "language": record["language"],
        "sentences": record["sentences"][:2] + [f"… {len(record['sentences']) - 2} more"],
        "quotes": [q for q in record["quotes"] if q["type"] == "direct"][:1]
        + [q for q in record["quotes"] if q["type"] == "indirect"][:1]
        + [f"… {len(record['quotes']) - 2} more"],
        "entities": [{**e, "mentions": e["mentions"][:1]} for e in record["entities"][:2]]
        + [f"… {len(record['entities']) - 2} more"],
        "dates": record["dates"],
        "media": record["media"][:1] + [f"… {len(record['media']) - 1} more"],
        "amounts": record["amounts"][:1] + [f"… {len(record['amounts']) - 1} more"],
        "fingerprint": record["fingerprint"],
        "pipeline": [{"stage": p["stage"], "version": p["version"], "…": "timing"}
                     for p in record["pipeline"]],
    }
    text = orjson.dumps(short, option=orjson.OPT_INDENT_2).decode()
    return f"{SAMPLE_BEGIN}\n```json\n{text}\n```\n{SAMPLE_END}"


def updated(readme: str) -> str:
    readme = re.sub(r"\| Variable \| Default \| Meaning \|\n(?:\|.*\n)+",
                    lambda _: settings_table() + "\n", readme, count=1)
    start, end = readme.index(SAMPLE_BEGIN), readme.index(SAMPLE_END) + len(SAMPLE_END)
    return readme[:start] + sample_record() + readme[end:]


if __name__ == "__main__":
    path = REPO / "README.md"
    path.write_text(updated(path.read_text(encoding="utf-8")), encoding="utf-8")
