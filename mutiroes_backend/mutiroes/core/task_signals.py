"""Celery plumbing for observability (no domain logic): the request id travels in the message
headers from the request that enqueued a task into the task (and into what the task enqueues),
and each finished task is counted, timed and logged in one line.

Connected in every Django process (`CoreConfig.ready`): web replicas publish, workers run. The
worker's metrics listener is started by `config/celery.py`.
"""

import logging
import os
import time
from typing import Any

from celery import signals

from mutiroes.core import metrics
from mutiroes.core.middleware import current_request_id, request_id_bind, request_id_reset

REQUEST_ID_HEADER = "request_id"
task_logger = logging.getLogger("mutiroes.task")

_running: dict[str, tuple[float, Any]] = {}  # task id -> (start, request id context token)


@signals.before_task_publish.connect
def _request_id_to_headers(headers: dict[str, Any] | None = None, **_: Any) -> None:
    request_id = current_request_id()
    if headers is not None and request_id != "-" and not headers.get(REQUEST_ID_HEADER):
        headers[REQUEST_ID_HEADER] = request_id


@signals.task_prerun.connect
def _task_started(task_id: str = "", task: Any = None, **_: Any) -> None:
    request_id = getattr(task.request, REQUEST_ID_HEADER, None) if task is not None else None
    if request_id is None and task is not None:  # eager runs keep the caller's context
        request_id = current_request_id()
    _running[task_id] = (time.perf_counter(), request_id_bind(request_id))


@signals.task_postrun.connect
def _task_finished(task_id: str = "", task: Any = None, state: str | None = None, retval: Any = None, **_: Any) -> None:
    started, token = _running.pop(task_id, (None, None))
    name = getattr(task, "name", "-")
    label = {"SUCCESS": "succeeded", "FAILURE": "failed", "RETRY": "retried"}.get(state or "", (state or "-").lower())
    metrics.TASKS.labels(task=name, state=label).inc()
    duration = time.perf_counter() - started if started is not None else 0.0
    metrics.TASK_DURATION.labels(task=name).observe(duration)
    task_logger.info(
        "task %s %s",
        name,
        label,
        extra={
            "event": "task",
            "task": name,
            "task_id": task_id,
            "state": label,
            "duration_ms": round(duration * 1000, 1),
            "retries": getattr(getattr(task, "request", None), "retries", 0),
            # Tasks return ids, counts and short outcomes ("not pending"), never personal data.
            "result": repr(retval)[:200],
        },
    )
    if token is not None:
        request_id_reset(token)


@signals.worker_process_shutdown.connect
def _worker_child_gone(pid: int | None = None, **_: Any) -> None:
    metrics.process_dead(pid or os.getpid())
