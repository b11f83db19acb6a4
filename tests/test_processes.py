"""Stopping child processes: cleanly first, by force after the timeout."""

from __future__ import annotations

import subprocess
import sys

from workers.processes import stop_processes


def _child(code: str) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE)
    assert proc.stdout is not None and proc.stdout.readline() == b"ready\n"
    return proc


def test_processes_that_honour_sigterm_end_with_its_status_and_one_that_ignores_it_is_killed() -> None:
    polite = _child("import time; print('ready', flush=True); time.sleep(60)")
    stubborn = _child("import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN);"
                      " print('ready', flush=True); time.sleep(60)")
    assert stop_processes([polite, stubborn], timeout_s=1) == [-15, -9]


def test_a_process_that_already_exited_keeps_its_status() -> None:
    done = subprocess.Popen([sys.executable, "-c", "raise SystemExit(3)"])
    done.wait()
    assert stop_processes([done], timeout_s=1) == [3]
