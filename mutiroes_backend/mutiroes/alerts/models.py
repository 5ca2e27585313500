"""Alerts near me: the areas people watch, their e-mail rhythm, and one fan-out per published mutirão."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from mutiroes.core.brazil import UF_CHOICES

# A watched circle is at most this wide: the matching prefilter is a box this size around the mutirão.
MAX_RADIUS_KM = 50
MAX_AREAS_PER_USER = 10


class AlertArea(models.Model):
    """A place someone watches: a point and a radius, or a whole city; with categories (none: all)."""

    class Kind(models.TextChoices):
        RADIUS = "radius", _("Point and radius")
        CITY = "city", _("City")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="alert_areas")
    label = models.CharField(_("label"), max_length=80, blank=True)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    radius_km = models.PositiveSmallIntegerField(null=True, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    state = models.CharField(_("state"), max_length=2, choices=UF_CHOICES, blank=True)
    # fold(city): what a published mutirão's folded city is compared with (indexed with the state).
    city_key = models.CharField(max_length=100, blank=True, editable=False)
    categories = models.ManyToManyField("events.Category", blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=["radius", "city"]), name="alert_area_kind_valid"),
            models.CheckConstraint(
                condition=Q(
                    kind="city",
                    latitude__isnull=True,
                    longitude__isnull=True,
                    radius_km__isnull=True,
                    state__regex=r"^[A-Z]{2}$",
                )
                & ~Q(city_key="")
                | Q(
                    kind="radius",
                    latitude__gte=-90,
                    latitude__lte=90,
                    longitude__gte=-180,
                    longitude__lte=180,
                    radius_km__gte=1,
                    radius_km__lte=MAX_RADIUS_KM,
                    city_key="",
                ),
                name="alert_area_shape_valid",
            ),
        ]
        indexes = [
            # Served like the nearby search: a box around the mutirão on the centres, then the exact distance.
            models.Index(fields=["latitude", "longitude"], name="alert_area_lat_lng_idx", condition=Q(kind="radius")),
            models.Index(fields=["state", "city_key"], name="alert_area_city_idx", condition=Q(kind="city")),
            models.Index(fields=["user", "created_at"], name="alert_area_user_idx"),
        ]

    def __str__(self) -> str:
        if self.kind == self.Kind.CITY:
            return f"{self.city}/{self.state}"
        return f"{self.latitude:.4f},{self.longitude:.4f} ({self.radius_km} km)"


class AlertSettings(models.Model):
    """How someone gets alert e-mails: each at once, or one digest a day. No row: at once."""

    class EmailFrequency(models.TextChoices):
        IMMEDIATE = "immediate", _("At once")
        DAILY = "daily", _("Daily digest")

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="alert_settings")
    email_frequency = models.CharField(max_length=10, choices=EmailFrequency.choices, default="immediate")
    last_digest_at = models.DateTimeField(null=True, blank=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(email_frequency__in=["immediate", "daily"]), name="alert_settings_frequency_valid"
            ),
        ]
        indexes = [
            models.Index(
                fields=["last_digest_at"], name="alert_settings_daily_idx", condition=Q(email_frequency="daily")
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.email_frequency}"


class AlertFanout(models.Model):
    """The alerts of one published mutirão, written in batches of people (like a broadcast).

    One per mutirão (unique): publishing enqueues its start, the sweep starts one that the broker
    lost, and `alert_batch_deliver` walks the matching people in user-id order from `cursor_user_id`.
    """

    event = models.OneToOneField("events.Event", on_delete=models.CASCADE, related_name="+")
    cursor_user_id = models.BigIntegerField(default=0)
    batches = models.PositiveIntegerField(default=0)
    recipients = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["updated_at"], name="alert_fanout_open_idx", condition=Q(completed_at=None)),
        ]

    def __str__(self) -> str:
        return f"alerts @ {self.event_id}"
