"""Monitoring of the native cluster: Prometheus, Alertmanager and the exporters from Debian's
packages, under the cluster's supervisord (`make monitoring-install` installs them).

    P+40 prometheus     P+41 alertmanager    P+42 nginx exporter (stub_status on the internal listener)
    P+43 postgres exp.  P+44 redis exporter  P+45 state exporter (manage.py metrics_exporter)
    P+50+i worker-i metrics                  P+70+i backend-i metrics (Gunicorn's master, never nginx)

Prometheus finds the replicas and workers in file_sd target files that `up` and `scale-*` rewrite
($CLUSTER_DIR/monitoring/targets/), and loads the project's alert rules (monitoring/prometheus/rules/)
plus any local ones in $CLUSTER_DIR/monitoring/rules.d/. Standard library only; the configuration
is written as JSON, which Prometheus reads as YAML.
"""

from __future__ import annotations

import json
import shutil
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
RULES_DIR = ROOT / "monitoring" / "prometheus" / "rules"
ALERTMANAGER_CONFIG = ROOT / "monitoring" / "alertmanager" / "alertmanager.yml"

PROMETHEUS, ALERTMANAGER, NGINX_EXPORTER, POSTGRES_EXPORTER, REDIS_EXPORTER, STATE_EXPORTER = range(40, 46)
WORKER_METRICS, BACKEND_METRICS = 50, 70
PORT_SPAN = 100  # every port of a cluster lies in P..P+99
BINARIES = {
    "prometheus": "prometheus",
    "prometheus-alertmanager": "prometheus-alertmanager",
    "prometheus-nginx-exporter": "prometheus-nginx-exporter",
    "prometheus-postgres-exporter": "prometheus-postgres-exporter",
    "prometheus-redis-exporter": "prometheus-redis-exporter",
}


def missing_binaries() -> list[str]:
    return [pkg for binary, pkg in BINARIES.items() if not shutil.which(binary)]


def enabled(mode: str) -> bool:
    """CLUSTER_MONITORING: 1 = on (missing packages are an error), 0 = off, auto = on if installed."""
    return mode == "1" or (mode == "auto" and not missing_binaries())


def backend_metrics_port(port: int, i: int) -> int:
    return port + BACKEND_METRICS + i


def worker_metrics_port(port: int, i: int) -> int:
    return port + WORKER_METRICS + i


def directory(state: Path) -> Path:
    return state / "monitoring"


def write_targets(state: Path, port: int, backends: int, workers: int) -> None:
    """file_sd: Prometheus picks up scaled replicas and workers without a restart."""
    targets = directory(state) / "targets"
    targets.mkdir(parents=True, exist_ok=True)
    for name, groups in (
        ("backends.json", [(f"backend-{i}", backend_metrics_port(port, i)) for i in range(1, backends + 1)]),
        ("workers.json", [(f"worker-{i}", worker_metrics_port(port, i)) for i in range(1, workers + 1)]),
    ):
        body = [{"targets": [f"127.0.0.1:{p}"], "labels": {"replica": replica}} for replica, p in groups]
        scratch = targets / f".{name}.new"
        scratch.write_text(json.dumps(body, indent=2) + "\n")
        scratch.replace(targets / name)  # atomic: Prometheus never reads half a file


def prometheus_config(state: Path, port: int, scrape_interval: str) -> dict[str, Any]:
    mon = directory(state)

    def static(job: str, offset: int) -> dict[str, Any]:
        return {"job_name": job, "static_configs": [{"targets": [f"127.0.0.1:{port + offset}"]}]}

    def file_sd(job: str, name: str) -> dict[str, Any]:
        return {
            "job_name": job,
            "file_sd_configs": [{"files": [str(mon / "targets" / name)], "refresh_interval": "30s"}],
        }

    return {
        "global": {"scrape_interval": scrape_interval, "evaluation_interval": scrape_interval},
        "alerting": {"alertmanagers": [{"static_configs": [{"targets": [f"127.0.0.1:{port + ALERTMANAGER}"]}]}]},
        "rule_files": [str(RULES_DIR / "*.yml"), str(mon / "rules.d" / "*.yml")],
        "scrape_configs": [
            file_sd("mutiroes-backend", "backends.json"),
            file_sd("mutiroes-worker", "workers.json"),
            static("mutiroes-state", STATE_EXPORTER),
            static("nginx", NGINX_EXPORTER),
            static("postgres", POSTGRES_EXPORTER),
            static("redis", REDIS_EXPORTER),
            static("prometheus", PROMETHEUS),
            static("alertmanager", ALERTMANAGER),
        ],
    }


def write_config(state: Path, port: int, scrape_interval: str) -> Path:
    mon = directory(state)
    for sub in ("rules.d", "data", "alertmanager"):
        (mon / sub).mkdir(parents=True, exist_ok=True)
    path = mon / "prometheus.yml"
    path.write_text(json.dumps(prometheus_config(state, port, scrape_interval), indent=2) + "\n")
    return path


def programs(
    state: Path, port: int, *, internal_port: int, database_url: str, redis_url: str, python: Path
) -> list[tuple[str, str, dict[str, str]]]:
    """(name, command, environment) of each monitoring program, for supervisord."""
    mon = directory(state)
    redis_server = redis_url.rsplit("/", 1)[0] if redis_url.count("/") > 2 else redis_url
    separator = "&" if "?" in database_url else "?"
    return [
        (
            "prometheus",
            f"prometheus --config.file={mon / 'prometheus.yml'} --storage.tsdb.path={mon / 'data'} "
            f"--storage.tsdb.retention.time=7d --web.listen-address=127.0.0.1:{port + PROMETHEUS} "
            "--web.enable-lifecycle",
            {},
        ),
        (
            "alertmanager",
            f"prometheus-alertmanager --config.file={ALERTMANAGER_CONFIG} --storage.path={mon / 'alertmanager'} "
            f"--web.listen-address=127.0.0.1:{port + ALERTMANAGER} --cluster.listen-address=",
            {},
        ),
        (
            "nginx-exporter",
            f"prometheus-nginx-exporter -nginx.scrape-uri=http://127.0.0.1:{internal_port}/nginx-status "
            f"-web.listen-address=127.0.0.1:{port + NGINX_EXPORTER}",
            {},
        ),
        (
            "postgres-exporter",
            f"prometheus-postgres-exporter --web.listen-address=127.0.0.1:{port + POSTGRES_EXPORTER}",
            {"DATA_SOURCE_NAME": f"{database_url}{separator}sslmode=disable"},
        ),
        (
            "redis-exporter",
            f"prometheus-redis-exporter -redis.addr={redis_server} "
            f"-web.listen-address=127.0.0.1:{port + REDIS_EXPORTER}",
            {},
        ),
        (
            "exporter",
            f"{python} manage.py metrics_exporter --port {port + STATE_EXPORTER}",
            {"REPLICA_NAME": "exporter"},
        ),
    ]


def prometheus_get(port: int, path: str, timeout: float = 3.0) -> Any:
    """JSON from Prometheus's HTTP API (None if it does not answer)."""
    url = f"http://127.0.0.1:{port + PROMETHEUS}{path}"
    try:
        with urllib.request.urlopen(url, timeout=timeout) as resp:
            return json.loads(resp.read())
    except (urllib.error.URLError, OSError, ValueError):
        return None


def health_rows(port: int) -> list[tuple[str, bool, str]]:
    """`make health`: Prometheus and its targets; the alerts firing (critical ones fail the check)."""
    targets = prometheus_get(port, "/api/v1/targets?state=active")
    if not targets:
        return [("prometheus", False, f"127.0.0.1:{port + PROMETHEUS} no answer"), ("alerts", False, "unknown")]
    active = targets["data"]["activeTargets"]
    down = sorted(f"{t['labels'].get('job')}/{t['labels'].get('instance')}" for t in active if t["health"] != "up")
    detail = f"http://127.0.0.1:{port + PROMETHEUS}  {len(active) - len(down)}/{len(active)} targets up"
    rows = [("prometheus", True, detail + (f"; down: {', '.join(down)}" if down else ""))]
    alerts = (prometheus_get(port, "/api/v1/alerts") or {}).get("data", {}).get("alerts", [])
    firing = [a for a in alerts if a.get("state") == "firing"]
    critical = [a for a in firing if a["labels"].get("severity") == "critical"]
    names = ", ".join(sorted({f"{a['labels']['alertname']} ({a['labels'].get('severity', '-')})" for a in firing}))
    pending = sum(1 for a in alerts if a.get("state") == "pending")
    rows.append(("alerts", not critical, f"firing: {names or 'none'}; pending: {pending}"))
    return rows
