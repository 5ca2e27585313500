"""Litter reports ("pontos de lixo"): a littered place, its photos, who saw it too, and its history.

A report is `open` until the mutirão organized from it files its impact report (`cleaned`); a
re-survey 30 days later either confirms it or reopens it. Every step is a `LitterHistory` row, so
a place keeps its whole story.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from mutiroes.core.brazil import UF_CHOICES

NOTES_MAX_LENGTH = 2000
PHOTOS_PER_REPORT = 4


class LitterReport(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLEANED = "cleaned", _("Cleaned")

    class Size(models.TextChoices):
        BAG = "bag", _("A bag")
        CAR = "car", _("A car load")
        TRUCK = "truck", _("A truck load")

    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="litter_reports"
    )
    latitude = models.FloatField(_("latitude"))
    longitude = models.FloatField(_("longitude"))
    address = models.CharField(_("reference"), max_length=255, blank=True)
    city = models.CharField(_("city"), max_length=100)
    state = models.CharField(_("state"), max_length=2, choices=UF_CHOICES)
    size = models.CharField(_("size"), max_length=5, choices=Size.choices)
    # Keys of impact.models.MATERIALS (the one list of materials).
    materials = models.JSONField(_("kinds of waste"), default=list)
    notes = models.TextField(_("notes"), max_length=NOTES_MAX_LENGTH, blank=True)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.OPEN)
    # The mutirão organized to clean it ("mutirão marcado"); kept after the cleanup.
    event = models.ForeignKey(
        "events.Event", null=True, blank=True, on_delete=models.SET_NULL, related_name="litter_reports"
    )
    confirmations_count = models.PositiveIntegerField(default=0, editable=False)
    cleaned_at = models.DateTimeField(null=True, blank=True, editable=False)
    # When the re-survey is due, and when beat asked for it (set once per cleanup).
    resurvey_due_at = models.DateTimeField(null=True, blank=True, editable=False)
    resurvey_asked_at = models.DateTimeField(null=True, blank=True, editable=False)
    is_hidden = models.BooleanField(_("hidden by moderation"), default=False)
    hidden_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("litter report")
        verbose_name_plural = _("litter reports")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(latitude__gte=-90, latitude__lte=90), name="litter_latitude_range"),
            models.CheckConstraint(condition=Q(longitude__gte=-180, longitude__lte=180), name="litter_longitude_range"),
            models.CheckConstraint(condition=Q(status__in=["open", "cleaned"]), name="litter_status_valid"),
            models.CheckConstraint(condition=Q(size__in=["bag", "car", "truck"]), name="litter_size_valid"),
            models.CheckConstraint(
                condition=Q(status="open") | Q(cleaned_at__isnull=False),
                name="litter_cleaned_has_cleanup",
            ),
        ]
        indexes = [
            # The public map: open, visible reports inside a bounding box.
            models.Index(
                fields=["latitude", "longitude"],
                name="litter_open_lat_lng_idx",
                condition=Q(status="open", is_hidden=False),
            ),
            models.Index(fields=["status", "is_hidden", "-created_at"], name="litter_listing_idx"),
            models.Index(
                fields=["resurvey_due_at"],
                name="litter_resurvey_due_idx",
                condition=Q(status="cleaned", resurvey_asked_at__isnull=True),
            ),
            models.Index(fields=["reporter", "-created_at"], name="litter_reporter_idx"),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.city}/{self.state} ({self.status})"


def litter_photo_upload_to(instance: "LitterPhoto", filename: str) -> str:
    """A random name; the client's file name is never used."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"litter/{instance.report_id}/{uuid.uuid4().hex}.{extension}"


class LitterPhoto(models.Model):
    class Stage(models.TextChoices):
        REPORT = "report", _("Reported")
        CONFIRM = "confirm", _("Seen again")
        RESURVEY = "resurvey", _("Re-survey")

    report = models.ForeignKey(LitterReport, on_delete=models.CASCADE, related_name="photos")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    image = models.ImageField(_("image"), upload_to=litter_photo_upload_to, max_length=200)
    stage = models.CharField(max_length=8, choices=Stage.choices)
    content_type = models.CharField(max_length=20)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    size_bytes = models.PositiveIntegerField()
    is_hidden = models.BooleanField(_("hidden by moderation"), default=False)
    hidden_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("litter photo")
        verbose_name_plural = _("litter photos")
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(stage__in=["report", "confirm", "resurvey"]), name="litter_photo_stage_valid"
            ),
            models.CheckConstraint(
                condition=Q(content_type__in=["image/jpeg", "image/png", "image/webp"]),
                name="litter_photo_type_allowed",
            ),
        ]
        indexes = [models.Index(fields=["report", "is_hidden", "created_at"], name="litter_photo_report_idx")]

    def __str__(self) -> str:
        return self.image.name


class LitterConfirmation(models.Model):
    """ "Também vi isto": someone else saw the same open place (once per person and report)."""

    report = models.ForeignKey(LitterReport, on_delete=models.CASCADE, related_name="confirmations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["report", "user"], name="litter_confirm_once")]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.report_id}"


class LitterHistory(models.Model):
    """One step in a place's story: reported, seen again, scheduled, cleaned, re-surveyed, reopened."""

    class Kind(models.TextChoices):
        REPORTED = "reported", _("Reported")
        CONFIRMED = "confirmed", _("Seen again")
        SCHEDULED = "scheduled", _("Mutirão scheduled")
        UNSCHEDULED = "unscheduled", _("Mutirão cancelled")
        CLEANED = "cleaned", _("Cleaned")
        STILL_CLEAN = "still_clean", _("Still clean")
        REOPENED = "reopened", _("Dirty again")

    report = models.ForeignKey(LitterReport, on_delete=models.CASCADE, related_name="history")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    event = models.ForeignKey("events.Event", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["report", "created_at"], name="litter_history_idx")]

    def __str__(self) -> str:
        return f"{self.kind} @ {self.report_id}"


class LitterAbuse(models.Model):
    """Someone flags a report as abusive (once per person); staff decide in the admin."""

    report = models.ForeignKey(LitterReport, on_delete=models.CASCADE, related_name="abuse_flags")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(_("reason"), max_length=500)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("abuse flag")
        verbose_name_plural = _("abuse flags")
        constraints = [models.UniqueConstraint(fields=["report", "user"], name="litter_abuse_once")]

    def __str__(self) -> str:
        return f"{self.user_id} flags {self.report_id}"
