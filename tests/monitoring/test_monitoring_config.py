"""Static checks of the monitoring code: alert rules, their promtool tests, the Grafana dashboard,
the Prometheus configurations (Compose and native) and the Compose `monitoring` profile.
promtool itself runs in `make test-monitoring`; tests/cluster/test_monitoring.py runs it all live."""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
MONITORING = ROOT / "monitoring"
RULES = yaml.safe_load((MONITORING / "prometheus" / "rules" / "mutiroes.yml").read_text())
ALERTS = {rule["alert"]: rule for group in RULES["groups"] for rule in group["rules"]}
DASHBOARD = json.loads((MONITORING / "grafana" / "dashboards" / "mutiroes.json").read_text())
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
PROMETHEUS_COMPOSE = yaml.safe_load((MONITORING / "prometheus" / "prometheus.yml").read_text())


def native_monitoring():
    spec = importlib.util.spec_from_file_location("native_monitoring", ROOT / "deploy" / "native" / "monitoring.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def declared_metric_names() -> set[str]:
    """Metric names the project's code declares (prometheus-client adds _total/_bucket/...)."""
    names: set[str] = set()
    for path in (
        ROOT / "mutiroes_backend" / "mutiroes" / "core" / "metrics.py",
        ROOT / "mutiroes_backend" / "mutiroes" / "monitoring" / "collectors.py",
    ):
        names |= set(re.findall(r'"(mutiroes_[a-z_]+)"', path.read_text()))
    return names


def metric_names_in(expr: str) -> set[str]:
    return set(re.findall(r"\b(mutiroes_[a-z_]+?)(?:_total|_bucket|_count|_sum)?\b(?=[{\[ )]|$)", expr))


def test_every_alert_has_severity_summary_description_and_runbook():
    assert len(ALERTS) >= 12
    for name, rule in ALERTS.items():
        assert rule["labels"]["severity"] in {"critical", "warning"}, name
        for key in ("summary", "description", "runbook"):
            assert len(rule["annotations"][key]) > 20, (name, key)


def test_the_issue_s_alerts_exist():
    for name in (
        "MutiroesApi5xxRatioHigh",
        "MutiroesApiLatencyP95High",
        "MutiroesReplicaDown",
        "MutiroesWorkerDown",
        "MutiroesOutboxStuck",
        "MutiroesQueueGrowing",
        "PostgresConnectionsNearLimit",
        "DiskSpaceLow",
        "MutiroesCertificateFailures",
    ):
        assert name in ALERTS, name
    assert "300" in ALERTS["MutiroesOutboxStuck"]["expr"]  # 5 minutes


def test_every_alert_fires_in_a_promtool_test_and_stays_quiet_in_one():
    fired: set[str] = set()
    quiet: set[str] = set()
    for path in (MONITORING / "prometheus" / "tests").glob("*.test.yml"):
        for test in yaml.safe_load(path.read_text())["tests"]:
            for case in test.get("alert_rule_test", []):
                (fired if case["exp_alerts"] else quiet).add(case["alertname"])
    assert set(ALERTS) <= fired, sorted(set(ALERTS) - fired)
    assert set(ALERTS) <= quiet, sorted(set(ALERTS) - quiet)


def test_rules_and_dashboard_use_only_metrics_the_code_declares():
    declared = declared_metric_names()
    exprs = [rule["expr"] for rule in ALERTS.values()]
    exprs += [t["expr"] for panel in DASHBOARD["panels"] for t in panel.get("targets", [])]
    used = set().union(*(metric_names_in(e) for e in exprs))
    assert used, exprs
    assert used <= declared, sorted(used - declared)


def test_dashboard_covers_traffic_latency_errors_workers_outbox_and_business():
    rows = [p["title"] for p in DASHBOARD["panels"] if p["type"] == "row"]
    expected = ["Traffic", "Latency", "Errors", "Workers and queues", "Outbox (e-mails)", "Business", "Infrastructure"]
    assert rows == expected
    provisioning = MONITORING / "grafana" / "provisioning" / "datasources" / "prometheus.yml"
    datasource = yaml.safe_load(provisioning.read_text())
    uid = datasource["datasources"][0]["uid"]
    ids = [p["id"] for p in DASHBOARD["panels"]]
    assert len(ids) == len(set(ids))
    for panel in DASHBOARD["panels"]:
        if panel["type"] != "row":
            assert panel["datasource"]["uid"] == uid and panel["targets"], panel["title"]
    [errors] = [p for p in DASHBOARD["panels"] if p["title"].startswith("Errors per route")]
    assert "by (route, status)" in errors["targets"][0]["expr"]


def test_native_and_compose_prometheus_have_the_same_jobs():
    native = native_monitoring().prometheus_config(Path("/tmp/x"), 20000, "15s")
    native_jobs = {job["job_name"] for job in native["scrape_configs"]}
    compose_jobs = {job["job_name"] for job in PROMETHEUS_COMPOSE["scrape_configs"]}
    assert native_jobs == compose_jobs
    for rule in ALERTS.values():
        for job in re.findall(r'job=~?"([^"]+)"', rule["expr"]):
            assert set(job.split("|")) <= native_jobs, rule["alert"]


def test_monitoring_lives_in_its_own_compose_profile_and_leaves_the_default_topology_alone():
    services = COMPOSE["services"]
    monitoring = {
        "prometheus",
        "alertmanager",
        "grafana",
        "mutiroes-exporter",
        "nginx-exporter",
        "postgres-exporter",
        "redis-broker-exporter",
        "redis-cache-exporter",
    }
    assert {name for name, svc in services.items() if "monitoring" in svc.get("profiles", [])} == monitoring
    for name in monitoring:
        assert services[name]["profiles"] == ["monitoring"], name
    # nothing of the default topology waits for, or joins, the monitoring services
    for name, svc in services.items():
        if not svc.get("profiles"):
            assert not set(svc.get("depends_on", {})) & monitoring, name
            assert "monitoring" not in svc.get("networks", []), name
    for name in monitoring:
        for port in services[name].get("ports", []):
            assert str(port).startswith("127.0.0.1:"), (name, port)
    # the exporter reads nginx's stub_status on the internal listener, never the published one
    assert "http://nginx:8081/nginx-status" in " ".join(services["nginx-exporter"]["command"])
    grafana = services["grafana"]["volumes"]
    assert "./monitoring/grafana/dashboards:/var/lib/grafana/dashboards:ro" in grafana
