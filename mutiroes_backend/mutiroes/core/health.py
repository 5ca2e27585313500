"""Health checks of the parts a replica depends on."""

import logging
import threading
import time

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

    # The first answer is enough: `limit=1` returns as soon as one worker replies, and the
    # timeout bounds the wait when none does.
    replies = app.control.ping(timeout=CELERY_PING_TIMEOUT_SECONDS, limit=1)
    if not replies:
        raise RuntimeError("no worker answered")
    return "ok"


CHECKS = {"database": database_check, "redis": redis_check, "celery": celery_check}


# A probe asks every few seconds; a flood of probes runs the checks once per period per process.
READINESS_TTL_SECONDS = 3.0
CELERY_PING_TIMEOUT_SECONDS = 0.5

logger = logging.getLogger(__name__)
_readiness_lock = threading.Lock()
_readiness_last: tuple[float, bool, dict[str, str]] | None = None


def readiness_checks_run() -> tuple[bool, dict[str, str]]:
    results: dict[str, str] = {}
    healthy = True
    for name, check in CHECKS.items():
        try:
            results[name] = check()
        except Exception:  # any failure means "not ready"; the reason goes to the log, never to the client
            logger.warning("readiness check %s failed", name, exc_info=True)
            healthy = False
            results[name] = "down"
    return healthy, results


def readiness() -> tuple[bool, dict[str, str]]:
    """The checks' result, at most READINESS_TTL_SECONDS old; one thread per process runs them."""
    global _readiness_last
    with _readiness_lock:
        if _readiness_last is not None and time.monotonic() - _readiness_last[0] < READINESS_TTL_SECONDS:
            return _readiness_last[1], dict(_readiness_last[2])
        healthy, results = readiness_checks_run()
        _readiness_last = (time.monotonic(), healthy, results)
        return healthy, dict(results)


def readiness_forget() -> None:
    """Drop the remembered result (tests, and after a configuration change)."""
    global _readiness_last
    with _readiness_lock:
        _readiness_last = None
