"""Monitoring shipped with docker-compose.yml: the Prometheus config and alert rules pass
promtool (including the alert unit tests), and the Grafana dashboard and alerts only query
metrics a Warta worker actually exports."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest
import yaml

from tests.conftest import REPO
from workers.metrics import WorkerMetrics

DEPLOY = REPO / "deploy"
_METRIC = re.compile(r"\b(warta_[a-z_]+)")


def _promtool() -> str | None:
    local = REPO / ".cache" / "tools" / "promtool"
    return str(local) if local.exists() else shutil.which("promtool")


def _exported_names() -> set[str]:
    """Every sample name a worker exports (histogram _bucket/_sum/_count included)."""
    suffixes = {"counter": ("_total",), "histogram": ("_bucket", "_sum", "_count"), "gauge": ("",)}
    return {
        family.name + suffix
        for family in WorkerMetrics().registry.collect()
        for suffix in suffixes[family.type]
    }


@pytest.mark.parametrize(
    "args",
    [
        ["check", "config", "deploy/prometheus/prometheus.yml"],
        ["check", "rules", "deploy/prometheus/alerts.yml"],
        ["test", "rules", "deploy/prometheus/alerts.test.yml"],
    ],
    ids=["config", "rules", "alert-unit-tests"],
)
def test_promtool_accepts_the_prometheus_files(args: list[str]) -> None:
    promtool = _promtool()
    if promtool is None:
        pytest.skip("promtool not available (scripts/fetch-promtool.sh fetches it; .ci/run does)")
    result = subprocess.run([promtool, *args], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_prometheus_scrapes_the_worker_service_on_the_web_port() -> None:
    config = yaml.safe_load((DEPLOY / "prometheus" / "prometheus.yml").read_text())
    (job,) = config["scrape_configs"]
    assert job["metrics_path"] == "/metrics"
    assert job["dns_sd_configs"][0]["names"] == ["worker"]
    assert job["dns_sd_configs"][0]["port"] == 6066


def test_alert_rules_cover_lag_dead_letters_and_workers_and_query_real_metrics() -> None:
    rules = yaml.safe_load((DEPLOY / "prometheus" / "alerts.yml").read_text())
    alerts = {rule["alert"]: rule for group in rules["groups"] for rule in group["rules"]}
    assert {"WartaLagGrowing", "WartaLagTooOld", "WartaDeadLetterSpike", "WartaWorkerDown"} <= set(alerts)
    exported = _exported_names()
    for name, rule in alerts.items():
        for metric in _METRIC.findall(rule["expr"]):
            assert metric in exported, f"{name} queries {metric}, which no worker exports"


def test_dashboard_panels_query_only_exported_metrics() -> None:
    dashboard = json.loads((DEPLOY / "grafana" / "dashboards" / "warta.json").read_text())
    exported = _exported_names()
    titles = [panel["title"] for panel in dashboard["panels"]]
    for wanted in ("Lag per stage topic", "Throughput", "End-to-end latency", "Dead letters"):
        assert any(t.startswith(wanted) for t in titles), wanted
    queried = set()
    for panel in dashboard["panels"]:
        assert panel["datasource"]["uid"] == "warta-prometheus"
        for target in panel["targets"]:
            queried.update(_METRIC.findall(target["expr"]))
    assert queried and queried <= exported, queried - exported
    # The provisioned data source is the one the panels name.
    source = yaml.safe_load(
        (DEPLOY / "grafana" / "provisioning" / "datasources" / "prometheus.yml").read_text())
    assert source["datasources"][0]["uid"] == "warta-prometheus"


def test_compose_runs_prometheus_and_grafana_on_loopback() -> None:
    compose = yaml.safe_load((REPO / "docker-compose.yml").read_text())
    for name in ("prometheus", "grafana"):
        service = compose["services"][name]
        assert all(str(p).startswith("127.0.0.1:") for p in service["ports"])
        for volume in service["volumes"]:
            source = volume.split(":")[0]
            assert (REPO / source).exists(), source


def test_readme_documents_every_exported_metric() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `(warta_[a-z_]+)` \|", readme, flags=re.M))
    suffix = {"counter": "_total", "histogram": "", "gauge": ""}
    exported = {f.name + suffix[f.type] for f in WorkerMetrics().registry.collect()}
    assert documented == exported
