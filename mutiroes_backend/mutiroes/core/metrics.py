"""Prometheus metrics of the Django and Celery processes (prometheus-client).

Every metric of the project is declared here, once. Gunicorn replicas and Celery workers run
several processes, so the client runs in its multiprocess mode: each process writes its values
to files in `PROMETHEUS_MULTIPROC_DIR` (one directory per replica or worker, emptied when it
starts) and the replica's metrics listener sums them (`serve_multiprocess_metrics`, started by
`gunicorn.conf.py` and by the Celery worker). Without that variable (tests, `make dev`) the
values live in the process and `prometheus_client.REGISTRY` has them.

The listener is a port of its own, never routed by nginx (docs/adr/0006-metrics.md). Only
counters and histograms are declared here: gauges of shared state (the outbox, queues,
mutirões published) are read from PostgreSQL and Redis at scrape time by
`mutiroes.monitoring`, so that N replicas do not report N copies.
"""

import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.db import transaction
from prometheus_client import CollectorRegistry, Counter, Histogram, multiprocess, start_http_server

LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)

# ---------------------------------------------------------------- HTTP (backend replicas)
HTTP_REQUESTS = Counter(
    "mutiroes_http_requests",
    "Requests answered by Django, by route template, method and status.",
    ["route", "method", "status"],
)
HTTP_LATENCY = Histogram(
    "mutiroes_http_request_duration_seconds",
    "Time Django took to answer, by route template and method.",
    ["route", "method"],
    buckets=LATENCY_BUCKETS,
)
DB_QUERIES_PER_REQUEST = Histogram(
    "mutiroes_http_request_db_queries",
    "SQL queries one request ran, by route template.",
    ["route"],
    buckets=(0, 1, 2, 3, 5, 8, 13, 21, 34, 55, 100),
)
DB_QUERY_DURATION = Histogram(
    "mutiroes_db_query_duration_seconds",
    "Time of each SQL query run while answering a request.",
    buckets=(0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 5.0),
)
CACHE_REQUESTS = Counter(
    "mutiroes_cache_requests",
    "Reads of the shared cache: hit, miss, or error (Redis unreachable; served as a miss).",
    ["result"],
)
THROTTLED = Counter(
    "mutiroes_throttled_requests",
    "Requests refused by Django's throttles (429), by scope.",
    ["scope"],
)

# ---------------------------------------------------------------- Celery (workers)
TASKS = Counter(
    "mutiroes_celery_tasks",
    "Tasks a worker finished, by task name and state (succeeded, failed, retried).",
    ["task", "state"],
)
TASK_DURATION = Histogram(
    "mutiroes_celery_task_duration_seconds",
    "Run time of tasks, by task name.",
    ["task"],
    buckets=(0.01, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 300.0),
)

# ---------------------------------------------------------------- business
SIGNUPS = Counter("mutiroes_signups", "Accounts created.")
JOINS = Counter("mutiroes_joins", "Sign-ups for a mutirão, by the status they got.", ["status"])
CHECKINS = Counter("mutiroes_checkins", "Participants checked in (by the organizer or themselves).")
EVENTS_PUBLISHED = Counter("mutiroes_events_published", "Mutirões published.")
CERTIFICATE_FAILURES = Counter(
    "mutiroes_certificate_failures", "Certificates of volunteer hours that could not be generated."
)


def count_on_commit(counter: Any) -> None:
    """Count a business fact when (and only if) the transaction that made it commits."""
    transaction.on_commit(counter.inc, robust=True)


# ---------------------------------------------------------------- multiprocess plumbing
def multiprocess_dir() -> Path | None:
    value = os.environ.get("PROMETHEUS_MULTIPROC_DIR", "")
    return Path(value) if value else None


def multiprocess_dir_reset() -> None:
    """Empty this replica's (or worker's) metric files: a restarted process starts from zero
    (Prometheus sees a counter reset), never from a dead process's leftovers."""
    path = multiprocess_dir()
    if path is None:
        return
    path.mkdir(parents=True, exist_ok=True)
    for child in path.iterdir():
        if child.is_dir():
            shutil.rmtree(child, ignore_errors=True)
        else:
            child.unlink(missing_ok=True)


def process_dead(pid: int) -> None:
    if multiprocess_dir() is not None:
        multiprocess.mark_process_dead(pid)


def metrics_port() -> int | None:
    value = os.environ.get("METRICS_PORT", "")
    return int(value) if value else None


def serve_multiprocess_metrics(*, log: Callable[[str], None] | None = None) -> None:
    """Serve the sum of every process's metric files on METRICS_ADDR:METRICS_PORT (a thread).

    Nothing happens without METRICS_PORT and PROMETHEUS_MULTIPROC_DIR (e.g. `make dev`)."""
    port, path = metrics_port(), multiprocess_dir()
    if port is None or path is None:
        return
    registry = CollectorRegistry()
    multiprocess.MultiProcessCollector(registry, path=str(path))
    addr = os.environ.get("METRICS_ADDR", "127.0.0.1")
    start_http_server(port, addr=addr, registry=registry)
    if log:
        log(f"metrics on http://{addr}:{port}/metrics (from {path})")
