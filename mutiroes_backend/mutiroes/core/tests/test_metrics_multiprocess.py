"""A real Gunicorn with two worker processes and prometheus-client's multiprocess mode
(gunicorn.conf.py): the master empties the metrics directory when it starts, serves the sum of its
workers' counters on METRICS_PORT, and a killed worker's counts are still in the sum. And its
drain delay (Swarm): after SIGTERM it keeps serving new connections before it stops."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

BACKEND_DIR = Path(__file__).resolve().parents[3]
pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str) -> tuple[int, str]:
    assert url.startswith("http://127.0.0.1:")
    with urllib.request.urlopen(url, timeout=10) as resp:  # noqa: S310 - loopback only
        return resp.status, resp.read().decode()


def wait_for(predicate, what: str, timeout: float = 60):
    deadline = time.monotonic() + timeout
    while True:
        try:
            result = predicate()
        except OSError:
            result = None
        if result:
            return result
        assert time.monotonic() < deadline, f"never: {what}"
        time.sleep(0.2)


def health_count(metrics_port: int) -> float:
    _, body = get(f"http://127.0.0.1:{metrics_port}/metrics")
    for line in body.splitlines():
        if line.startswith("mutiroes_http_requests_total{") and 'route="api/health/"' in line:
            return float(line.rsplit(" ", 1)[1])
    return 0.0


def worker_pids(master: int) -> set[int]:
    """The master's children, from /proc (field 4 of /proc/PID/stat is the parent's pid)."""
    children = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # the process ended meanwhile
            continue
        if int(fields[1]) == master:
            children.add(int(stat.parent.name))
    return children


@pytest.fixture
def gunicorn(tmp_path, request):
    metrics_dir = tmp_path / "metrics"
    metrics_dir.mkdir()
    (metrics_dir / "counter_424242.db").write_bytes(b"left by a dead process")
    port, metrics_port = free_port(), free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "PROMETHEUS_MULTIPROC_DIR": str(metrics_dir),
        "METRICS_PORT": str(metrics_port),
        "REPLICA_NAME": "backend-test",
        **getattr(request, "param", {}),
    }
    log = (tmp_path / "gunicorn.log").open("w")
    process = subprocess.Popen(  # noqa: S603 - our interpreter, fixed arguments
        [
            *(sys.executable, "-m", "gunicorn", "config.wsgi:application", "--bind", f"127.0.0.1:{port}"),
            *("--workers", "2", "--threads", "2", "--no-control-socket"),
        ],
        cwd=BACKEND_DIR,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        wait_for(lambda: len(worker_pids(process.pid)) == 2, "two workers")
        wait_for(lambda: get(f"http://127.0.0.1:{port}/api/health/")[0] == 200, "the app answering")
        yield process, port, metrics_port, metrics_dir
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)
        log.close()


def test_the_master_sums_its_workers_and_keeps_a_killed_worker_s_counts(gunicorn):
    process, port, metrics_port, metrics_dir = gunicorn
    assert not (metrics_dir / "counter_424242.db").exists()  # emptied when the master started
    base = health_count(metrics_port)  # the start-up probe's requests
    for _ in range(20):
        assert get(f"http://127.0.0.1:{port}/api/health/")[0] == 200
    assert health_count(metrics_port) == base + 20

    victim = sorted(worker_pids(process.pid))[0]
    os.kill(victim, signal.SIGKILL)
    wait_for(lambda: victim not in worker_pids(process.pid) and len(worker_pids(process.pid)) == 2, "a new worker")
    for _ in range(5):
        assert get(f"http://127.0.0.1:{port}/api/health/")[0] == 200
    assert health_count(metrics_port) == base + 25
    # each process that counted wrote its own file; the master sums them all
    assert len(list(metrics_dir.glob("counter_*.db"))) >= 2


@pytest.mark.parametrize("gunicorn", [{"GUNICORN_DRAIN_SECONDS": "10"}], indirect=True)
def test_with_a_drain_delay_it_serves_new_connections_after_sigterm_then_stops(gunicorn, tmp_path):
    process, port, _, _ = gunicorn
    process.send_signal(signal.SIGTERM)
    # Swarm removed the task from the DNS, nginx may still open connections to it: served
    for _ in range(3):
        assert get(f"http://127.0.0.1:{port}/api/health/")[0] == 200
    assert process.wait(timeout=60) == 0  # then Gunicorn's graceful stop
    assert "SIGTERM: serving 10 s more" in (tmp_path / "gunicorn.log").read_text()
