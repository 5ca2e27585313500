"""`make scale-backends`, `make scale-workers`, `make restart-backends`, `make health`:
the operator's commands, run as the operator runs them."""

from __future__ import annotations

import time

from .client import Load
from .conftest import source_ips


def test_scale_backends_to_five_and_back_without_restarting_nginx(cluster):
    nginx_pid = cluster.nginx_master_pid()
    cluster.make("scale-backends", "N=5")
    assert cluster.wait_replicas(5, timeout=30) == {f"backend-{i}" for i in range(1, 6)}
    assert cluster.nginx_master_pid() == nginx_pid

    cluster.make("scale-backends", "N=3")
    time.sleep(1)
    seen = set()
    ips = source_ips(4)
    for i in range(40):
        r = cluster.client(ips[i % 4]).get("/api/health/")
        assert r.status == 200
        seen.add(r.headers["x-replica"])
    assert seen == {"backend-1", "backend-2", "backend-3"}
    assert cluster.nginx_master_pid() == nginx_pid
    assert "backend-4" not in cluster.supervisorctl("status")


def test_rolling_restart_under_load_fails_no_get(cluster):
    before = {f"backend-{i}": cluster.pid(f"backend-{i}") for i in range(1, 4)}
    paths = ["/api/health/", "/api/events/", "/api/categories/"]
    with Load(cluster.port, paths, source_ips(32), threads=4, max_requests=40000, max_seconds=240) as load:
        time.sleep(1)
        out = cluster.make("restart-backends", timeout=240).stdout
        time.sleep(1)
        result = load.stop()
    assert result.total >= 300, result.summary()
    assert result.failed == 0, result.summary()
    after = {name: cluster.pid(name) for name in before}
    assert all(after[n] != before[n] for n in before), (before, after, out)
    assert set(result.replicas) == set(before), result.summary()


def test_scale_workers(cluster):
    cluster.make("scale-workers", "N=3")
    try:
        deadline = time.monotonic() + 60
        while True:
            health = cluster.make("health", check=False)
            if "worker-3" in health.stdout and health.returncode == 0:
                break
            assert time.monotonic() < deadline, health.stdout
            time.sleep(2)
    finally:
        cluster.make("scale-workers", "N=2")
    assert "worker-3" not in cluster.supervisorctl("status")


def test_health_table_and_exit_code(cluster):
    ok = cluster.make("health", check=False)
    assert ok.returncode == 0, ok.stdout
    for part in (
        "nginx",
        "backend-1",
        "backend-2",
        "backend-3",
        "postgres",
        "redis broker",
        "redis cache",
        "worker-1",
        "worker-2",
        "beat",
        "frontend",
        "readiness",
        "prometheus",
        "alerts",
    ):
        assert any(line.startswith(part) and " up " in line for line in ok.stdout.splitlines()), (part, ok.stdout)
    cluster.supervisorctl("stop", "beat")
    try:
        down = cluster.make("health", check=False)
        assert down.returncode != 0
        assert any(line.startswith("beat") and "DOWN" in line for line in down.stdout.splitlines()), down.stdout
    finally:
        cluster.supervisorctl("start", "beat")
