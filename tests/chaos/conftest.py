"""A native cluster whose PostgreSQL and Redis belong to these tests alone, so they can be
stopped, restarted and starved without touching the machine's services (other engineers'
tests run against those).

    throwaway PostgreSQL 15  initdb'd as the postgres user into /tmp, trust auth, a free port
    throwaway redis-server   --save '' on a free port (broker in db 0, cache in db 1)
    native cluster           tests/cluster's NativeCluster, pointed at the two above

Everything is stopped and removed at the end of the session. Traffic only goes to 127.0.0.1.
Reuses tests/cluster (NativeCluster, source_ips, the Client and the API helpers) unchanged.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
# After tests/: deploy/native/cluster.py is a module that must not shadow the tests/cluster package.
sys.path.append(str(Path(__file__).resolve().parents[2] / "deploy" / "native"))

from cluster.conftest import NativeCluster, _free_base_port, source_ips
from waiting import free_port, wait_until

__all__ = ["PgServer", "RedisServer", "source_ips"]

PG_BIN = Path(os.environ.get("CHAOS_PG_BIN", "/usr/lib/postgresql/15/bin"))


class RedisServer:
    """A redis-server of our own: no persistence, stoppable at will."""

    def __init__(self, workdir: Path) -> None:
        self.port = free_port()
        self.workdir = workdir
        self.proc: subprocess.Popen[bytes] | None = None

    def url(self, db: int) -> str:
        return f"redis://127.0.0.1:{self.port}/{db}"

    def ping(self) -> bool:
        r = subprocess.run(
            ["redis-cli", "-h", "127.0.0.1", "-p", str(self.port), "ping"], capture_output=True, text=True, timeout=10
        )
        return r.stdout.strip() == "PONG"

    def start(self) -> None:
        assert self.port != 6379, "never the machine's Redis"
        self.proc = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.workdir),
                "--maxmemory-policy",
                "noeviction",
                "--logfile",
                str(self.workdir / "redis.log"),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        if not wait_until(self.ping, 20):
            raise RuntimeError(f"throwaway redis on {self.port} did not start")

    def stop(self) -> None:
        if self.proc is None:
            return
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=10)
        self.proc = None


class PgServer:
    """A PostgreSQL cluster of our own (initdb as the postgres user, trust auth, loopback only)."""

    def __init__(self) -> None:
        self.port = free_port()
        self.datadir = Path(tempfile.mkdtemp(prefix="mutiroes-chaos-pg-"))
        shutil.chown(self.datadir, "postgres", "postgres")
        self.url = f"postgres://postgres@127.0.0.1:{self.port}"

    def _as_postgres(self, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["runuser", "-u", "postgres", "--", *args], capture_output=True, text=True, timeout=timeout, cwd="/tmp"
        )

    def init(self) -> None:
        r = self._as_postgres(
            str(PG_BIN / "initdb"),
            "-D",
            str(self.datadir),
            "--auth=trust",
            "-U",
            "postgres",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
        )
        if r.returncode != 0:
            raise RuntimeError(f"initdb failed: {r.stdout}{r.stderr}")

    def pg_ctl(self, action: str, *extra: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
        options = (
            f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.datadir} -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
        )
        return self._as_postgres(
            str(PG_BIN / "pg_ctl"),
            "-D",
            str(self.datadir),
            "-l",
            str(self.datadir / "log"),
            "-o",
            options,
            "-w",
            "-t",
            str(int(timeout)),
            *extra,
            action,
            timeout=timeout + 10,
        )

    def ready(self) -> bool:
        return subprocess.run(["pg_isready", "-q", "-h", "127.0.0.1", "-p", str(self.port)], timeout=10).returncode == 0

    def start(self) -> None:
        r = self.pg_ctl("start")
        if r.returncode != 0 or not wait_until(self.ready, 30):
            raise RuntimeError(f"throwaway PostgreSQL did not start: {r.stdout}{r.stderr}")

    def stop(self, mode: str = "fast") -> None:
        self.pg_ctl("stop", "-m", mode)

    def remove(self) -> None:
        if (self.datadir / "postmaster.pid").exists():
            self.stop("immediate")
        shutil.rmtree(self.datadir, ignore_errors=True)


@pytest.fixture(scope="session")
def chaos_services():
    """The throwaway PostgreSQL and Redis (yielded as a pair), removed at the end."""
    for tool in ("nginx", "supervisord", "psql", "redis-server", "runuser"):
        if not (shutil.which(tool) or Path("/usr/sbin", tool).exists()):
            pytest.fail(f"{tool} missing: run `make cluster-install`")
    if not (PG_BIN / "initdb").exists():
        pytest.fail(f"no PostgreSQL server binaries in {PG_BIN} (set CHAOS_PG_BIN)")
    workdir = Path(tempfile.mkdtemp(prefix="mutiroes-chaos-redis-"))
    pg, redis = PgServer(), RedisServer(workdir)
    try:
        pg.init()
        pg.start()
        redis.start()
        yield pg, redis
    finally:
        redis.stop()
        pg.remove()
        shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture(scope="session")
def chaos_cluster(chaos_services):
    """tests/cluster's native cluster, on the throwaway PostgreSQL and Redis."""
    pg, redis = chaos_services
    state = Path(tempfile.mkdtemp(prefix="mutiroes-chaos-"))
    c = NativeCluster(state, _free_base_port(), "mutiroes_chaos", 0, 1)
    c.env.update(
        {
            "CLUSTER_PG": pg.url,
            "CLUSTER_BROKER_URL": redis.url(0),
            "CLUSTER_CACHE_URL": redis.url(1),
            # The outbox sweep, fast enough to observe within a test (production: 60 s / 120 s).
            "NOTIFICATIONS_SWEEP_INTERVAL_SECONDS": "5",
            "NOTIFICATIONS_SWEEP_AFTER_SECONDS": "10",
            # The faults here are measured without Prometheus's load (tests/cluster covers it).
            "CLUSTER_MONITORING": "0",
        }
    )
    c.database_url = f"{pg.url}/mutiroes_chaos"
    c.pg, c.redis = pg, redis  # type: ignore[attr-defined]
    try:
        c.make("up", timeout=300)
        yield c
    finally:
        if os.environ.get("CLUSTER_TEST_KEEP") == "1":
            print(f"\nchaos cluster kept running: CLUSTER_DIR={state} CLUSTER_PORT={c.port}")
        else:
            if not redis.ping():
                redis.start()
            if not pg.ready():
                pg.start()
            c.ctl("destroy", check=False, timeout=120)
            shutil.rmtree(state, ignore_errors=True)
