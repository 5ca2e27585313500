"""The stack on a single-node swarm: it converges, nginx balances over the replicas, secrets are
Swarm secrets, a rolling update of the backend image loses no request, `docker service scale`."""

from __future__ import annotations

from cluster.client import Load
from compose.conftest import run, wait_until

from .conftest import ROLLED, STACK, Swarm

GET_PATHS = ["/api/health/", "/api/events/", "/api/categories/"]
# below the per-client limits: all test traffic comes from one address
LOAD = {"threads": 4, "pause": 0.1, "max_requests": 30000}


def replicas_seen(swarm: Swarm, wanted: int, *, seconds: float = 60) -> set[str]:
    seen: set[str] = set()
    c = swarm.client()

    def one_more() -> bool:
        r = c.get("/api/health/")
        assert r.status == 200, (r.status, r.error, r.body[:200])
        seen.add(r.headers["x-replica"])
        return len(seen) >= wanted

    wait_until(one_more, seconds, interval=0)
    return seen


def test_the_stack_converges_with_every_replica_healthy(swarm: Swarm):
    expected = {"nginx": 1, "backend": 3, "celery-worker": 2, "celery-beat": 1, "frontend": 1, "postgres": 1}
    for name, count in expected.items():
        containers = swarm.running_containers(name)
        assert len(containers) == count, name
        assert all(c["State"]["Health"]["Status"] == "healthy" for c in containers), name
    r = swarm.client().get("/api/health/ready/")
    assert r.status == 200, (r.status, r.body[:300])


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
    images = {c["Config"]["Image"] for c in swarm.running_containers("backend")}
    assert images == {ROLLED}
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
