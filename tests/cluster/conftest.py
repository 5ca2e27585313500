"""The native cluster under test: started once per session on free loopback ports, in a
temporary state directory, with its own PostgreSQL database and Redis databases, and torn
down (processes stopped, database dropped, state removed) at the end.

Traffic goes only to 127.0.0.1. Every test speaks from its own loopback source addresses
(127.0.x.y), so the per-client rate limits of one test never spill into another.

Settings (environment):
    CLUSTER_TEST_REDIS_BROKER_DB / CLUSTER_TEST_REDIS_CACHE_DB   default 13 / 14 (flushed)
    CLUSTER_TEST_KEEP=1   leave the cluster running after the tests (debugging)

The cluster runs with its monitoring (Prometheus, Alertmanager, exporters: `make
monitoring-install`), a 2 s scrape and evaluation interval, and the test-only fault route.
"""

from __future__ import annotations

import importlib.util
import itertools
import json
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

from .client import Client

ROOT = Path(__file__).resolve().parents[2]
CLUSTER_PY = ROOT / "deploy" / "native" / "cluster.py"
VENV = Path(os.environ.get("VENV", ROOT / ".venv"))


def _load_cluster_module():
    spec = importlib.util.spec_from_file_location("native_cluster", CLUSTER_PY)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _free_base_port() -> int:
    """A base port P with P..P+99 all free (listeners, backends, monitoring, metrics)."""
    return _load_cluster_module().free_port_range()


_octets = itertools.count(1)


def micro_cache_expired() -> None:
    """Wait until nothing nginx kept before this call can be answered any more: an anonymous
    read (the API's micro-cache, the pages') is kept to the end of the second it was made in
    (`X-Accel-Expires: @<that second>`), so from the next whole second on it is a miss. A test
    that stops an upstream and expects nginx's error page calls this after the stop: a page
    rendered just before it is, by design, still answered for up to that second."""
    time.sleep(1.0 - time.time() % 1.0 + 0.05)


def source_ips(n: int) -> list[str]:
    """n fresh loopback source addresses, never handed out twice in a session."""
    block = next(_octets)
    assert block < 250
    return [f"127.0.{block}.{i}" for i in range(1, n + 1)]


class NativeCluster:
    def __init__(self, state: Path, port: int, db_name: str, broker_db: int, cache_db: int) -> None:
        self.state = state
        self.port = port
        self.internal_port = port + 1
        self.db_name = db_name
        self.env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("CLUSTER_", "DJANGO_"))},
            "MODE": "native",
            "VENV": str(VENV),
            "CLUSTER_DIR": str(state),
            "CLUSTER_PORT": str(port),
            "CLUSTER_DB_NAME": db_name,
            "CLUSTER_BROKER_URL": f"redis://127.0.0.1:6379/{broker_db}",
            "CLUSTER_CACHE_URL": f"redis://127.0.0.1:6379/{cache_db}",
            "CLUSTER_BACKENDS": "3",
            "CLUSTER_WORKERS": "2",
            "CLUSTER_FRONTEND": os.environ.get("CLUSTER_FRONTEND", "0"),
            "CLUSTER_MONITORING": "1",
            "CLUSTER_SCRAPE_INTERVAL": "2s",
            "CLUSTER_TEST_FAULTS": "1",
        }
        self.env.pop("MAKEFLAGS", None)
        self.env.pop("MAKELEVEL", None)
        self.url = f"http://127.0.0.1:{port}"
        self.database_url = f"postgres://postgres@127.0.0.1:5432/{db_name}"

    # ---- running commands the way an operator does
    def make(self, *args: str, timeout: float = 300, check: bool = True) -> subprocess.CompletedProcess[str]:
        proc = subprocess.run(
            ["make", "--no-print-directory", "-C", str(ROOT), *args],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if check and proc.returncode != 0:
            raise AssertionError(f"make {' '.join(args)} failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
        return proc

    def ctl(self, *args: str, timeout: float = 300, check: bool = True) -> subprocess.CompletedProcess[str]:
        proc = subprocess.run(
            [shutil.which("python3") or "python3", str(CLUSTER_PY), *args],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if check and proc.returncode != 0:
            raise AssertionError(f"cluster.py {' '.join(args)} failed:\n{proc.stdout}\n{proc.stderr}")
        return proc

    def supervisorctl(self, *args: str) -> str:
        return subprocess.run(
            ["supervisorctl", "-c", str(self.state / "supervisord.conf"), *args],
            capture_output=True,
            text=True,
            timeout=60,
        ).stdout

    def pid(self, program: str) -> int:
        out = self.supervisorctl("pid", program).strip()
        assert out.isdigit() and out != "0", f"{program} has no pid: {out!r}"
        return int(out)

    def nginx_master_pid(self) -> int:
        return int((self.state / "run" / "nginx.pid").read_text().strip())

    def config(self) -> dict:
        return json.loads((self.state / "cluster.json").read_text())

    def sql(self, query: str, database: str | None = None) -> str:
        url = self.database_url if database is None else f"postgres://postgres@127.0.0.1:5432/{database}"
        return subprocess.run(
            ["psql", url, "-v", "ON_ERROR_STOP=1", "-tAc", query],
            check=True,
            capture_output=True,
            text=True,
            timeout=60,
        ).stdout.strip()

    def log_lines(self, pattern: str) -> list[dict]:
        """The JSON log lines of the programs whose logs match `pattern` (e.g. "backend-*")."""
        lines = []
        for path in sorted((self.state / "logs").glob(f"{pattern}.log")):
            for line in path.read_text(errors="replace").splitlines():
                if line.startswith("{"):
                    lines.append(json.loads(line))
        return lines

    def client(self, source_ip: str | None = None, port: int | None = None, timeout: float = 30.0) -> Client:
        return Client("127.0.0.1", port or self.port, source_ip=source_ip, timeout=timeout)

    def wait_replicas(self, n: int, timeout: float = 60) -> set[str]:
        """Until n distinct replicas answered /api/health/ through nginx."""
        seen: set[str] = set()
        deadline = time.monotonic() + timeout
        ips = itertools.cycle(source_ips(8))
        while time.monotonic() < deadline and len(seen) < n:
            r = self.client(next(ips)).get("/api/health/")
            if r.status == 200:
                seen.add(r.headers.get("x-replica", ""))
            else:
                time.sleep(0.2)
        return seen


@pytest.fixture(scope="session")
def cluster():
    for tool in ("nginx", "supervisord", "psql", "pg_dump"):
        if not (shutil.which(tool) or Path("/usr/sbin", tool).exists()):
            pytest.fail(f"{tool} missing: run `make cluster-install`")
    broker_db = int(os.environ.get("CLUSTER_TEST_REDIS_BROKER_DB", "13"))
    cache_db = int(os.environ.get("CLUSTER_TEST_REDIS_CACHE_DB", "14"))
    for db in (broker_db, cache_db):
        subprocess.run(["redis-cli", "-n", str(db), "FLUSHDB"], check=True, capture_output=True)
    state = Path(tempfile.mkdtemp(prefix="mutiroes-ct-"))
    db_name = f"mutiroes_ct_{os.getpid()}"
    c = NativeCluster(state, _free_base_port(), db_name, broker_db, cache_db)
    try:
        c.make("up", timeout=300)
        yield c
    finally:
        if os.environ.get("CLUSTER_TEST_KEEP") == "1":
            print(f"\ncluster kept running: CLUSTER_DIR={state} CLUSTER_PORT={c.port}")
        else:
            c.ctl("destroy", check=False, timeout=120)
            shutil.rmtree(state, ignore_errors=True)


@pytest.fixture
def frontend(cluster):
    """A client of the public listener once the Next server answers (skips when it is not deployed)."""
    if not (cluster.state / "frontend" / "server.js").exists():
        pytest.skip("frontend not deployed in the test cluster (CLUSTER_FRONTEND=1 and a standalone build)")
    c = cluster.client(source_ips(1)[0])
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if c.get("/").status == 200:
            return c
        time.sleep(1)
    pytest.fail("the Next server did not answer 200 on / through nginx in 90 s")
