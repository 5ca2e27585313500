"""Field mode: attendance sent by devices that were offline, and the safety roll call."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from mutiroes.events.models import Event, Participation


class AttendanceOperation(models.Model):
    """One check-in or check-out sent by a device, under the key the device generated for it.

    The key is unique per person: a device that retries (it never saw the answer, or it was offline)
    sends the same key and gets the first answer back, and the change is applied once. The answer is
    kept without names (ids and times only)."""

    class Action(models.TextChoices):
        CHECK_IN = "check-in", _("Check-in")
        CHECK_OUT = "check-out", _("Check-out")

    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.UUIDField()
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="+")
    action = models.CharField(max_length=10, choices=Action.choices)
    # The request as sent (canonical form): a second request with this key must be identical.
    payload = models.JSONField()
    status_code = models.PositiveSmallIntegerField()
    response = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["actor", "key"], name="attendance_operation_key_once"),
            models.CheckConstraint(
                condition=Q(action__in=["check-in", "check-out"]), name="attendance_operation_action_valid"
            ),
        ]
        indexes = [models.Index(fields=["event", "created_at"], name="attendance_operation_event_idx")]

    def __str__(self) -> str:
        return f"{self.action} {self.key} ({self.status_code})"


class RollCall(models.Model):
    """The end-of-mutirão safety roll call: when the organization confirmed that everyone was back."""

    event = models.OneToOneField(Event, on_delete=models.CASCADE, related_name="+")
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    closed_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"roll call @ {self.event_id}"


class MissingPerson(models.Model):
    """Someone who checked in and is not back: flagged by an organizer until found."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="+")
    participation = models.ForeignKey(Participation, on_delete=models.CASCADE, related_name="+")
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reported_at = models.DateTimeField()
    found_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    found_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            # One open flag per person and mutirão, whoever flags at the same moment.
            models.UniqueConstraint(
                fields=["participation"], condition=Q(found_at=None), name="missing_person_one_open"
            ),
            models.CheckConstraint(
                condition=Q(found_at=None) | Q(found_at__gte=models.F("reported_at")),
                name="missing_person_found_after_reported",
            ),
        ]
        indexes = [models.Index(fields=["event"], condition=Q(found_at=None), name="missing_person_open_idx")]

    def __str__(self) -> str:
        return f"missing {self.participation_id} @ {self.event_id}"
