"""Celery application: the canonical Django integration.

Workers and beat run from `mutiroes_backend/` with `celery -A config worker|beat`.
Configuration lives in Django settings under the `CELERY_` namespace.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")

app = Celery("mutiroes")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
