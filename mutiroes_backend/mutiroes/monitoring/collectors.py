"""The state of the system as Prometheus gauges, read at scrape time from PostgreSQL, the broker
and the disks: the e-mail outbox, the Celery queues, the mutirões by status, the free space for
media and backups. One process serves it (`manage.py metrics_exporter`), so the numbers exist
once, not once per replica. Read-only; holds no rule.
"""

import logging
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import redis
from django.conf import settings
from django.db.models import Count, Min
from django.utils import timezone
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

from mutiroes.events.models import Event
from mutiroes.notifications.models import Notification

logger = logging.getLogger(__name__)


def storage_paths() -> dict[str, Path]:
    """Volumes whose free space is watched: media always, backups where the operator says."""
    paths = {"media": Path(settings.MEDIA_ROOT)}
    if os.environ.get("MUTIROES_BACKUP_DIR"):
        paths["backups"] = Path(os.environ["MUTIROES_BACKUP_DIR"])
    return paths


def queue_lengths() -> dict[str, int]:
    url = settings.CELERY_BROKER_URL
    if not url.startswith(("redis://", "rediss://")):
        return {}
    client = redis.Redis.from_url(url, socket_timeout=1, socket_connect_timeout=1)
    try:
        queue = settings.CELERY_TASK_DEFAULT_QUEUE
        return {queue: int(client.llen(queue))}
    finally:
        client.close()


class StateCollector(Collector):
    def collect(self) -> Iterator[GaugeMetricFamily]:
        up = GaugeMetricFamily("mutiroes_state_up", "1 if PostgreSQL answered the state queries.")
        try:
            yield from list(self._database())  # all or nothing
            up.add_metric([], 1)
        except Exception:
            logger.warning("state metrics: database unavailable", exc_info=True)
            up.add_metric([], 0)
        yield up
        yield from self._queues()
        yield from self._storage()

    def _database(self) -> Iterator[GaugeMetricFamily]:
        emails = GaugeMetricFamily(
            "mutiroes_outbox_emails", "Notification e-mails in the outbox, by state.", labels=["state"]
        )
        rows = dict(
            Notification.objects.filter(email_status__in=["pending", "failed"])
            .values_list("email_status")
            .annotate(n=Count("id"))
        )
        for state in ("pending", "failed"):
            emails.add_metric([state], rows.get(state, 0))
        yield emails
        oldest = Notification.objects.filter(email_status="pending").aggregate(oldest=Min("created_at"))["oldest"]
        age = GaugeMetricFamily(
            "mutiroes_outbox_oldest_pending_age_seconds",
            "Age of the oldest e-mail still pending (0 when none is): the number that says e-mails are stuck.",
        )
        age.add_metric([], (timezone.now() - oldest).total_seconds() if oldest else 0)
        yield age
        events = GaugeMetricFamily("mutiroes_events", "Mutirões by status.", labels=["status"])
        counts = dict(Event.objects.values_list("status").annotate(n=Count("id")))
        for status in Event.Status.values:
            events.add_metric([status], counts.get(status, 0))
        yield events

    def _queues(self) -> Iterator[GaugeMetricFamily]:
        family = GaugeMetricFamily(
            "mutiroes_celery_queue_length", "Messages waiting in the broker, by queue.", labels=["queue"]
        )
        try:
            for queue, length in queue_lengths().items():
                family.add_metric([queue], length)
        except redis.RedisError:
            logger.warning("state metrics: broker unavailable", exc_info=True)
        yield family

    def _storage(self) -> Iterator[GaugeMetricFamily]:
        free = GaugeMetricFamily("mutiroes_storage_free_bytes", "Free bytes on a volume.", labels=["volume"])
        size = GaugeMetricFamily("mutiroes_storage_size_bytes", "Size in bytes of a volume.", labels=["volume"])
        for volume, path in storage_paths().items():
            try:
                usage = shutil.disk_usage(path)
            except OSError:
                continue
            free.add_metric([volume], usage.free)
            size.add_metric([volume], usage.total)
        yield free
        yield size
