"""Enqueueing tasks after commit, without ever failing the request that caused them.

Work that must not be lost is recorded in PostgreSQL first (see the notifications
outbox); enqueueing is only the fast path. If the broker is unreachable the request
still succeeds and the periodic sweep enqueues the work later.
"""

import logging
from typing import Any

from celery import Task
from django.db import transaction

logger = logging.getLogger(__name__)


def enqueue(task: Task, **kwargs: Any) -> None:
    try:
        task.apply_async(kwargs=kwargs, retry=False)
    except Exception:
        logger.warning("could not enqueue %s(%s); the sweep will retry", task.name, kwargs, exc_info=True)


def enqueue_on_commit(task: Task, **kwargs: Any) -> None:
    transaction.on_commit(lambda: enqueue(task, **kwargs), robust=True)
