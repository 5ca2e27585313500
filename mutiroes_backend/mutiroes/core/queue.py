"""Enqueueing tasks after commit, without ever failing the request that caused them.

Work that must not be lost is recorded in PostgreSQL first (see the notifications
outbox); enqueueing is only the fast path. If the broker is unreachable the request
still succeeds and the periodic sweep enqueues the work later.
"""

import logging
from typing import Any

from celery.utils.imports import symbol_by_name
from django.db import transaction

logger = logging.getLogger(__name__)


def enqueue(task: str, **kwargs: Any) -> None:
    """Publish the task named `task` (its dotted path, imported when first used). By name, so that a
    service never imports its app's tasks module: tasks call services, never the other way round."""
    try:
        symbol_by_name(task).apply_async(kwargs=kwargs, retry=False)
    except Exception:
        logger.warning("could not enqueue %s(%s); the sweep will retry", task, kwargs, exc_info=True)


def enqueue_on_commit(task: str, **kwargs: Any) -> None:
    transaction.on_commit(lambda: enqueue(task, **kwargs), robust=True)
