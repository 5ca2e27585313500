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
        COLLECTIVE_EVENT = "collective_event", _("New mutirão of a collective you follow")
        ORGANIZER_MESSAGE = "organizer_message", _("Message from the organizer")
        COMMENT = "comment", _("New comment")
        NEW_NEARBY = "new_nearby", _("New mutirão near you")
        SAFETY_ALERT = "safety_alert", _("Safety alert (someone missing at a mutirão)")
        LITTER_CLEANED = "litter_cleaned", _("A place you reported was cleaned")
        LITTER_RESURVEY = "litter_resurvey", _("Check a cleaned place again")

    class EmailStatus(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENT = "sent", _("Sent")
        SKIPPED = "skipped", _("Skipped")
        FAILED = "failed", _("Failed")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    # Shown in the in-app list; False when the person turned the in-app channel off for
    # this kind and the row exists only as the outbox of its email.
    in_app = models.BooleanField(default=True)
    # Set on rows written by fan-outs and beat: a second run inserts nothing.
    dedupe_key = models.CharField(max_length=100, null=True, blank=True, unique=True, editable=False)
    event = models.ForeignKey("events.Event", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    title = models.CharField(max_length=200)
    body = models.TextField(max_length=2000, blank=True)
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    email_status = models.CharField(max_length=10, choices=EmailStatus.choices, default=EmailStatus.PENDING)
    email_attempts = models.PositiveSmallIntegerField(default=0)
    email_sent_at = models.DateTimeField(null=True, blank=True)
    email_last_attempt_at = models.DateTimeField(null=True, blank=True)
    email_error = models.CharField(max_length=300, blank=True)

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


# Kinds nobody can turn off (a co-organizer must hear that someone is missing); the others are
# each person's choice.
ALWAYS_ON_KINDS = (Notification.Kind.SAFETY_ALERT,)
CONFIGURABLE_KINDS = [(kind, label) for kind, label in Notification.Kind.choices if kind not in ALWAYS_ON_KINDS]


class NotificationPreference(models.Model):
    """One person's choice for one kind of notification; no row means both channels on."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(max_length=20, choices=CONFIGURABLE_KINDS)
    in_app = models.BooleanField(default=True)
    email = models.BooleanField(default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="notification_preference_one_per_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.kind} in_app={self.in_app} email={self.email}"


class Broadcast(models.Model):
    """A message to everyone in a mutirão, fanned out by tasks in batches.

    The request (or beat) records this row in its own transaction; `broadcast_batch_send`
    walks the recipients in user-id order from `cursor_user_id`, one batch per task, and
    sets `completed_at` after the last one. The sweep restarts a walk that stalled.
    """

    class Kind(models.TextChoices):
        REMINDER = "reminder", _("Reminder")
        EVENT_CHANGED = "event_changed", _("Mutirão changed")
        EVENT_CANCELLED = "event_cancelled", _("Mutirão cancelled")
        REPORT_PUBLISHED = "report_published", _("Impact report published")
        ORGANIZER_MESSAGE = "organizer_message", _("Message from the organizer")

    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    title = models.CharField(max_length=200)
    body = models.TextField(max_length=2000, blank=True)
    cursor_user_id = models.BigIntegerField(default=0)
    recipients = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            # Reminders and reports go out once per mutirão, however often beat or the organizer runs.
            models.UniqueConstraint(
                fields=["event", "kind"],
                condition=models.Q(kind__in=["reminder", "report_published"]),
                name="broadcast_once_per_event",
            ),
        ]
        indexes = [
            models.Index(fields=["updated_at"], name="broadcast_open_idx", condition=models.Q(completed_at=None)),
            # The organizer's message rate limit counts recent messages per mutirão.
            models.Index(fields=["event", "kind", "created_at"], name="broadcast_event_kind_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} @ {self.event_id}"
