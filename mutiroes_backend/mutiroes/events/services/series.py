"""Recurring mutirões: a series made from a mutirão, its occurrences generated ahead (beat), "this
and following" edits and cancellations, and "Participar de todos".

The rule is RFC 5545 through python-dateutil's `rrule`, over local days; each occurrence starts at
the series' local time on its day in America/Sao_Paulo, so a UTC offset change (DST, as until 2019)
keeps it at the same wall-clock time. `(series, occurrence_date)` is unique: generating twice is a
no-op, and an occurrence moved on its own ("this one") is never generated again.
"""

import calendar
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from dateutil import rrule
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mutiroes.core.exceptions import ApplicationError, Conflict, NotFound
from mutiroes.events.models import Event, EventSeries, SeriesSubscription
from mutiroes.events.services.events import EDITABLE_FIELDS, event_cancel, event_published, event_update
from mutiroes.events.services.locks import event_lock_for_manager
from mutiroes.events.services.participation import participation_join
from mutiroes.users.models import User

EventStatus = Event.Status
Frequency = EventSeries.Frequency
SCHEDULE_FIELDS = ("start", "end", "registration_deadline")
# What each occurrence copies from the series (category by id); the schedule comes from the rule.
TEMPLATE_FIELDS = tuple(field for field in EDITABLE_FIELDS if field not in SCHEDULE_FIELDS)
WEEKDAYS = (rrule.MO, rrule.TU, rrule.WE, rrule.TH, rrule.FR, rrule.SA, rrule.SU)


def local_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def _template(event: Event) -> dict[str, Any]:
    return {
        ("category_id" if field == "category" else field): getattr(
            event, "category_id" if field == "category" else field
        )
        for field in TEMPLATE_FIELDS
    }


def series_rule(series: EventSeries) -> rrule.rrule:
    """The series' RFC 5545 rule over local days (each at midnight)."""
    day = WEEKDAYS[series.weekday]
    return rrule.rrule(
        rrule.WEEKLY if series.frequency == Frequency.WEEKLY else rrule.MONTHLY,
        interval=series.interval,
        dtstart=datetime.combine(series.first_date, time()),
        byweekday=day if series.week_of_month is None else day(series.week_of_month),
        count=series.count,
        until=datetime.combine(series.until, time()) if series.until else None,
    )


def series_dates(series: EventSeries) -> Iterator[date]:
    for moment in series_rule(series):
        yield moment.date()


def occurrence_start(series: EventSeries, day: date) -> datetime:
    """The local start time on that day, as an aware moment (its own UTC offset on that day)."""
    local = datetime.combine(day, series.start_time, tzinfo=local_zone())
    # A time that does not exist locally (skipped by a DST change) moves forward with the clock.
    return local.astimezone(ZoneInfo("UTC")).astimezone(local_zone())


def _week_of_month(day: date) -> int:
    nth = (day.day - 1) // 7 + 1
    return nth if nth <= 4 else -1


def _matches(day: date, *, weekday: int, week_of_month: int | None) -> bool:
    if day.weekday() != weekday or week_of_month is None:
        return day.weekday() == weekday
    if week_of_month == -1:
        return day.day + 7 > calendar.monthrange(day.year, day.month)[1]
    return (day.day - 1) // 7 + 1 == week_of_month


# ---------------------------------------------------------------- create
@transaction.atomic
def series_create(
    *,
    event_id: int,
    user: User,
    frequency: str,
    interval: int = 1,
    week_of_month: int | None = None,
    until: date | None = None,
    count: int | None = None,
) -> EventSeries:
    """Make a published mutirão the first occurrence of a series and generate the next ones."""
    event = event_lock_for_manager(event_id=event_id, user=user)
    now = timezone.now()
    if event.series_id is not None:
        raise Conflict(_("This mutirão is already part of a series."), code="already_in_series")
    if event.status != EventStatus.PUBLISHED:
        raise Conflict(_("Publish the mutirão before making it recurring."), code="not_published")
    if event.start <= now:
        raise Conflict(_("The mutirão has already started; its schedule can't change."), code="event_started")
    local = timezone.localtime(event.start, local_zone())
    first = local.date()
    errors: dict[str, list[str]] = {}
    if frequency == Frequency.MONTHLY:
        week_of_month = _week_of_month(first) if week_of_month is None else week_of_month
        if not _matches(first, weekday=first.weekday(), week_of_month=week_of_month):
            errors["week_of_month"] = [_("The mutirão's date is not on that week of the month.")]
    else:
        week_of_month = None
    if (until is None) == (count is None):
        errors["until"] = [_("Choose an end: a date or a number of occurrences.")]
    if until is not None and not first < until <= first + timedelta(days=settings.SERIES["MAX_DAYS"]):
        errors["until"] = [_("The end date must be after the first mutirão and within two years.")]
    if count is not None and not 2 <= count <= settings.SERIES["MAX_COUNT"]:
        errors["count"] = [_("A series has between 2 and %(max)d occurrences.") % {"max": settings.SERIES["MAX_COUNT"]}]
    if errors:
        raise ApplicationError(_("Check the repetition."), errors=errors)
    series = EventSeries.objects.create(
        organizer=event.organizer,
        collective_id=event.collective_id,
        origin=event,
        frequency=frequency,
        interval=interval,
        weekday=first.weekday(),
        week_of_month=week_of_month,
        first_date=first,
        until=until,
        count=count,
        start_time=local.time().replace(microsecond=0),
        duration=event.end - event.start,
        deadline_before=event.start - event.registration_deadline,
        template=_template(event),
    )
    event.series = series
    event.occurrence_date = first
    event.save(update_fields=["series", "occurrence_date", "updated_at"])
    _generate(series, now=now)
    return series


# ---------------------------------------------------------------- generate
def _join_subscribers(series: EventSeries, event: Event) -> int:
    """Sign each "Participar de todos" subscriber up, with the occurrence's own rules (capacity,
    waitlist, approval, age); one who may not join this one is skipped, not refused."""
    joined = 0
    for subscriber in User.objects.filter(series_subscriptions__series=series, is_active=True).order_by(
        "series_subscriptions__created_at", "id"
    ):
        try:
            participation_join(event_id=event.id, user=subscriber)
        except ApplicationError:
            continue
        joined += 1
    return joined


def _generate(series: EventSeries, *, now: datetime) -> int:
    """Create the occurrences due within the horizon; the caller holds the series' row lock."""
    if series.ended_at is not None:
        return 0
    horizon = now + timedelta(days=settings.SERIES["HORIZON_DAYS"])
    existing = set(series.occurrences.values_list("occurrence_date", flat=True))
    co_organizers = list(series.origin.co_organizers.values_list("id", flat=True)) if series.origin else []
    created = 0
    for day in series_dates(series):
        start = occurrence_start(series, day)
        if start > horizon:
            break
        if day in existing or start <= now:
            continue
        event = Event(
            organizer_id=series.organizer_id,
            collective_id=series.collective_id,
            series=series,
            occurrence_date=day,
            start=start,
            end=start + series.duration,
            registration_deadline=start - series.deadline_before,
            status=EventStatus.PUBLISHED,
            published_at=now,
            **series.template,
        )
        event.save()
        if co_organizers:
            event.co_organizers.set(co_organizers)
        event_published(event)
        _join_subscribers(series, event)
        created += 1
    return created


@transaction.atomic
def series_generate(*, series_id: int, now: datetime | None = None) -> int:
    series = EventSeries.objects.select_for_update().filter(pk=series_id).first()
    if series is None:
        return 0
    return _generate(series, now=now or timezone.now())


def series_occurrences_generate(*, now: datetime | None = None) -> int:
    """Beat: every active series, one transaction each. Idempotent."""
    now = now or timezone.now()
    ids = list(EventSeries.objects.filter(ended_at__isnull=True).values_list("id", flat=True))
    return sum(series_generate(series_id=series_id, now=now) for series_id in ids)


# ---------------------------------------------------------------- this and following
def _lock_series_of(event: Event) -> EventSeries:
    if event.series_id is None:
        raise Conflict(_("This mutirão is not part of a series."), code="not_in_series")
    return EventSeries.objects.select_for_update().get(pk=event.series_id)


def _following(series: EventSeries, event: Event, *, now: datetime) -> list[Event]:
    assert event.occurrence_date is not None
    return list(
        series.occurrences.filter(
            occurrence_date__gte=event.occurrence_date,
            status__in=[EventStatus.DRAFT, EventStatus.PUBLISHED],
            start__gt=now,
        ).order_by("occurrence_date")
    )


@transaction.atomic
def series_update_following(*, event_id: int, user: User, data: dict[str, Any]) -> Event:
    """Edit this occurrence and every later one not yet started, and the series' template (for
    the occurrences still to come). Times of day and length may change; the day may not (edit
    that one occurrence). All or nothing: one refused occurrence refuses the whole edit."""
    event = event_lock_for_manager(event_id=event_id, user=user)
    series = _lock_series_of(event)
    now = timezone.now()
    zone = local_zone()
    start = data.get("start", event.start)
    end = data.get("end", event.end)
    deadline = data.get("registration_deadline", event.registration_deadline)
    if "start" in data and timezone.localtime(start, zone).date() != timezone.localtime(event.start, zone).date():
        raise ApplicationError(
            _("To change the day, edit only this occurrence."),
            errors={"start": [_("To change the day, edit only this occurrence.")]},
        )
    if "start" in data and "registration_deadline" not in data:
        deadline = start - series.deadline_before
    shared = {field: data[field] for field in TEMPLATE_FIELDS if field in data}
    schedule_changed = any(field in data for field in SCHEDULE_FIELDS)
    for occurrence in _following(series, event, now=now):
        changes = dict(shared)
        if schedule_changed:
            day = timezone.localtime(occurrence.start, zone).date()
            occurrence_begins = datetime.combine(day, timezone.localtime(start, zone).time(), tzinfo=zone)
            changes["start"] = occurrence_begins
            changes["end"] = occurrence_begins + (end - start)
            changes["registration_deadline"] = occurrence_begins - (start - deadline)
        event_update(event_id=occurrence.id, user=user, data=changes)
    for field, value in shared.items():
        series.template["category_id" if field == "category" else field] = value.id if field == "category" else value
    if schedule_changed:
        series.start_time = timezone.localtime(start, zone).time().replace(microsecond=0)
        series.duration = end - start
        series.deadline_before = start - deadline
    series.save()
    event.refresh_from_db()
    return event


@transaction.atomic
def series_cancel_following(*, event_id: int, user: User, reason: str = "") -> Event:
    """Cancel this occurrence and every later one, and end the series (no more are generated).
    Each cancelled occurrence tells its own participants only."""
    event = event_lock_for_manager(event_id=event_id, user=user)
    series = _lock_series_of(event)
    now = timezone.now()
    assert event.occurrence_date is not None
    for occurrence in _following(series, event, now=now):
        event_cancel(event_id=occurrence.id, user=user, reason=reason)
    if event.occurrence_date > series.first_date:
        series.until, series.count = event.occurrence_date - timedelta(days=1), None
    series.ended_at = now
    series.save(update_fields=["until", "count", "ended_at", "updated_at"])
    event.refresh_from_db()
    return event


# ---------------------------------------------------------------- "Participar de todos"
def _series_for_volunteer(series_id: int) -> EventSeries:
    series = EventSeries.objects.select_for_update().filter(pk=series_id).first()
    if (
        series is None
        or not series.occurrences.filter(
            status__in=[EventStatus.PUBLISHED, EventStatus.COMPLETED], visibility=Event.Visibility.PUBLIC
        ).exists()
    ):
        raise NotFound(_("Series not found."))
    return series


@transaction.atomic
def series_join_all(*, series_id: int, user: User) -> int:
    """Join every upcoming occurrence open for sign-ups now and each one generated later, each with
    its own rules (a full one puts the person on its waitlist). Returns how many were joined now."""
    series = _series_for_volunteer(series_id)
    if series.ended_at is not None:
        raise Conflict(_("This series has ended."), code="series_ended")
    if series.organizer_id == user.id:
        raise ApplicationError(_("You organize this series; no need to sign up."), code="is_organizer")
    _subscription, created = SeriesSubscription.objects.get_or_create(series=series, user=user)
    if not created:
        raise Conflict(_("You already take part in every mutirão of this series."), code="already_joined")
    joined = 0
    for occurrence in series.occurrences.filter(status=EventStatus.PUBLISHED, start__gt=timezone.now()).order_by(
        "start"
    ):
        try:
            participation_join(event_id=occurrence.id, user=user)
        except ApplicationError:
            continue
        joined += 1
    return joined


@transaction.atomic
def series_leave_all(*, series_id: int, user: User) -> None:
    """Stop being signed up to new occurrences; the occurrences already joined stay (leave each one)."""
    series = _series_for_volunteer(series_id)
    if not SeriesSubscription.objects.filter(series=series, user=user).delete()[0]:
        raise Conflict(_("You are not signed up to every mutirão of this series."), code="not_joined")
