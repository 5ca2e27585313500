"""The real docker-compose.yml on a Docker engine: built, started, tested as a black box
through nginx's published port (127.0.0.1 only), and removed with `docker compose down -v`.

The images are built from the project's Dockerfiles. In CI the base images are local stand-ins
and the dependencies were built on the host (deploy/docker/ci/build.sh, run by `make
test-compose`); deploy/docker/ci/compose.ci.yml forbids pulls and sends e-mail to files.

Settings (environment):
    COMPOSE_TEST_PROJECT   Compose project name, default mutiroes-ci
    COMPOSE_TEST_KEEP=1    leave the stack running after the tests, and reuse it next time (debugging)
"""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
# after tests/: deploy/native/cluster.py is not the tests' cluster package
sys.path.append(str(Path(__file__).resolve().parents[2] / "deploy" / "native"))

from cluster.client import Client
from waiting import free_port, wait_until

ROOT = Path(__file__).resolve().parents[2]
VENV = Path(os.environ.get("VENV", ROOT / ".venv"))
PROJECT = os.environ.get("COMPOSE_TEST_PROJECT", "mutiroes-ci")


def run(cmd: list[str], *, check: bool = True, timeout: float = 600, **kw) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(cmd, cwd=ROOT, text=True, capture_output=True, timeout=timeout, **kw)
    if check and proc.returncode != 0:
        raise AssertionError(
            f"{shlex.join(cmd)} failed ({proc.returncode}):\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
        )
    return proc


def write_env(directory: Path, port: int, *, email_backend: str) -> Path:
    """A .env with fresh secrets (deploy/docker/make_env.py), nginx on 127.0.0.1:port, and
    e-mail that never leaves the machine."""
    overrides = {
        "HTTP_BIND": "127.0.0.1",
        "HTTP_PORT": str(port),
        "PUBLIC_URL": f"http://127.0.0.1:{port}",
        "DJANGO_CSRF_TRUSTED_ORIGINS": f"http://127.0.0.1:{port}",
        "CELERY_CONCURRENCY": "1",
        "DJANGO_EMAIL_BACKEND": email_backend,
        "EMAIL_HOST": "localhost",
    }
    lines = run([sys.executable, str(ROOT / "deploy/docker/make_env.py")]).stdout.splitlines()
    env = [line for line in lines if line.split("=", 1)[0] not in overrides]
    env += [f"{key}={value}" for key, value in overrides.items()]
    env_file = directory / "env"
    env_file.write_text("\n".join(env) + "\n")
    env_file.chmod(0o600)
    return env_file


def replicas_seen(target, wanted: int, *, seconds: float = 60) -> set[str]:
    """GET /api/health/ through `target.client()` (a Compose stack or a Swarm stack) until
    `wanted` distinct X-Replica values were seen (or time is up)."""
    seen: set[str] = set()
    c = target.client()

    def one_more() -> bool:
        r = c.get("/api/health/")
        assert r.status == 200, (r.status, r.error, r.body[:200])
        seen.add(r.headers["x-replica"])
        return len(seen) >= wanted

    wait_until(one_more, seconds, interval=0)
    return seen


class Stack:
    """One Compose project of docker-compose.yml + the CI override."""

    def __init__(self, env_file: Path, port: int) -> None:
        self.env_file, self.port = env_file, port
        self.compose_cmd = [
            "docker", "compose", "-p", PROJECT, "--env-file", str(env_file),
            "-f", str(ROOT / "docker-compose.yml"), "-f", str(ROOT / "deploy/docker/ci/compose.ci.yml"),
        ]  # fmt: skip

    def compose(self, *args: str, check: bool = True, timeout: float = 600) -> subprocess.CompletedProcess[str]:
        return run([*self.compose_cmd, *args], check=check, timeout=timeout)

    def make(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        """A Makefile command on this stack, exactly as a user runs it (MODE=docker)."""
        return run(
            ["make", "--no-print-directory", "-C", str(ROOT), "MODE=docker", f"VENV={VENV}", *args],
            check=check,
            env={**os.environ, "COMPOSE": shlex.join(self.compose_cmd)},
        )

    def client(self) -> Client:
        return Client("127.0.0.1", self.port)

    def containers(self, service: str | None = None, *, all_states: bool = False) -> list[dict]:
        args = ["ps", "--format", "json", *(["-a"] if all_states else []), *([service] if service else [])]
        out = self.compose(*args).stdout.strip()
        return [json.loads(line) for line in out.splitlines() if line.strip()]

    def ids(self, service: str) -> list[str]:
        return self.compose("ps", "-q", service).stdout.split()

    def inspect(self, container: str) -> dict:
        return json.loads(run(["docker", "inspect", container]).stdout)[0]

    def exec(self, container: str, *cmd: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return run(["docker", "exec", container, *cmd], check=check)

    def sql(self, query: str) -> str:
        return self.compose(
            "exec", "-T", "postgres", "sh", "-c", f'psql -U "$POSTGRES_USER" -d "$POSTGRES_DB" -tA -c "{query}"'
        ).stdout.strip()

    def wait_healthy(self, service: str, count: int, *, seconds: float = 180) -> list[dict]:
        """Wait until `service` has exactly `count` containers, all healthy."""

        def healthy() -> list[dict]:
            rows = [r for r in self.containers(service) if r["State"] == "running"]
            return rows if len(rows) == count and all(r["Health"] == "healthy" for r in rows) else []

        rows = wait_until(healthy, seconds, interval=1)
        if not rows:
            have = [(r["Name"], r["Health"]) for r in self.containers(service)]
            raise AssertionError(f"{service}: wanted {count} healthy, have {have}")
        return rows


def _images_are_local(stack: Stack) -> None:
    """Fail loudly, before `up`, if an image of the default topology would be pulled."""
    images = set(stack.compose("config", "--images").stdout.split())
    missing = [
        i
        for i in sorted(images)
        if not i.startswith("mutiroes/") and run(["docker", "image", "inspect", i], check=False).returncode
    ]
    assert not missing, f"these images would be pulled (no registry here): {missing}; run deploy/docker/ci/build.sh"


@pytest.fixture(scope="session")
def stack():
    if run(["docker", "info"], check=False).returncode != 0:
        pytest.fail("no Docker engine answers `docker info` (CI starts one: deploy/docker/ci/engine.sh start)")
    tmp = Path(tempfile.mkdtemp(prefix="mutiroes-compose-"))
    port = free_port()
    env_file = write_env(tmp, port, email_backend="django.core.mail.backends.filebased.EmailBackend")
    keep = os.environ.get("COMPOSE_TEST_KEEP") == "1"
    if keep and (tmp.parent / f"{PROJECT}.env").exists():  # the stack a previous run kept
        env_file.unlink()
        tmp.rmdir()
        env_file = tmp.parent / f"{PROJECT}.env"
        port = int([v for v in env_file.read_text().split() if v.startswith("HTTP_PORT=")][-1].split("=")[1])
        yield Stack(env_file, port)
        return
    s = Stack(env_file, port)
    s.compose("down", "-v", "--remove-orphans")  # a previous run's leftovers, if any
    _images_are_local(s)
    try:
        s.compose("build", timeout=1200)
        s.compose("up", "-d", "--wait", "--pull", "never", timeout=900)
        yield s
    finally:
        if keep:
            env_file.replace(tmp.parent / f"{PROJECT}.env")
        else:
            s.compose("down", "-v", "--remove-orphans", check=False)
            env_file.unlink()
        tmp.rmdir()
