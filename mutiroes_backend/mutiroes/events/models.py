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
    # A mutirão of a collective is managed by the collective's organizers too (`rules.can_manage`).
    collective = models.ForeignKey(
        "collectives.Collective", null=True, blank=True, on_delete=models.PROTECT, related_name="events"
    )
    # An occurrence of a recurring series, and the local day its rule gave it (its RECURRENCE-ID:
    # moving this one occurrence changes `start`, never this).
    series = models.ForeignKey(
        "events.EventSeries", null=True, blank=True, on_delete=models.PROTECT, related_name="occurrences"
    )
    occurrence_date = models.DateField(null=True, blank=True, editable=False)

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
    # What registration asks (texts and versions in `events/consents.py`): the waiver is
    # required when asked; image use is asked and may be refused.
    requires_waiver = models.BooleanField(_("requires a liability waiver"), default=False)
    asks_image_consent = models.BooleanField(_("asks for image-use consent"), default=False)
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
            # The beat task that generates occurrences may run twice: each rule date exists once.
            models.UniqueConstraint(
                fields=["series", "occurrence_date"],
                condition=Q(series__isnull=False),
                name="event_one_per_series_date",
            ),
            models.CheckConstraint(
                condition=Q(series__isnull=True, occurrence_date__isnull=True)
                | Q(series__isnull=False, occurrence_date__isnull=False),
                name="event_occurrence_date_with_series",
            ),
        ]
        indexes = [
            models.Index(fields=["collective", "status", "start"], name="event_collective_idx"),
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
        return spots_left(capacity=self.capacity, confirmed_count=self.confirmed_count)


def spots_left(*, capacity: int, confirmed_count: int) -> int:
    """Seats still free (`Event.spots_left`, from the columns of a listing row)."""
    return max(capacity - confirmed_count, 0)


class EventSeries(models.Model):
    """A recurring mutirão: an RFC 5545 rule (weekly / every N weeks / monthly on the Nth weekday,
    until a date or for N occurrences) in America/Sao_Paulo local time, and the template each
    occurrence is made from. Occurrences are real mutirões, generated ahead by beat
    (`events.services.series`)."""

    class Frequency(models.TextChoices):
        WEEKLY = "weekly", _("Weekly")
        MONTHLY = "monthly", _("Monthly")

    organizer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    collective = models.ForeignKey(
        "collectives.Collective", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    origin = models.ForeignKey(Event, null=True, on_delete=models.SET_NULL, related_name="+")
    frequency = models.CharField(max_length=10, choices=Frequency.choices)
    interval = models.PositiveSmallIntegerField(default=1)
    weekday = models.PositiveSmallIntegerField()  # 0 = Monday … 6 = Sunday
    # Monthly only: the 1st…4th weekday of the month, or -1 for the last one.
    week_of_month = models.SmallIntegerField(null=True, blank=True)
    first_date = models.DateField()
    until = models.DateField(null=True, blank=True)
    count = models.PositiveSmallIntegerField(null=True, blank=True)
    # Each occurrence: local start time, length and how long before the start registration closes.
    start_time = models.TimeField()
    duration = models.DurationField()
    deadline_before = models.DurationField()
    # The occurrences' data (`services.series.TEMPLATE_FIELDS`); "this and following" edits it.
    template = models.JSONField()
    subscribers = models.ManyToManyField(settings.AUTH_USER_MODEL, through="SeriesSubscription", related_name="+")
    ended_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("series")
        verbose_name_plural = _("series")
        constraints = [
            models.CheckConstraint(condition=Q(frequency__in=["weekly", "monthly"]), name="series_frequency_valid"),
            models.CheckConstraint(condition=Q(interval__gte=1, interval__lte=12), name="series_interval_range"),
            models.CheckConstraint(condition=Q(weekday__lte=6), name="series_weekday_range"),
            models.CheckConstraint(
                condition=Q(frequency="weekly", week_of_month__isnull=True)
                | Q(frequency="monthly", week_of_month__in=[-1, 1, 2, 3, 4]),
                name="series_week_of_month_monthly_only",
            ),
            # Exactly one end: a date or a number of occurrences.
            models.CheckConstraint(
                condition=Q(until__isnull=False, count__isnull=True) | Q(until__isnull=True, count__gte=2),
                name="series_one_end",
            ),
        ]
        indexes = [models.Index(fields=["id"], name="series_active_idx", condition=Q(ended_at=None))]

    def __str__(self) -> str:
        return f"series {self.id} ({self.frequency})"


class SeriesSubscription(models.Model):
    """ "Participar de todos": the person is signed up to every new occurrence of the series."""

    series = models.ForeignKey(EventSeries, on_delete=models.CASCADE, related_name="subscriptions")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="series_subscriptions")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["series", "user"], name="series_subscription_one_per_user")]

    def __str__(self) -> str:
        return f"{self.user_id} joins all of {self.series_id}"


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
    # Told to the person when the organizer rejects or removes them.
    rejection_reason = models.CharField(_("rejection reason"), max_length=500, blank=True)
    # Confirmed but did not come: marked by the organizer after the start; a check-in clears it.
    no_show = models.BooleanField(default=False)

    # Consents given at registration: when, and the version of the texts (`events/consents.py`).
    consent_version = models.CharField(max_length=20, blank=True)
    waiver_accepted_at = models.DateTimeField(null=True, blank=True)
    image_consent_at = models.DateTimeField(null=True, blank=True)
    guardian_consent_at = models.DateTimeField(null=True, blank=True)
    guardian_name = models.CharField(_("guardian's name"), max_length=200, blank=True)

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
            models.CheckConstraint(
                condition=Q(no_show=False) | Q(checked_in_at__isnull=True, status="confirmed"),
                name="participation_no_show_not_checked_in",
            ),
            models.CheckConstraint(
                condition=Q(guardian_consent_at__isnull=True) | ~Q(guardian_name=""),
                name="participation_guardian_named",
            ),
        ]
        indexes = [
            models.Index(fields=["event", "status", "waitlisted_at"], name="participation_event_status_idx"),
            models.Index(fields=["user", "status"], name="participation_user_status_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} @ {self.event_id} ({self.status})"
