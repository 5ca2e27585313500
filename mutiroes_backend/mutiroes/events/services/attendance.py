"""Attendance: check-in (by the organizer, by code or by the participant) and check-out with hours."""

from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _

from mutiroes.core.exceptions import ApplicationError, Conflict, NotFound
from mutiroes.core.metrics import CHECKINS, count_on_commit
from mutiroes.events import rules
from mutiroes.events.checkin_attempts import checkin_attempt_failed, checkin_attempts_ensure_allowed
from mutiroes.events.models import Event, Participation, new_event_code
from mutiroes.events.services.locks import event_lock_for_manager, lock_event_visible, lock_participation
from mutiroes.users.models import User

Status = Participation.Status
EventStatus = Event.Status


def _ensure_can_check_in(participation: Participation, event: Event, *, now: datetime) -> None:
    if participation.status != Status.CONFIRMED:
        raise Conflict(_("Only confirmed participants can check in."), code="not_confirmed")
    if participation.checked_in_at is not None:
        raise Conflict(_("Already checked in."), code="already_checked_in")
    if event.status not in (EventStatus.PUBLISHED, EventStatus.COMPLETED):
        raise Conflict(_("This mutirão is not happening."), code="event_closed")
    if not rules.checkin_window_open(event, now=now):
        raise ApplicationError(rules.checkin_window_message(), code="checkin_closed")


def _moment(at: datetime | None) -> datetime:
    """When an attendance change happened: now, or the time a device recorded it while offline
    (never in the future beyond the allowed clock skew, and then no later than now)."""
    now = timezone.now()
    if at is None:
        return now
    if at > now + rules.DEVICE_CLOCK_SKEW:
        raise ApplicationError(
            _("The time of this check-in or check-out is in the future; check the device's clock."),
            code="time_in_future",
            errors={"occurred_at": [_("This time is in the future.")]},
        )
    return min(at, now)


def _check_in(participation: Participation, event: Event, *, now: datetime) -> Participation:
    _ensure_can_check_in(participation, event, now=now)
    # Early arrivals count from the start: hours are time spent in the mutirão.
    participation.checked_in_at = max(now, event.start)
    participation.no_show = False  # came after all
    participation.save(update_fields=["checked_in_at", "no_show", "updated_at"])
    count_on_commit(CHECKINS)
    return participation


@transaction.atomic
def participation_check_in(
    *,
    event_id: int,
    user: User,
    participation_id: int | None = None,
    code: str | None = None,
    at: datetime | None = None,
) -> Participation:
    """The organizer checks a participant in, by id or by the participant's personal code; `at` is
    when it happened on a device that was offline (the check-in window is judged at that time)."""
    event = event_lock_for_manager(event_id=event_id, user=user)
    moment = _moment(at)
    if participation_id is not None:
        return _check_in(lock_participation(event=event, participation_id=participation_id), event, now=moment)
    by_code = Participation.objects.select_for_update().filter(event=event, code=(code or "").strip().upper()).first()
    if by_code is None:
        raise NotFound(_("No participant with this code in this mutirão."), code="unknown_code")
    return _check_in(by_code, event, now=moment)


def participation_self_check_in(*, event_id: int, user: User, code: str) -> Participation:
    """Check oneself in with the event's code. The window and one's own status are checked before
    the code (a wrong code never tells anything else), wrong codes are counted with a lockout,
    and only a right code takes the event's lock."""
    event = Event.objects.filter(pk=event_id).first()
    if event is None or not rules.can_see(event=event, user=user):
        raise NotFound(_("Mutirão not found."))
    participation = Participation.objects.filter(event=event, user=user).first()
    if participation is None or participation.status not in Participation.ACTIVE:
        raise Conflict(_("You are not signed up for this mutirão."), code="not_joined")
    _ensure_can_check_in(participation, event, now=timezone.now())
    checkin_attempts_ensure_allowed(event_id=event.id, user_id=user.id)
    wrong = ApplicationError(_("Wrong check-in code."), code="wrong_code", errors={"code": [_("Wrong check-in code.")]})
    if not constant_time_compare(code.strip().upper(), event.checkin_code):
        checkin_attempt_failed(event_id=event.id, user_id=user.id)
        raise wrong
    with transaction.atomic():
        event = lock_event_visible(event_id=event_id, user=user)
        participation = Participation.objects.select_for_update().get(pk=participation.pk)
        if not constant_time_compare(code.strip().upper(), event.checkin_code):  # rotated meanwhile
            raise wrong
        return _check_in(participation, event, now=timezone.now())


@transaction.atomic
def event_checkin_code_rotate(*, event_id: int, user: User) -> Event:
    """A new event code (the old one, if it leaked, stops working)."""
    event = event_lock_for_manager(event_id=event_id, user=user)
    event.checkin_code = new_event_code()
    event.save(update_fields=["checkin_code", "updated_at"])
    return event


def hours_between(*, event: Event, checked_in_at: datetime, checked_out_at: datetime) -> Decimal:
    """Volunteer hours: time between check-in and check-out, capped by the event's duration."""
    worked = min(checked_out_at - checked_in_at, event.end - event.start)
    hours = Decimal(max(worked.total_seconds(), 0)) / Decimal(3600)
    return hours.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@transaction.atomic
def participation_check_out(
    *,
    event_id: int,
    participation_id: int,
    user: User,
    hours: Decimal | None = None,
    at: datetime | None = None,
) -> Participation:
    """Record the check-out (`at`: when it happened on an offline device). The organizer may
    correct the hours (never above the event's duration)."""
    event = event_lock_for_manager(event_id=event_id, user=user)
    moment = _moment(at)
    participation = lock_participation(event=event, participation_id=participation_id)
    checked_in_at = participation.checked_in_at
    if checked_in_at is None or not rules.can_check_out(participation):
        raise Conflict(_("Check the participant in first."), code="not_checked_in")
    if participation.checked_out_at is None:
        participation.checked_out_at = max(moment, checked_in_at)
    computed = hours_between(event=event, checked_in_at=checked_in_at, checked_out_at=participation.checked_out_at)
    if hours is not None:
        cap = hours_between(event=event, checked_in_at=event.start, checked_out_at=event.end)
        if hours < 0 or hours > cap:
            raise ApplicationError(
                _("Hours must be between 0 and the mutirão's duration (%(cap)s h).") % {"cap": cap},
                errors={"hours": [_("Hours must be between 0 and the mutirão's duration.")]},
            )
        computed = hours.quantize(Decimal("0.01"))
    participation.hours = computed
    participation.save(update_fields=["checked_out_at", "hours", "updated_at"])
    return participation
