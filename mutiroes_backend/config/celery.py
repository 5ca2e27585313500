"""Celery application: the canonical Django integration.

Workers and beat run from `mutiroes_backend/` with `celery -A config worker|beat`.
Configuration lives in Django settings under the `CELERY_` namespace.
"""

import os
from typing import Any

from celery import Celery, signals

from config.metrics_env import prepare_multiprocess_env

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
prepare_multiprocess_env()  # before prometheus_client is first imported

app = Celery("mutiroes")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@signals.celeryd_init.connect
def _worker_metrics_start(**_: Any) -> None:
    """A worker's main process, before it forks its pool: fresh metric files, then the metrics
    listener (METRICS_PORT) that sums what the pool's processes record."""
    from mutiroes.core import metrics

    metrics.multiprocess_dir_reset()
    metrics.serve_multiprocess_metrics()
