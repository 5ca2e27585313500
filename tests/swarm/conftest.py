"""docker-compose.yml as a Swarm stack (`make swarm-up`), on a single-node swarm: initialised
here on 127.0.0.1 if the engine is in none (and left at the end), the stack removed with
`make swarm-down`, its volumes dropped. Traffic goes only to 127.0.0.1 (the routing mesh's port).

Settings (environment):
    SWARM_TEST_STACK   stack name, default mutiroes-ci
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from cluster.client import Client
from compose.conftest import ROOT, VENV, free_port, run, wait_until, write_env

STACK = os.environ.get("SWARM_TEST_STACK", "mutiroes-ci")
ROLLED = "mutiroes/backend:swarm-rolled"  # the image tag the rolling-update test deploys
BROKEN = "mutiroes/backend:swarm-broken"  # an image that never becomes healthy (the rollback test)


class Swarm:
    def __init__(self, port: int, env_file: Path) -> None:
        self.port, self.env_file = port, env_file

    def client(self) -> Client:
        return Client("127.0.0.1", self.port)

    def service(self, name: str) -> str:
        return f"{STACK}_{name}"

    def inspect_service(self, name: str) -> dict:
        return json.loads(run(["docker", "service", "inspect", self.service(name)]).stdout)[0]

    def running_containers(self, name: str) -> list[dict]:
        ids = run(
            ["docker", "ps", "-q", "--filter", f"label=com.docker.swarm.service.name={self.service(name)}"]
        ).stdout.split()
        return [json.loads(run(["docker", "inspect", i]).stdout)[0] for i in ids]

    def containers_once_only(self, name: str, image: str, seconds: float = 60) -> list[dict]:
        """The service's running containers once every one runs `image` (empty if that does not
        happen within `seconds`). Swarm reports an update or a rollback complete while the tasks
        it replaced are still stopping: out of the DNS 2 s before SIGTERM, then the replica's
        drain and Gunicorn's graceful stop, within the service's stop_grace_period."""

        def only() -> list[dict]:
            containers = self.running_containers(name)
            return containers if {c["Config"]["Image"] for c in containers} == {image} else []

        return wait_until(only, seconds, interval=1)

    def nginx_trouble(self) -> str:
        """nginx's log lines about failed requests and upstream errors (for a failure message)."""
        logs = run(["docker", "service", "logs", "--raw", self.service("nginx")], check=False)
        lines = (logs.stdout + logs.stderr).splitlines()
        return "\n".join([line for line in lines if " 200 " not in line and "nginx-health" not in line][-40:])

    def hostnames(self, name: str) -> set[str]:
        return {c["Config"]["Hostname"] for c in self.running_containers(name) if c["State"]["Running"]}


@pytest.fixture(scope="session")
def swarm():
    if run(["docker", "info"], check=False).returncode != 0:
        pytest.fail("no Docker engine answers `docker info` (CI starts one: deploy/docker/ci/engine.sh start)")
    initialised = False
    if run(["docker", "info", "--format", "{{.Swarm.LocalNodeState}}"]).stdout.strip() != "active":
        run(["docker", "swarm", "init", "--advertise-addr", "127.0.0.1", "--listen-addr", "127.0.0.1:2377"])
        initialised = True
    tmp = Path(tempfile.mkdtemp(prefix="mutiroes-swarm-"))
    port = free_port()
    env_file = write_env(tmp, port, email_backend="django.core.mail.backends.locmem.EmailBackend")
    make = ["make", "--no-print-directory", "-C", str(ROOT), f"VENV={VENV}", f"SWARM_STACK={STACK}"]
    try:
        run([*make, "swarm-up", f"ENV_FILE={env_file}"], timeout=1200)
        yield Swarm(port, env_file)
    finally:
        run([*make, "swarm-down"], check=False)
        label = f"label=com.docker.stack.namespace={STACK}"
        volumes = run(["docker", "volume", "ls", "-q", "--filter", label], check=False).stdout.split()
        if volumes:
            run(["docker", "volume", "rm", *volumes], check=False)
        run(["docker", "image", "rm", ROLLED, BROKEN], check=False)
        if initialised:
            run(["docker", "swarm", "leave", "--force"], check=False)
        shutil.rmtree(tmp)
