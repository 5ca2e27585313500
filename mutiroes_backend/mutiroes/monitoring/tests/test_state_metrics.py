"""The state gauges (outbox, queues, mutirões, disks) read at scrape time."""

import os
from datetime import timedelta

import pytest
import redis
from django.utils import timezone
from prometheus_client import CollectorRegistry, generate_latest

from mutiroes.events.models import Event
from mutiroes.monitoring.collectors import StateCollector
from mutiroes.notifications.models import Notification

pytestmark = pytest.mark.django_db


def scrape() -> CollectorRegistry:
    registry = CollectorRegistry()
    registry.register(StateCollector())
    return registry


def sample(registry: CollectorRegistry, name: str, **labels: str) -> float | None:
    return registry.get_sample_value(name, labels)


def notification(user, status: str, age: timedelta) -> Notification:
    n = Notification.objects.create(user=user, kind="confirmed", title="t", email_status=status)
    Notification.objects.filter(pk=n.pk).update(created_at=timezone.now() - age)
    return n


def test_outbox_pending_failed_and_the_age_of_the_oldest_pending(user):
    registry = scrape()
    assert sample(registry, "mutiroes_outbox_emails", state="pending") == 0
    assert sample(registry, "mutiroes_outbox_oldest_pending_age_seconds") == 0
    notification(user, "pending", timedelta(minutes=7))
    notification(user, "pending", timedelta(minutes=1))
    notification(user, "failed", timedelta(hours=2))
    notification(user, "sent", timedelta(hours=3))
    registry = scrape()
    assert sample(registry, "mutiroes_outbox_emails", state="pending") == 2
    assert sample(registry, "mutiroes_outbox_emails", state="failed") == 1
    age = sample(registry, "mutiroes_outbox_oldest_pending_age_seconds")
    assert 7 * 60 <= age < 8 * 60
    assert sample(registry, "mutiroes_state_up") == 1


def test_mutiroes_by_status(make_event):
    make_event()
    make_event()
    make_event(status=Event.Status.DRAFT)
    registry = scrape()
    assert sample(registry, "mutiroes_events", status="published") == 2
    assert sample(registry, "mutiroes_events", status="draft") == 1
    assert sample(registry, "mutiroes_events", status="cancelled") == 0


def test_queue_length_from_the_broker(settings):
    url = os.environ["REDIS_URL"]
    settings.CELERY_BROKER_URL = url
    settings.CELERY_TASK_DEFAULT_QUEUE = "mutiroes-test-metrics-queue"
    client = redis.Redis.from_url(url)
    client.delete("mutiroes-test-metrics-queue")
    client.rpush("mutiroes-test-metrics-queue", "a", "b", "c")
    try:
        assert sample(scrape(), "mutiroes_celery_queue_length", queue="mutiroes-test-metrics-queue") == 3
    finally:
        client.delete("mutiroes-test-metrics-queue")


def test_an_unreachable_broker_leaves_the_queue_out_and_the_rest_in(settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
    registry = scrape()
    assert sample(registry, "mutiroes_celery_queue_length", queue="celery") is None
    assert sample(registry, "mutiroes_state_up") == 1


def test_free_space_of_media_and_backups(settings, tmp_path, monkeypatch):
    monkeypatch.setenv("MUTIROES_BACKUP_DIR", str(tmp_path))
    settings.MEDIA_ROOT = tmp_path
    registry = scrape()
    for volume in ("media", "backups"):
        free = sample(registry, "mutiroes_storage_free_bytes", volume=volume)
        size = sample(registry, "mutiroes_storage_size_bytes", volume=volume)
        assert 0 < free <= size
    assert b"mutiroes_storage_free_bytes" in generate_latest(registry)
