"""Notification tasks. They take ids, are idempotent and hold no rules (see services, delivery)."""

import logging

from celery import shared_task

from mutiroes.notifications import services
from mutiroes.notifications.delivery import TransientEmailError, notification_email_deliver, notification_emails_deliver

logger = logging.getLogger(__name__)

MAX_TASK_RETRIES = 5


@shared_task(bind=True, max_retries=MAX_TASK_RETRIES)
def notification_email_send(self, *, notification_id: int) -> str:
    """Send one notification's email and mark it sent. A sent or locked row is left alone."""
    try:
        return notification_email_deliver(notification_id=notification_id)
    except TransientEmailError as exc:
        # Backoff 30 s, 1, 2, 4, 8 min; after that the row stays pending for the sweep,
        # which stops at NOTIFICATIONS["MAX_EMAIL_ATTEMPTS"] (then it is marked failed).
        raise self.retry(exc=exc, countdown=min(30 * 2**self.request.retries, 600)) from exc


@shared_task(bind=True, max_retries=MAX_TASK_RETRIES)
def notification_emails_send(self, *, notification_ids: list[int]) -> int:
    """Send a batch of notifications' emails (a fan-out's batch) over one mail connection.
    Sent or locked rows are left alone; the ones that failed transiently are retried together."""
    retry = notification_emails_deliver(notification_ids=notification_ids)
    if retry:
        raise self.retry(kwargs={"notification_ids": retry}, countdown=min(30 * 2**self.request.retries, 600))
    return len(notification_ids)


@shared_task
def broadcast_batch_send(*, broadcast_id: int) -> bool:
    """Write one batch of a broadcast's notifications; the next batch is its own task."""
    return services.broadcast_batch_deliver(broadcast_id=broadcast_id)


@shared_task
def reminders_send() -> int:
    """Beat: schedule the reminders of mutirões starting within the next 24 hours (once each)."""
    return services.reminders_schedule()


@shared_task
def outbox_sweep() -> dict[str, int]:
    """Beat: re-enqueue emails and fan-outs still pending after a while."""
    swept = services.outbox_sweep()
    if any(swept.values()):
        logger.info("outbox sweep re-enqueued %s", swept)
    return swept
