import logging

from celery import shared_task
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

logger = logging.getLogger(__name__)


@shared_task(autoretry_for=(OSError,), retry_backoff=True, retry_backoff_max=600, max_retries=5)
def notification_email_send(*, notification_id: int) -> None:
    """Send one notification's email and mark it sent. Idempotent: a sent row is skipped."""
    from mutiroes.notifications.models import Notification

    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update(skip_locked=True)
            .select_related("user")
            .filter(pk=notification_id, email_status=Notification.EmailStatus.PENDING)
            .first()
        )
        if notification is None:
            return
        user = notification.user
        if not user.is_active:
            notification.email_status = Notification.EmailStatus.SKIPPED
            notification.save(update_fields=["email_status"])
            return
        notification.email_attempts += 1
        send_mail(
            subject=f"Mutirões: {notification.title}",
            message=f"{notification.body}\n",
            from_email=None,
            recipient_list=[user.email],
        )
        notification.email_status = Notification.EmailStatus.SENT
        notification.email_sent_at = timezone.now()
        notification.save(update_fields=["email_status", "email_attempts", "email_sent_at"])
