"""`warta kafka start|status`: the local broker is idempotent and reports itself."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.kafka import env_for
from workers import kafka_local
from workers.settings import Settings

pytestmark = pytest.mark.kafka


def test_a_second_start_reports_the_running_broker(kafka_settings: Settings) -> None:
    if kafka_settings.kafka_data_dir is None:
        pytest.skip("using an external broker (WARTA_TEST_BOOTSTRAP)")
    state, started = kafka_local.start(kafka_settings)
    assert state.running and not started
    result = subprocess.run([sys.executable, "-m", "workers", "kafka", "start"],
                            env=env_for(kafka_settings), capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("already running:")
    assert f"pid {state.pid}" in result.stdout


def test_status_exits_nonzero_for_a_port_with_no_broker(kafka_settings: Settings, tmp_path) -> None:
    from dataclasses import replace

    from tests.kafka import _free_port

    nothing = replace(kafka_settings, kafka_port=_free_port(), kafka_home=tmp_path)
    result = subprocess.run([sys.executable, "-m", "workers", "kafka", "status"],
                            env=env_for(nothing), capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "not running" in result.stdout
