"""Stopping the child processes Warta starts (workers, demo and benchmark runs): by PID, cleanly
first, by force after a timeout."""

from __future__ import annotations

import signal
import subprocess
from typing import Sequence


def stop_processes(procs: Sequence[subprocess.Popen], timeout_s: float) -> list[int]:
    """SIGTERM every process still running, then wait up to ``timeout_s`` for each, SIGKILL
    those that have not exited; their exit statuses, in order.

    All are signalled before any is waited for, so several workers shut down side by side.
    """
    for proc in procs:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
    statuses = []
    for proc in procs:
        try:
            statuses.append(proc.wait(timeout=timeout_s))
        except subprocess.TimeoutExpired:
            proc.kill()
            statuses.append(proc.wait())
    return statuses
