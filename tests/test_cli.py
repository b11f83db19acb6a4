"""`warta process`: the embedded pipeline from files and stdin, one output line per input."""

from __future__ import annotations

import subprocess
import sys

import orjson
from click.testing import CliRunner

from tests.conftest import REPO, SEED
from workers.cli import main
from workers.schemas import first_error


def test_process_a_text_file_uses_the_file_stem_as_id() -> None:
    result = CliRunner().invoke(main, ["process", str(SEED)])
    assert result.exit_code == 0, result.output
    lines = result.stdout_bytes.splitlines()
    assert len(lines) == 1
    record = orjson.loads(lines[0])
    assert record["id"] == "000"
    assert first_error("articles.enriched", record) is None


def test_process_jsonl_keeps_input_order_and_puts_dead_letters_in_place(tmp_path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_bytes(
        b'{"id": "a", "body": "The council said on Monday that the bridge would reopen."}\n'
        b"not json at all\n"
        b"\n"
        b'{"id": "c", "body": "Harga cabai naik tajam, kata pedagang di pasar."}\n'
    )
    result = CliRunner().invoke(main, ["process", "--format", "jsonl", str(source)])
    assert result.exit_code == 0
    records = [orjson.loads(line) for line in result.stdout_bytes.splitlines()]
    assert [r.get("id") for r in records] == ["a", None, "c"]
    assert records[1]["error"]["class"] == "InvalidJSON"
    assert first_error("articles.dlq", records[1]) is None
    assert "1 input(s) went to the dead-letter output" in result.stderr


def test_process_reads_stdin_and_writes_to_a_file(tmp_path) -> None:
    out = tmp_path / "out.jsonl"
    line = orjson.dumps({"id": "s1", "body": "Le gouvernement a annoncé une hausse des salaires."})
    completed = subprocess.run(
        [sys.executable, "-m", "workers", "process", "-", "-o", str(out)],
        input=line + b"\n", capture_output=True, cwd=REPO, timeout=120,
    )
    assert completed.returncode == 0, completed.stderr
    (record,) = [orjson.loads(x) for x in out.read_bytes().splitlines()]
    assert record["id"] == "s1" and record["language"]["code"] == "fr"


def test_worker_rejects_an_unknown_stage() -> None:
    result = CliRunner().invoke(main, ["worker", "--stages", "language,translate"])
    assert result.exit_code == 2
    assert "translate" in result.output
