from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    """An in-app notification, and the outbox row of its email.

    Written in the same transaction as the change that causes it; the delivery task
    sends the email and marks it sent, so nothing is lost when the broker is down.
    """

    class Kind(models.TextChoices):
        WELCOME = "welcome", _("Welcome")
        CONFIRMED = "confirmed", _("Registration confirmed")
        WAITLISTED = "waitlisted", _("On the waitlist")
        PENDING = "pending", _("Awaiting approval")
        APPROVED = "approved", _("Request approved")
        REJECTED = "rejected", _("Request declined")
        PROMOTED = "promoted", _("Promoted from the waitlist")
        REMINDER = "reminder", _("Reminder")
        EVENT_CHANGED = "event_changed", _("Mutirão changed")
        EVENT_CANCELLED = "event_cancelled", _("Mutirão cancelled")
        REPORT_PUBLISHED = "report_published", _("Impact report published")

    class EmailStatus(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENT = "sent", _("Sent")
        SKIPPED = "skipped", _("Skipped")
        FAILED = "failed", _("Failed")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    event = models.ForeignKey("events.Event", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    title = models.CharField(max_length=200)
    body = models.TextField(max_length=2000, blank=True)
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    email_status = models.CharField(max_length=10, choices=EmailStatus.choices, default=EmailStatus.PENDING)
    email_attempts = models.PositiveSmallIntegerField(default=0)
    email_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["user", "-created_at"], name="notification_user_idx"),
            models.Index(
                fields=["created_at"],
                name="notification_outbox_idx",
                condition=models.Q(email_status="pending"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} → {self.user_id}"
