"""Health checks of the parts a replica depends on."""

from django.conf import settings
from django.core.cache import cache
from django.db import connection


def database_check() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return "ok"


def redis_check() -> str:
    if not settings.REDIS_URL:
        return "ok (in-process cache)"
    cache.set("health:ping", "pong", timeout=10)
    if cache.get("health:ping") != "pong":
        raise RuntimeError("cache did not return the value written")
    return "ok"


def celery_check() -> str:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return "ok (eager)"
    from config.celery import app

    replies = app.control.ping(timeout=1.0)
    if not replies:
        raise RuntimeError("no worker answered")
    return f"ok ({len(replies)} workers)"


CHECKS = {"database": database_check, "redis": redis_check, "celery": celery_check}


def readiness() -> tuple[bool, dict[str, str]]:
    results: dict[str, str] = {}
    healthy = True
    for name, check in CHECKS.items():
        try:
            results[name] = check()
        except Exception as exc:  # noqa: BLE001 - any failure means "not ready"
            healthy = False
            results[name] = f"down: {exc.__class__.__name__}: {exc}"[:200]
    return healthy, results
