"""The stack on a single-node swarm: it converges, nginx balances over the replicas, secrets are
Swarm secrets, a rolling update of the backend image loses no request, an update to an image that
never becomes healthy rolls back by itself and loses no request either, `docker service scale`."""

from __future__ import annotations

import os

from cluster.client import Load
from compose.conftest import replicas_seen, run, wait_until

from .conftest import BROKEN, ROLLED, STACK, Swarm

GET_PATHS = ["/api/health/", "/api/events/", "/api/categories/"]
# below the per-client limits: all test traffic comes from one address
LOAD = {"threads": 4, "pause": 0.1, "max_requests": 30000}


def test_the_stack_converges_with_every_replica_healthy(swarm: Swarm):
    expected = {"nginx": 1, "backend": 3, "celery-worker": 2, "celery-beat": 1, "frontend": 1, "postgres": 1}
    for name, count in expected.items():
        containers = swarm.running_containers(name)
        assert len(containers) == count, name
        assert all(c["State"]["Health"]["Status"] == "healthy" for c in containers), name
    # readiness is served on nginx's internal listener only (the public one answers 404)
    assert swarm.client().get("/api/health/ready/").status == 404
    nginx = swarm.running_containers("nginx")[0]["Id"]
    ready = run(["docker", "exec", nginx, "wget", "-q", "-O", "-", "http://127.0.0.1:8081/api/health/ready/"])
    assert '"status": "ok"' in ready.stdout or '"status":"ok"' in ready.stdout, ready.stdout


def test_secrets_are_swarm_secrets_not_environment(swarm: Swarm):
    spec = swarm.inspect_service("backend")["Spec"]
    env = dict(item.split("=", 1) for item in spec["TaskTemplate"]["ContainerSpec"]["Env"])
    for variable in ("DJANGO_SECRET_KEY", "DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL"):
        assert variable not in env
        assert env[f"{variable}_FILE"].startswith("/run/secrets/")
    mounted = {s["File"]["Name"] for s in spec["TaskTemplate"]["ContainerSpec"]["Secrets"]}
    assert mounted == {"django_secret_key", "database_url", "redis_url", "celery_broker_url"}
    postgres = swarm.inspect_service("postgres")["Spec"]["TaskTemplate"]["ContainerSpec"]
    assert "POSTGRES_PASSWORD_FILE=/run/secrets/postgres_password" in postgres["Env"]
    assert not any(e.startswith("POSTGRES_PASSWORD=") for e in postgres["Env"])
    # no secret value of .env appears in any service definition
    values = [line.split("=", 1)[1] for line in swarm.env_file.read_text().splitlines() if "PASSWORD=" in line]
    values.append(next(v for v in swarm.env_file.read_text().splitlines() if v.startswith("DJANGO_SECRET_KEY=")))
    services = run(["docker", "service", "ls", "-q", "--filter", f"label=com.docker.stack.namespace={STACK}"])
    specs = run(["docker", "service", "inspect", *services.stdout.split()]).stdout
    assert all(v.split("=", 1)[-1] not in specs for v in values if v.split("=", 1)[-1])


def test_nginx_balances_over_the_three_replicas(swarm: Swarm):
    assert replicas_seen(swarm, 3) == swarm.hostnames("backend")


def test_a_rolling_update_of_the_backend_image_loses_no_request(swarm: Swarm):
    update = swarm.inspect_service("backend")["Spec"]["UpdateConfig"]
    assert update["Order"] == "start-first" and update["FailureAction"] == "rollback"
    run(["docker", "tag", "mutiroes/backend:latest", ROLLED])  # the fixture removes the tag at the end
    with Load(swarm.port, GET_PATHS, ["127.0.0.1"], max_seconds=400, **LOAD) as load:
        run(["docker", "service", "update", "--quiet", "--detach=false", "--image", ROLLED,
             swarm.service("backend")], timeout=400)  # fmt: skip
        # The update completes once the last new task has stayed healthy for `monitor`.
        wait_until(lambda: swarm.inspect_service("backend")["UpdateStatus"]["State"] != "updating", 180, interval=2)
        status = swarm.inspect_service("backend")["UpdateStatus"]
    result = load.stop()
    print(result.summary())
    assert status["State"] == "completed", status
    containers = swarm.containers_once_only("backend", ROLLED)
    assert containers, [c["Config"]["Image"] for c in swarm.running_containers("backend")]
    assert len(containers) == 3
    assert result.total > 100 and result.failed == 0, f"{result.summary()}\n{swarm.nginx_trouble()}"
    assert replicas_seen(swarm, 3) == swarm.hostnames("backend")


# The current image with every Django module that imports mutiroes.core.views broken: Gunicorn
# boots (Django loads the URLconf on the first request), the process stays up, and every request,
# the healthcheck's included, answers 500. A build that passed its tests and is broken anyway.
BROKEN_DOCKERFILE = """FROM {image}
USER root
RUN echo 'raise RuntimeError("a broken build")' >> /app/mutiroes/core/views.py
USER app
"""


def test_a_bad_update_rolls_back_by_itself_and_loses_no_request(swarm: Swarm):
    spec = swarm.inspect_service("backend")["Spec"]
    current = spec["TaskTemplate"]["ContainerSpec"]["Image"].split("@")[0]
    assert spec["UpdateConfig"]["FailureAction"] == "rollback"
    dockerfile = BROKEN_DOCKERFILE.format(image=current)
    run(["docker", "build", "-q", "-t", BROKEN, "-"], input=dockerfile, env={**os.environ, "DOCKER_BUILDKIT": "0"})
    with Load(swarm.port, GET_PATHS, ["127.0.0.1"], max_seconds=400, **LOAD) as load:
        # no --detach=false: the CLI would report the rollback as its own failure
        run(["docker", "service", "update", "--quiet", "--detach", "--image", BROKEN, swarm.service("backend")])
        # the new task never turns healthy (start_period, then `retries` failed checks): the
        # update fails and Swarm rolls the service back to the image it ran
        wait_until(
            lambda: (
                swarm.inspect_service("backend").get("UpdateStatus", {}).get("State")
                in ("rollback_completed", "rollback_paused", "paused")
            ),
            300,
            interval=2,
        )
        status = swarm.inspect_service("backend")["UpdateStatus"]
    result = load.stop()
    print(result.summary(), status)
    assert status["State"] == "rollback_completed", status
    assert swarm.inspect_service("backend")["Spec"]["TaskTemplate"]["ContainerSpec"]["Image"].split("@")[0] == current
    containers = swarm.containers_once_only("backend", current)
    assert containers, [c["Config"]["Image"] for c in swarm.running_containers("backend")]
    assert len(containers) == 3 and all(c["State"]["Health"]["Status"] == "healthy" for c in containers)
    # the broken task was never in the service's DNS (Swarm adds a task once healthy), and with
    # start-first no old task was stopped for it: nginx never sent it a request
    assert result.total > 100 and result.failed == 0, f"{result.summary()}\n{swarm.nginx_trouble()}"
    assert replicas_seen(swarm, 3) == swarm.hostnames("backend")


def test_docker_service_scale(swarm: Swarm):
    run(["docker", "service", "scale", "--detach=false", f"{STACK}_backend=5"], timeout=300)
    assert len(swarm.hostnames("backend")) == 5
    assert replicas_seen(swarm, 5) == swarm.hostnames("backend")
    run(["docker", "service", "scale", "--detach=false", f"{STACK}_backend=3"], timeout=300)
    # the two removed tasks' containers stop after their grace period
    assert wait_until(lambda: len(swarm.hostnames("backend")) == 3, 60, interval=1), swarm.hostnames("backend")
    assert replicas_seen(swarm, 3) == swarm.hostnames("backend")
