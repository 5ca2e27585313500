"""Monitoring on the running cluster: Prometheus (Debian's package, under the cluster's
supervisord) scrapes every replica, worker and exporter; the numbers it holds are the traffic the
test drove (the 5xx count rises by exactly the injected errors); a killed worker fires the
worker-down alert, which `make health` and Alertmanager report; metrics never leave through the
public listener."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import time
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import yaml

from . import api
from .conftest import source_ips

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_RULES = ROOT / "monitoring" / "prometheus" / "rules" / "mutiroes.yml"
FAULT_ROUTE = "api/test-faults/error/"


def fetch(url: str, method: str = "GET") -> tuple[int, bytes]:
    assert url.startswith("http://127.0.0.1:"), url  # loopback only
    request = urllib.request.Request(url, method=method)  # noqa: S310 - http on loopback
    with urllib.request.urlopen(request, timeout=10) as resp:  # noqa: S310 - http on loopback
        return resp.status, resp.read()


class Prometheus:
    def __init__(self, cluster) -> None:
        self.cluster = cluster
        self.url = f"http://127.0.0.1:{cluster.port + 40}"

    def get(self, path: str, **params: str) -> dict:
        query = f"?{urllib.parse.urlencode(params)}" if params else ""
        body = json.loads(fetch(f"{self.url}{path}{query}")[1])
        assert body["status"] == "success", body
        return body["data"]

    def query(self, expr: str) -> list[dict]:
        return self.get("/api/v1/query", query=expr)["result"]

    def value(self, expr: str) -> float | None:
        result = self.query(expr)
        assert len(result) <= 1, result
        return float(result[0]["value"][1]) if result else None

    def wait(self, predicate, what: str, timeout: float = 60):
        """Until predicate() returns something truthy (Prometheus scrapes every 2 s here)."""
        deadline = time.monotonic() + timeout
        while True:
            result = predicate()
            if result:
                return result
            assert time.monotonic() < deadline, f"Prometheus never showed {what}"
            time.sleep(0.5)

    def targets(self, job: str) -> dict[str, str]:
        """replica (or instance) -> health of the job's active targets."""
        active = self.get("/api/v1/targets", state="active")["activeTargets"]
        mine = [t for t in active if t["labels"]["job"] == job]
        return {t["labels"].get("replica", t["labels"]["instance"]): t["health"] for t in mine}

    def reload(self) -> None:
        assert fetch(f"{self.url}/-/reload", method="POST")[0] == 200

    def alerts(self, name: str) -> list[dict]:
        return [a for a in self.get("/api/v1/alerts")["alerts"] if a["labels"]["alertname"] == name]


JOBS = ("mutiroes-backend", "mutiroes-worker", "mutiroes-state", "nginx", "postgres", "redis", "alertmanager")


def all_targets_up(prom: Prometheus) -> bool:
    jobs = {job: prom.targets(job) for job in JOBS}
    return (
        set(jobs["mutiroes-backend"]) == {"backend-1", "backend-2", "backend-3"}
        and set(jobs["mutiroes-worker"]) == {"worker-1", "worker-2"}
        and all(targets and set(targets.values()) == {"up"} for targets in jobs.values())
    )


def test_the_native_prometheus_configuration_passes_promtool(cluster):
    config = cluster.state / "monitoring" / "prometheus.yml"
    check = subprocess.run(["promtool", "check", "config", str(config)], capture_output=True, text=True, timeout=60)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "SUCCESS: 1 rule files found" in check.stdout + check.stderr, check.stdout + check.stderr


def test_metrics_are_unreachable_through_the_public_listener(cluster):
    client = cluster.client(source_ips(1)[0])
    for path in ("/nginx-status", "/metrics", "/api/metrics", "/api/metrics/"):
        r = client.get(path)
        assert r.status == 404, (path, r.status)
        assert b"Active connections" not in r.body and b"mutiroes_http_requests" not in r.body, path
    internal = cluster.client(port=cluster.internal_port)
    assert internal.get("/metrics").status == 404
    stub = internal.get("/nginx-status")  # the exporter's source, on the internal listener
    assert stub.status == 200 and b"Active connections" in stub.body
    # each replica's metrics are on a port of its own, which nginx never routes to
    nginx_conf = (cluster.state / "nginx" / "nginx.conf").read_text()
    for i in (1, 2, 3):
        port = cluster.port + 70 + i
        assert f":{port}" not in nginx_conf
        direct = cluster.client(port=port).get("/metrics")
        assert direct.status == 200 and b"mutiroes_http_requests_total" in direct.body


def test_prometheus_counts_the_traffic_with_its_labels(cluster):
    prom = Prometheus(cluster)
    prom.wait(lambda: all_targets_up(prom), "every replica, worker and exporter up")
    errors = f'sum(mutiroes_http_requests_total{{job="mutiroes-backend",route="{FAULT_ROUTE}",status="500"}})'
    signups = 'sum(mutiroes_signups_total{job="mutiroes-backend"})'
    before = {expr: prom.value(expr) or 0.0 for expr in (errors, signups)}

    ips = source_ips(4)
    injected = 7
    for i in range(injected):
        r = cluster.client(ips[i % 4]).get(f"/{FAULT_ROUTE}")
        assert r.status == 500 and r.json()["code"] == "server_error", r.body
    client = cluster.client(ips[0])
    for _ in range(5):
        assert client.get("/api/events/").status == 200
    assert client.get("/api/events/987654/").status == 404
    rid = f"ct-mon-{uuid.uuid4().hex}"
    user = api.register(client, headers={"X-Request-ID": rid})

    # the 5xx count rose by exactly the injected errors, summed over the replicas that served them
    prom.wait(lambda: prom.value(errors) == before[errors] + injected, f"{injected} more 500s")
    prom.wait(lambda: prom.value(signups) == before[signups] + 1, "the sign-up")
    series = prom.query(f'mutiroes_http_requests_total{{route="{FAULT_ROUTE}",status="500"}}')
    assert {s["metric"]["replica"] for s in series} <= {"backend-1", "backend-2", "backend-3"}
    assert all(s["metric"]["method"] == "GET" and s["metric"]["job"] == "mutiroes-backend" for s in series)
    assert prom.query('mutiroes_http_request_duration_seconds_count{route="api/events/",method="GET"}')
    # routes are templates: a mutirão's id never becomes a label
    routes = {s["metric"]["route"] for s in prom.query("mutiroes_http_requests_total")}
    assert "api/events/<int:event_id>/" in routes and not any("987654" in route for route in routes), routes

    # the e-mail task of the sign-up, counted by the worker that ran it, logged with the request id
    email_task = "mutiroes.notifications.tasks.notification_email_send"
    done = prom.wait(
        lambda: prom.query(f'mutiroes_celery_tasks_total{{task="{email_task}",state="succeeded"}}'),
        "the e-mail task",
    )
    assert done[0]["metric"]["job"] == "mutiroes-worker" and done[0]["metric"]["replica"].startswith("worker-")
    task_lines = [line for line in cluster.log_lines("worker-*") if line.get("request_id") == rid]
    assert [(line["task"], line["state"]) for line in task_lines] == [(email_task, "succeeded")]
    [request_line] = [line for line in cluster.log_lines("backend-*") if line.get("request_id") == rid]
    assert request_line["route"] == "api/auth/register/" and request_line["status"] == 201
    assert user["email"] not in json.dumps([*task_lines, request_line])

    # the state exporter and the exporters of nginx, PostgreSQL and Redis
    assert prom.value('mutiroes_outbox_emails{state="failed"}') == 0
    assert prom.value('mutiroes_celery_queue_length{queue="celery"}') is not None
    assert prom.value('mutiroes_events{status="published"}') is not None
    assert prom.value('mutiroes_storage_free_bytes{volume="media"}') > 0
    assert prom.value("nginx_connections_active") >= 1
    assert prom.value("pg_up") == 1 and prom.value("redis_up") == 1
    assert prom.value("max(pg_settings_max_connections)") > 0


def test_prometheus_discovers_replicas_as_they_scale(cluster):
    prom = Prometheus(cluster)
    cluster.make("scale-backends", "N=4")
    try:
        prom.wait(lambda: prom.targets("mutiroes-backend").get("backend-4") == "up", "backend-4 scraped")
    finally:
        cluster.make("scale-backends", "N=3")
    prom.wait(lambda: "backend-4" not in prom.targets("mutiroes-backend"), "backend-4 gone from the targets")


def test_a_killed_worker_fires_the_worker_down_alert(cluster):
    """The production rule's expression with a short `for:` (the production rule keeps its 2 min),
    loaded from the cluster's local rules directory."""
    prom = Prometheus(cluster)
    production = next(
        rule
        for group in yaml.safe_load(PRODUCTION_RULES.read_text())["groups"]
        for rule in group["rules"]
        if rule.get("alert") == "MutiroesWorkerDown"
    )
    test_rule = {**production, "alert": "MutiroesWorkerDownTest", "for": "6s"}
    rules_file = cluster.state / "monitoring" / "rules.d" / "worker-down-test.yml"
    rules_file.write_text(yaml.safe_dump({"groups": [{"name": "cluster-test", "rules": [test_rule]}]}))
    prom.reload()
    loaded = {r["name"]: r["duration"] for g in prom.get("/api/v1/rules")["groups"] for r in g["rules"]}
    assert loaded["MutiroesWorkerDownTest"] == 6 and loaded["MutiroesWorkerDown"] == 120
    prom.wait(lambda: prom.targets("mutiroes-worker") == {"worker-1": "up", "worker-2": "up"}, "both workers up")
    assert prom.alerts("MutiroesWorkerDownTest") == []

    stopped_at = time.time()
    # SIGKILL, like the OOM killer; then keep it down (supervisord would restart it at once), as
    # a worker that dies again at every start would be.
    os.killpg(cluster.pid("worker-2"), signal.SIGKILL)
    cluster.supervisorctl("stop", "worker-2")
    assert "STOPPED" in cluster.supervisorctl("status", "worker-2")
    try:
        [alert] = prom.wait(
            lambda: [a for a in prom.alerts("MutiroesWorkerDownTest") if a["state"] == "firing"],
            "MutiroesWorkerDownTest firing",
        )
        assert alert["labels"]["replica"] == "worker-2" and alert["labels"]["job"] == "mutiroes-worker"
        assert alert["labels"]["severity"] == "critical"
        assert "worker-2" in alert["annotations"]["summary"]
        # it became pending after the worker stopped (not left over from before)
        became_pending = dt.datetime.fromisoformat(alert["activeAt"][:19]).replace(tzinfo=dt.UTC).timestamp()
        assert became_pending >= int(stopped_at) - 1, (alert["activeAt"], stopped_at)
        # `make health` reports it and fails on a critical alert; Alertmanager received it
        health = cluster.make("health", check=False)
        assert health.returncode != 0
        [row] = [line for line in health.stdout.splitlines() if line.startswith("alerts")]
        assert "DOWN" in row and "MutiroesWorkerDownTest (critical)" in row, health.stdout
        alertmanager = f"http://127.0.0.1:{cluster.port + 41}/api/v2/alerts"

        def in_alertmanager() -> bool:
            received = json.loads(fetch(alertmanager)[1])
            return any(a["labels"]["alertname"] == "MutiroesWorkerDownTest" for a in received)

        prom.wait(in_alertmanager, "the alert in Alertmanager")
    finally:
        cluster.supervisorctl("start", "worker-2")
        rules_file.unlink()
        prom.reload()
    prom.wait(lambda: prom.targets("mutiroes-worker").get("worker-2") == "up", "worker-2 back")
