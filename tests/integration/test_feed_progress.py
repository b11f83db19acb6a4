"""`warta feed` shows a progress bar with the rate on a terminal and says one line when piped."""

from __future__ import annotations

import fcntl
import os
import pty
import struct
import subprocess
import sys
import termios
from pathlib import Path

import orjson
import pytest

from tests.fixtures.articles import generate_article
from tests.kafka import env_for
from workers.settings import Settings

pytestmark = pytest.mark.kafka


def _articles(path: Path, count: int) -> Path:
    path.write_bytes(b"".join(orjson.dumps(generate_article(i, seed=9)) + b"\n" for i in range(count)))
    return path


def test_on_a_terminal_feed_draws_a_bar_with_the_rate(run_settings: Settings, tmp_path: Path) -> None:
    source = _articles(tmp_path / "a.jsonl", 1200)
    primary, secondary = pty.openpty()
    # A real terminal has a size; a fresh pty is 0x0, which leaves tqdm no room to draw.
    fcntl.ioctl(secondary, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 120, 0, 0))
    try:
        process = subprocess.Popen([sys.executable, "-m", "workers", "feed", str(source)],
                                   env=env_for(run_settings), stdin=subprocess.DEVNULL,
                                   stdout=secondary, stderr=secondary)
        os.close(secondary)
        output = b""
        while True:
            try:
                chunk = os.read(primary, 4096)
            except OSError:  # the terminal closes when the process ends
                break
            if not chunk:
                break
            output += chunk
        assert process.wait(timeout=120) == 0
    finally:
        os.close(primary)
    text = output.decode(errors="replace")
    assert "feeding " + run_settings.topic_raw in text
    assert "articles/s" in text  # tqdm's rate, in our unit
    assert "1200/" in text or "1200 articles" in text
    assert "published 1200 article(s)" in text


def test_piped_feed_prints_only_the_summary(run_settings: Settings, tmp_path: Path) -> None:
    source = _articles(tmp_path / "b.jsonl", 50)
    result = subprocess.run([sys.executable, "-m", "workers", "feed", str(source)],
                            env=env_for(run_settings), capture_output=True, text=True, timeout=120)
    assert result.returncode == 0
    assert result.stderr.strip() == f"published 50 article(s) to {run_settings.topic_raw}"
    assert result.stdout == ""
