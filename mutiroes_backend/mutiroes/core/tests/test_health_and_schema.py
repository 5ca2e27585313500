import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from mutiroes.core.health import readiness_forget

BACKEND = Path(__file__).resolve().parents[3]


@pytest.fixture(autouse=True)
def _fresh_readiness():
    readiness_forget()
    yield
    readiness_forget()


def test_health_names_the_replica(api, settings):
    settings.REPLICA_NAME = "backend-7"
    response = api.get("/api/health/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "replica": "backend-7"}
    assert response["X-Replica"] == "backend-7"
    assert len(response["X-Request-ID"]) == 32


def test_request_id_is_passed_through(api):
    response = api.get("/api/health/", HTTP_X_REQUEST_ID="abc-123")
    assert response["X-Request-ID"] == "abc-123"
    forged = api.get("/api/health/", HTTP_X_REQUEST_ID="bad id\nwith newline")
    assert forged["X-Request-ID"] != "bad id\nwith newline"


@pytest.mark.django_db
def test_ready_when_database_and_redis_answer(api, settings):
    response = api.get("/api/health/ready/")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"] == "ok"
    assert body["checks"]["redis"] == "ok"


@pytest.mark.django_db
def test_ready_names_the_part_that_is_down(api, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    from django.core.cache import caches

    caches._settings = None  # reload from the new settings
    try:
        response = api.get("/api/health/ready/")
    finally:
        caches._settings = None
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["checks"]["database"] == "ok"
    # named, but no exception text (addresses, versions) for whoever asks
    assert body["checks"]["redis"] == "down"


@pytest.mark.django_db
def test_a_flood_of_readiness_probes_runs_the_checks_once_with_a_bounded_ping(api, settings, monkeypatch):
    """~40 probes a second used to run a 1 s Celery ping each and hold every Gunicorn thread."""
    from config.celery import app

    settings.CELERY_TASK_ALWAYS_EAGER = False
    pings: list[dict] = []

    def ping(**kwargs):
        pings.append(kwargs)
        return [{"celery@worker-1": {"ok": "pong"}}]

    monkeypatch.setattr(app.control, "ping", ping)
    answers = [api.get("/api/health/ready/") for _ in range(40)]
    assert {r.status_code for r in answers} == {200}
    assert answers[-1].json()["checks"] == {"database": "ok", "redis": "ok", "celery": "ok"}
    assert len(pings) == 1, pings
    assert pings[0]["limit"] == 1 and pings[0]["timeout"] <= 0.5


@pytest.mark.django_db
def test_readiness_never_echoes_exception_text(api, settings, monkeypatch):
    from config.celery import app

    settings.CELERY_TASK_ALWAYS_EAGER = False

    def ping(**kwargs):
        raise ConnectionError("Error 111 connecting to redis-broker:6379 with password hunter2")

    monkeypatch.setattr(app.control, "ping", ping)
    response = api.get("/api/health/ready/")
    assert response.status_code == 503
    assert response.json()["checks"]["celery"] == "down"
    assert b"redis-broker" not in response.content and b"111" not in response.content


def test_schema_and_docs(api):
    schema = api.get("/api/schema/?format=json")
    assert schema.status_code == 200
    paths = schema.json()["paths"]
    for path in [
        "/api/auth/register/",
        "/api/auth/token/",
        "/api/auth/token/refresh/",
        "/api/auth/logout/",
        "/api/users/me/",
        "/api/events/",
        "/api/events/{event_id}/join/",
        "/api/events/{event_id}/participants/",
        "/api/events/{event_id}/calendar.ics",
        "/api/notifications/",
    ]:
        assert path in paths, path
    join = paths["/api/events/{event_id}/join/"]["post"]["responses"]
    assert {"201", "400", "401", "404", "409"} <= set(join)
    docs = api.get("/api/docs/")
    assert docs.status_code == 200
    # Swagger UI comes from our own static files, never from a CDN. (Not `b"cdn" not in content`:
    # the page carries a random 64-character CSRF token, which spells "cdn" in about 1 of 500 runs.)
    sources = re.findall(rb'(?:src|href)="([^"]+)"', docs.content)
    assert sources
    assert [s for s in sources if not s.startswith(b"/static/")] == [b"/api/docs/?script="]
    # no inline script (the page's CSP allows none): every <script> loads a same-origin file, and
    # the one that boots Swagger UI is served as JavaScript, pointing at the schema
    scripts = re.findall(rb"<script([^>]*)>(.*?)</script>", docs.content, flags=re.S)
    assert len(scripts) == 3 and all(b"src=" in attrs and not body.strip() for attrs, body in scripts)
    init = api.get("/api/docs/?script=")
    assert init.status_code == 200
    assert init["Content-Type"].startswith("application/javascript")
    assert b"SwaggerUIBundle(" in init.content and b'"/api/schema/' in init.content


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    env = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "config.settings.base",
        "DJANGO_SECRET_KEY": "a-long-random-production-secret-" + "x7Q9" * 10,
        "DJANGO_ALLOWED_HOSTS": "mutiroes.org.br",
        "DATABASE_URL": os.environ.get("TEST_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/mutiroes"),
        "REDIS_URL": "redis://127.0.0.1:6379/14",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BACKEND,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def run_check(**variables: str) -> subprocess.CompletedProcess:
    env = {"PATH": os.environ["PATH"], "DJANGO_SETTINGS_MODULE": "config.settings.base", **variables}
    return subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=BACKEND, env=env, capture_output=True, text=True, timeout=120
    )


def test_production_refuses_to_start_without_secret_key():
    result = run_check()
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


@pytest.mark.parametrize(
    ("variables", "message"),
    [
        # The .env.example value: with it anyone could sign an admin JWT.
        ({"DJANGO_SECRET_KEY": "change-me"}, "DJANGO_SECRET_KEY is a placeholder"),
        ({"DJANGO_SECRET_KEY": "django-insecure-" + "k" * 50}, "DJANGO_SECRET_KEY is a placeholder"),
        ({"DJANGO_SECRET_KEY": "short-but-random-Zq81"}, "DJANGO_SECRET_KEY must be at least 50"),
        ({"DJANGO_SECRET_KEY": "ab" * 40}, "DJANGO_SECRET_KEY must be at least 50"),
        (
            {
                "DJANGO_SECRET_KEY": "a-long-random-production-secret-" + "x7Q9" * 10,
                "DJANGO_JWT_SIGNING_KEY": "change-me",
            },
            "DJANGO_JWT_SIGNING_KEY is a placeholder",
        ),
    ],
)
def test_production_refuses_placeholder_and_short_secrets(variables, message):
    result = run_check(**variables)
    assert result.returncode != 0
    assert message in result.stderr


def test_debug_accepts_the_development_key():
    result = run_check(DJANGO_DEBUG="1", DJANGO_SECRET_KEY="change-me")
    assert result.returncode == 0, result.stderr


@pytest.mark.django_db
def test_database_unavailable_is_a_fast_503(api, monkeypatch):
    from django.db import OperationalError

    from mutiroes.events import selectors

    def down(**kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(selectors, "event_get_visible", down)
    response = api.get("/api/events/1/")
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert response.json()["code"] == "unavailable"


def test_the_schema_is_generated_once_per_language_whatever_the_query(api, monkeypatch):
    """It was generated on every request (a large part of a second of CPU, for anyone)."""
    from drf_spectacular.generators import SchemaGenerator

    from mutiroes.core.views import SchemaView

    monkeypatch.setattr(SchemaView, "_rendered", {})
    generated = []
    original = SchemaGenerator.get_schema

    def counting(self, *args, **kwargs):
        generated.append(1)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(SchemaGenerator, "get_schema", counting)
    answers = [api.get(f"/api/schema/?format=json&nonce={i}") for i in range(5)]
    answers += [api.get("/api/schema/?format=json&lang=zz-unknown"), api.get("/api/schema/")]
    answers += [api.get("/api/schema/?format=json", HTTP_ACCEPT_LANGUAGE="en") for _ in range(3)]
    assert {r.status_code for r in answers} == {200}
    assert len(generated) == 3  # pt-BR JSON, pt-BR YAML, English JSON
    assert answers[0].json() == answers[4].json()
    assert answers[0].json()["paths"].keys() == answers[-1].json()["paths"].keys()
