"""The Compose topology as users run it, tested through nginx's published port only.

The tests run in file order on one stack (tests/compose/conftest.py): each leaves it as it found
it (3 backends, 2 workers, all healthy), and the last one removes it with `down -v`.
"""

from __future__ import annotations

import os
import re
import signal
from collections import Counter
from pathlib import Path

import yaml
from cluster import api
from cluster.client import Load

from .conftest import PROJECT, ROOT, Stack, replicas_seen, run, wait_until

SERVICES = {  # the default topology: service -> containers
    "nginx": 1,
    "backend": 3,
    "celery-worker": 2,
    "celery-beat": 1,
    "frontend": 1,
    "postgres": 1,
    "redis-broker": 1,
    "redis-cache": 1,
}
GET_PATHS = ["/api/health/", "/api/events/", "/api/categories/"]
# All test traffic reaches nginx from one address (Docker's port proxy), so load stays below the
# per-client limits (nginx 100 r/s, Django's anonymous throttle 50 r/s): 4 threads, 0.1 s pauses.
LOAD = {"threads": 4, "pause": 0.1, "max_requests": 20000}
state: dict[str, object] = {}  # what one test hands the next (the organizer, the event)


def hostnames(stack: Stack, service: str) -> set[str]:
    return {stack.inspect(i)["Config"]["Hostname"] for i in stack.ids(service)}


def test_compose_file_every_service_is_limited_checked_restarted_and_unprivileged():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    default = {n: s for n, s in compose["services"].items() if not s.get("profiles")}
    assert set(default) == {*SERVICES, "migrate"}
    for name, svc in default.items():
        limits = svc["deploy"]["resources"]["limits"]
        assert limits["cpus"] and limits["memory"], name
        assert svc["user"] not in ("root", "0", "0:0"), name
        if name == "migrate":  # a job: runs once, the others wait for its success
            assert svc["restart"] == "no"
            continue
        assert svc["restart"] == "unless-stopped", name
        assert svc["healthcheck"]["test"][0] in ("CMD", "CMD-SHELL"), name
    published = {n for n, s in default.items() if s.get("ports")}
    assert published == {"nginx"}


# Monitoring images that are one static binary on an empty image: nothing in them can run a check.
NO_SHELL = {"nginx-exporter": "nginx/nginx-prometheus-exporter", "redis-broker-exporter": "oliver006/redis_exporter",
            "redis-cache-exporter": "oliver006/redis_exporter"}  # fmt: skip


def test_monitoring_services_are_limited_restarted_unprivileged_and_checked_where_they_can_be():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    monitoring = {n: s for n, s in compose["services"].items() if "monitoring" in s.get("profiles", [])}
    assert set(monitoring) >= {"prometheus", "alertmanager", "grafana", "mutiroes-exporter", *NO_SHELL}
    backend_user = compose["x-backend"]["user"]
    for name, svc in monitoring.items():
        limits = svc["deploy"]["resources"]["limits"]
        assert limits["cpus"] and limits["memory"], name
        assert str(svc.get("user", backend_user if name == "mutiroes-exporter" else "")).split(":")[0] not in (
            "", "root", "0",
        ), name  # fmt: skip
        assert svc.get("restart", compose["x-backend"]["restart"]) == "unless-stopped", name
        assert "ports" not in svc or all(str(p).startswith("127.0.0.1:") for p in svc["ports"]), name
        if name in NO_SHELL:
            assert svc["image"].startswith(NO_SHELL[name] + ":") and "healthcheck" not in svc, name
            continue
        test = svc["healthcheck"]["test"]
        assert test[0] in ("CMD", "CMD-SHELL"), name
        # a check of what the service does, not of an open port
        assert any(p in " ".join(test) for p in ("/-/ready", "/api/health", "/metrics")), name
    assert "pg_up 1" in " ".join(monitoring["postgres-exporter"]["healthcheck"]["test"])


def test_every_container_is_up_healthy_and_not_root(stack: Stack):
    rows = stack.containers(all_states=True)
    by_service: dict[str, list[dict]] = {}
    for r in rows:
        by_service.setdefault(r["Service"], []).append(r)
    for service, count in SERVICES.items():
        running = [r for r in by_service.get(service, []) if r["State"] == "running"]
        assert len(running) == count, (service, running)
        assert all(r["Health"] == "healthy" for r in running), (service, [r["Health"] for r in running])
    migrate = by_service["migrate"]
    assert len(migrate) == 1 and migrate[0]["State"] == "exited" and migrate[0]["ExitCode"] == 0
    for r in rows:
        if r["State"] == "running":
            assert stack.exec(r["ID"], "id", "-u").stdout.strip() != "0", r["Name"]
    # nothing but nginx publishes a port, and only on the loopback address
    published = {
        r["Service"]: r["Publishers"] for r in rows if any(p.get("PublishedPort") for p in r["Publishers"] or [])
    }
    assert set(published) == {"nginx"}
    assert {(p["URL"], p["PublishedPort"]) for p in published["nginx"] if p["PublishedPort"]} == {
        ("127.0.0.1", stack.port)
    }


def test_web_pages_render_with_data_from_the_api(stack: Stack):
    c = stack.client()
    organizer = api.register(c, name="Organizadora")
    access = api.token(c, organizer["email"])
    event_id = api.create_event(c, access)
    state.update(organizer=organizer, access=access, event_id=event_id)
    # The Next server renders these pages from the API it reaches at http://nginx:8081.
    page = c.get(f"/eventos/{event_id}")
    assert page.status == 200, (page.status, page.body[:300])
    assert "Limpeza da Praia do Futuro" in page.body.decode()
    listing = c.get("/eventos")
    assert listing.status == 200 and f"/eventos/{event_id}" in listing.body.decode()
    assets = re.findall(r'(/_next/static/[^"\s]+\.(?:js|css))', listing.body.decode())
    assert assets
    asset = c.get(assets[0])
    assert asset.status == 200 and "immutable" in asset.headers.get("cache-control", "")


def _worker_mail(stack: Stack) -> str:
    text = ""
    for cid in stack.ids("celery-worker"):
        proc = stack.exec(cid, "sh", "-c", "cat /tmp/mail/* 2>/dev/null || true")
        text += proc.stdout
    return text


def test_sign_up_join_and_a_worker_sends_the_email(stack: Stack):
    c = stack.client()
    volunteer = api.register(c, name="Iracema")
    access = api.token(c, volunteer["email"])
    event_id = state["event_id"]
    r = c.post(f"/api/events/{event_id}/join/", {}, headers=api.auth(access))
    assert r.status == 201, (r.status, r.body[:300])
    assert r.json()["status"] == "confirmed"  # type: ignore[index]
    mails: list[str] = []

    def both_mails() -> bool:  # the welcome e-mail and the participation e-mail
        mails[:] = [m for m in _worker_mail(stack).split("\n\n-----") if f"To: {volunteer['email']}" in m]
        return len(mails) >= 2

    wait_until(both_mails, 90, interval=1)
    assert any("Limpeza da Praia do Futuro" in m for m in mails), mails
    sent = stack.sql(
        "SELECT count(*) FROM notifications_notification n JOIN users_user u ON u.id = n.user_id "
        f"WHERE u.email = '{volunteer['email']}' AND n.email_status = 'sent'"
    )
    assert int(sent) >= 2


def test_admin_and_static_files(stack: Stack):
    c = stack.client()
    login = c.get("/admin/login/")
    assert login.status == 200 and "csrfmiddlewaretoken" in login.body.decode()
    css = c.get("/static/admin/css/base.css")
    assert css.status == 200 and css.headers["content-type"].startswith("text/css") and len(css.body) > 1000


def test_requests_spread_over_the_three_replicas(stack: Stack):
    c = stack.client()
    responses = [c.get("/api/health/") for _ in range(90)]
    assert [r.status for r in responses] == [200] * 90
    served = Counter(r.headers["x-replica"] for r in responses)
    assert set(served) == hostnames(stack, "backend"), served
    assert min(served.values()) >= 10, served


def test_make_scale_backends_to_five_and_back(stack: Stack):
    stack.make("scale-backends", "N=5")
    stack.wait_healthy("backend", 5)
    assert replicas_seen(stack, 5) == hostnames(stack, "backend")
    stack.make("scale-backends", "N=3")
    stack.wait_healthy("backend", 3)


def test_make_scale_workers_to_four_and_back(stack: Stack):
    stack.make("scale-workers", "N=4")
    rows = stack.wait_healthy("celery-worker", 4)
    ping = stack.exec(rows[0]["ID"], "celery", "-A", "config", "inspect", "ping", "--timeout", "10").stdout
    assert ping.count("pong") == 4, ping
    stack.make("scale-workers", "N=2")
    stack.wait_healthy("celery-worker", 2)


def test_make_restart_backends_loses_no_request(stack: Stack):
    before = {i: stack.inspect(i)["State"]["StartedAt"] for i in stack.ids("backend")}
    with Load(stack.port, GET_PATHS, ["127.0.0.1"], max_seconds=300, **LOAD) as load:
        stack.make("restart-backends")
    result = load.stop()
    print(result.summary())
    after = {i: stack.inspect(i)["State"]["StartedAt"] for i in stack.ids("backend")}
    assert set(after) == set(before) and all(after[i] != before[i] for i in before)
    assert result.total > 100 and result.failed == 0, result.summary()


def test_make_backup_db_then_restore_db(stack: Stack, tmp_path: Path):
    c = stack.client()
    kept = api.create_event(c, state["access"])  # type: ignore[arg-type]
    out = stack.make("backup-db", f"BACKUP_DIR={tmp_path}").stdout
    dumps = list(tmp_path.glob("mutiroes-*.dump"))
    assert len(dumps) == 1 and dumps[0].stat().st_size > 0 and str(dumps[0]) in out
    assert oct(dumps[0].stat().st_mode & 0o777) == "0o600"
    lost = api.create_event(c, state["access"])  # type: ignore[arg-type]
    stack.make("restore-db", f"FILE={dumps[0]}")
    ids = {int(i) for i in stack.sql(f"SELECT id FROM events_event WHERE id IN ({kept}, {lost})").split()}
    assert ids == {kept}
    stack.wait_healthy("backend", 3)
    stack.wait_healthy("celery-worker", 2)
    assert c.get(f"/api/events/{kept}/").status == 200
    assert c.get(f"/api/events/{lost}/").status == 404


def test_make_health_on_docker(stack: Stack):
    ok = stack.make("health")
    rows = {line.split()[0]: line.split()[1] for line in ok.stdout.splitlines()[1:] if line.strip()}
    # the optional monitoring profile is not started here: its row says "off" and counts as fine
    assert {name for name, status in rows.items() if status != "up"} == {"prometheus"}, ok.stdout
    assert rows["prometheus"] == "off", ok.stdout
    assert {"nginx", "postgres", "redis-broker", "redis-cache", "beat", "frontend", "readiness"} <= set(rows)
    assert sum(1 for name in rows if name.startswith("worker@")) == 2
    assert sum(1 for name in rows if "backend" in name) == 3
    stack.compose("stop", "celery-beat")
    try:
        down = stack.make("health", check=False)
        assert down.returncode != 0 and re.search(r"^beat\s+DOWN", down.stdout, re.M), down.stdout
    finally:
        stack.compose("start", "celery-beat")
    stack.wait_healthy("celery-beat", 1)


def wait_for(condition, what: str, load: Load, seconds: float = 120) -> None:
    assert wait_until(condition, seconds, interval=0.5), f"timed out waiting for {what}; {load.result.summary()}"


def test_a_backend_container_killed_under_load(stack: Stack):
    victim = stack.ids("backend")[0]
    info = stack.inspect(victim)
    host = info["Config"]["Hostname"]
    with Load(stack.port, GET_PATHS, ["127.0.0.1"], max_seconds=240, **LOAD) as load:
        wait_for(lambda: load.result.replicas[host] >= 20, "load on the victim", load)
        os.kill(info["State"]["Pid"], signal.SIGKILL)  # the container's main process, from the host

        def restarted() -> bool:
            now = stack.inspect(victim)
            return now["RestartCount"] > info["RestartCount"] and now["State"]["Health"]["Status"] == "healthy"

        wait_for(restarted, "the restart policy to bring the replica back healthy", load)
        served = load.result.replicas[host]
        wait_for(lambda: load.result.replicas[host] >= served + 20, "traffic on the restarted replica", load)
    result = load.stop()
    print(result.summary())
    assert stack.inspect(victim)["RestartCount"] == info["RestartCount"] + 1
    assert result.total > 100 and result.ok / result.total >= 0.995, result.summary()


def test_down_v_leaves_nothing_behind(stack: Stack):
    stack.compose("down", "-v", "--remove-orphans")
    label = f"label=com.docker.compose.project={PROJECT}"
    assert run(["docker", "ps", "-aq", "--filter", label]).stdout.strip() == ""
    assert run(["docker", "volume", "ls", "-q", "--filter", label]).stdout.strip() == ""
    assert run(["docker", "network", "ls", "-q", "--filter", label]).stdout.strip() == ""
    assert stack.client().get("/api/health/").status == 0  # nothing listens on the port any more
