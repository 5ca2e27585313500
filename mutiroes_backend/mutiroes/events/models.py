import secrets
import string

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Upper
from django.utils.translation import gettext_lazy as _

from mutiroes.core.brazil import UF_CHOICES

CODE_ALPHABET = "".join(c for c in string.ascii_uppercase + string.digits if c not in "0O1IL")


def new_code(length: int = 6) -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))


def new_event_code() -> str:
    return new_code(6)


def new_share_token() -> str:
    """The secret part of an unlisted mutirão's link (~128 bits): its id alone shows nothing."""
    return secrets.token_urlsafe(16)


def new_participation_code() -> str:
    return new_code(8)


class Category(models.Model):
    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(unique=True)
    icon = models.CharField(_("icon"), max_length=40)
    color = models.CharField(_("colour"), max_length=7)
    description = models.CharField(_("description"), max_length=300, blank=True)
    ordering = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["ordering", "name"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self) -> str:
        return self.name


class Event(models.Model):
    """A mutirão."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        COMPLETED = "completed", _("Completed")
        CANCELLED = "cancelled", _("Cancelled")

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("Public")
        UNLISTED = "unlisted", _("Unlisted")

    title = models.CharField(_("title"), max_length=150)
    description = models.TextField(_("description"), max_length=10000)
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="events")
    organizer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="organized_events")
    co_organizers = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="co_organized_events")

    address = models.CharField(_("address"), max_length=255)
    city = models.CharField(_("city"), max_length=100)
    state = models.CharField(_("state"), max_length=2, choices=UF_CHOICES)
    latitude = models.FloatField(_("latitude"))
    longitude = models.FloatField(_("longitude"))

    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    registration_deadline = models.DateTimeField(_("registration deadline"))
    capacity = models.PositiveIntegerField(_("capacity"))
    min_age = models.PositiveSmallIntegerField(_("minimum age"), default=0)
    requires_approval = models.BooleanField(_("requires approval"), default=False)
    visibility = models.CharField(max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)

    what_to_bring = models.TextField(_("what to bring"), max_length=2000, blank=True)
    tools_provided = models.TextField(_("tools provided"), max_length=2000, blank=True)
    cover_image = models.ImageField(_("cover image"), upload_to="covers/%Y/%m/", blank=True)
    checkin_code = models.CharField(max_length=12, default=new_event_code, editable=False)
    share_token = models.CharField(max_length=32, unique=True, default=new_share_token, editable=False)

    # Counters kept by the participation services under the event's row lock.
    confirmed_count = models.PositiveIntegerField(default=0, editable=False)
    waitlist_count = models.PositiveIntegerField(default=0, editable=False)
    pending_count = models.PositiveIntegerField(default=0, editable=False)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    cancelled_at = models.DateTimeField(null=True, blank=True, editable=False)
    cancellation_reason = models.CharField(max_length=500, blank=True)

    class Meta:
        verbose_name = _("mutirão")
        verbose_name_plural = _("mutirões")
        ordering = ["start", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="event_end_after_start"),
            models.CheckConstraint(
                condition=Q(registration_deadline__lte=F("start")), name="event_deadline_not_after_start"
            ),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="event_capacity_at_least_one"),
            models.CheckConstraint(condition=Q(latitude__gte=-90, latitude__lte=90), name="event_latitude_range"),
            models.CheckConstraint(condition=Q(longitude__gte=-180, longitude__lte=180), name="event_longitude_range"),
            models.CheckConstraint(condition=Q(confirmed_count__lte=F("capacity")), name="event_not_overbooked"),
            models.CheckConstraint(
                condition=Q(status__in=["draft", "published", "completed", "cancelled"]), name="event_status_valid"
            ),
            models.CheckConstraint(condition=Q(visibility__in=["public", "unlisted"]), name="event_visibility_valid"),
        ]
        indexes = [
            models.Index(fields=["status", "visibility", "start"], name="event_listing_idx"),
            models.Index(fields=["latitude", "longitude"], name="event_lat_lng_idx"),
            models.Index(Upper("city"), "state", name="event_city_upper_idx"),
            models.Index(fields=["state", "start"], name="event_state_start_idx"),
            models.Index(fields=["-created_at"], name="event_created_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def spots_left(self) -> int:
        return max(self.capacity - self.confirmed_count, 0)


class Participation(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting approval")
        CONFIRMED = "confirmed", _("Confirmed")
        WAITLISTED = "waitlisted", _("Waitlisted")
        CANCELLED = "cancelled", _("Cancelled")
        REJECTED = "rejected", _("Rejected")

    ACTIVE = (Status.PENDING, Status.CONFIRMED, Status.WAITLISTED)

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="participations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="participations")
    status = models.CharField(max_length=12, choices=Status.choices)
    emergency_contact = models.CharField(_("emergency contact"), max_length=200, blank=True)
    notes = models.TextField(_("notes"), max_length=1000, blank=True)
    code = models.CharField(max_length=12, unique=True, default=new_participation_code, editable=False)

    # Position in the waitlist: the time one entered it.
    waitlisted_at = models.DateTimeField(null=True, blank=True)
    checked_in_at = models.DateTimeField(null=True, blank=True)
    checked_out_at = models.DateTimeField(null=True, blank=True)
    hours = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="participation_one_per_user_and_event"),
            models.CheckConstraint(
                condition=Q(status__in=["pending", "confirmed", "waitlisted", "cancelled", "rejected"]),
                name="participation_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(checked_out_at__isnull=True) | Q(checked_in_at__isnull=False),
                name="participation_checkout_after_checkin",
            ),
            models.CheckConstraint(
                condition=Q(checked_out_at__isnull=True) | Q(checked_out_at__gte=F("checked_in_at")),
                name="participation_checkout_not_before_checkin",
            ),
            models.CheckConstraint(
                condition=Q(hours__isnull=True) | Q(hours__gte=0), name="participation_hours_positive"
            ),
        ]
        indexes = [
            models.Index(fields=["event", "status", "waitlisted_at"], name="participation_event_status_idx"),
            models.Index(fields=["user", "status"], name="participation_user_status_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} @ {self.event_id} ({self.status})"
