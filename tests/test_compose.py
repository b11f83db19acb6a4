"""docker-compose.yml: accepted by Docker Compose, and wired the way README says."""

from __future__ import annotations

import shutil
import subprocess

import pytest
import yaml

from tests.conftest import REPO


def _compose_command() -> list[str] | None:
    if shutil.which("docker"):
        probe = subprocess.run(["docker", "compose", "version"], capture_output=True)
        if probe.returncode == 0:
            return ["docker", "compose"]
    if shutil.which("docker-compose"):
        return ["docker-compose"]
    return None


def test_docker_compose_accepts_the_file() -> None:
    command = _compose_command()
    if command is None:
        if shutil.which("docker"):
            pytest.fail("the docker client is here but neither `docker compose` nor docker-compose"
                        " is; .ci/run installs docker-compose")
        pytest.skip("no docker client on this machine")
    result = subprocess.run([*command, "--profile", "tools", "config"], cwd=REPO,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert {"kafka", "worker", "feed", "tail"} <= set(yaml.safe_load(result.stdout)["services"])


def test_compose_runs_a_kraft_broker_and_workers_pointed_at_it() -> None:
    compose = yaml.safe_load((REPO / "docker-compose.yml").read_text())
    kafka = compose["services"]["kafka"]
    assert kafka["image"].startswith("apache/kafka:")
    assert kafka["environment"]["KAFKA_PROCESS_ROLES"] == "broker,controller"
    worker = compose["services"]["worker"]
    assert worker["environment"]["WARTA_BROKER"] == "kafka://kafka:9092"
    assert worker["depends_on"]["kafka"]["condition"] == "service_healthy"
    # Ports published to the host are bound to loopback only.
    for port in kafka.get("ports", []):
        assert str(port).startswith("127.0.0.1:")
