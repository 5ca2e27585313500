"""Collective tasks: ids in, idempotent, no rules (see services)."""

import logging

from celery import shared_task

from mutiroes.collectives import services

logger = logging.getLogger(__name__)


@shared_task
def followers_notify(*, event_id: int) -> bool:
    """After a mutirão is published: announce it to its collective's followers (once)."""
    return services.event_published(event_id=event_id) is not None


@shared_task
def announcement_batch_send(*, announcement_id: int) -> bool:
    """One batch of followers; the next batch is its own task."""
    return services.announcement_batch_deliver(announcement_id=announcement_id)


@shared_task(autoretry_for=(OSError,), retry_backoff=True, retry_backoff_max=600, max_retries=5)
def invitation_email_send(*, invitation_id: int) -> str:
    return services.invitation_email_deliver(invitation_id=invitation_id)


@shared_task
def collectives_outbox_sweep() -> dict[str, int]:
    """Beat: announcements and invitation e-mails the broker lost."""
    swept = services.collectives_outbox_sweep()
    if any(swept.values()):
        logger.info("collectives sweep re-enqueued %s", swept)
    return swept
