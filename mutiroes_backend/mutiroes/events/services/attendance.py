"""Attendance: check-in (by the organizer, by code or by the participant) and check-out with hours."""

from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mutiroes.core.exceptions import ApplicationError, Conflict, NotFound
from mutiroes.core.metrics import CHECKINS, count_on_commit
from mutiroes.events import rules
from mutiroes.events.models import Event, Participation
from mutiroes.events.services.locks import event_lock_for_manager, lock_event_visible, lock_participation
from mutiroes.users.models import User

Status = Participation.Status
EventStatus = Event.Status


def _check_in(participation: Participation, event: Event, *, now: datetime) -> Participation:
    if participation.status != Status.CONFIRMED:
        raise Conflict(_("Only confirmed participants can check in."), code="not_confirmed")
    if participation.checked_in_at is not None:
        raise Conflict(_("Already checked in."), code="already_checked_in")
    if event.status not in (EventStatus.PUBLISHED, EventStatus.COMPLETED):
        raise Conflict(_("This mutirão is not happening."), code="event_closed")
    if not rules.checkin_window_open(event, now=now):
        raise ApplicationError(rules.checkin_window_message(), code="checkin_closed")
    # Early arrivals count from the start: hours are time spent in the mutirão.
    participation.checked_in_at = max(now, event.start)
    participation.save(update_fields=["checked_in_at", "updated_at"])
    count_on_commit(CHECKINS)
    return participation


@transaction.atomic
def participation_check_in(
    *, event_id: int, user: User, participation_id: int | None = None, code: str | None = None
) -> Participation:
    """The organizer checks a participant in, by id or by the participant's personal code."""
    event = event_lock_for_manager(event_id=event_id, user=user)
    if participation_id is not None:
        return _check_in(lock_participation(event=event, participation_id=participation_id), event, now=timezone.now())
    by_code = Participation.objects.select_for_update().filter(event=event, code=(code or "").strip().upper()).first()
    if by_code is None:
        raise NotFound(_("No participant with this code in this mutirão."), code="unknown_code")
    return _check_in(by_code, event, now=timezone.now())


@transaction.atomic
def participation_self_check_in(*, event_id: int, user: User, code: str) -> Participation:
    event = lock_event_visible(event_id=event_id, user=user)
    participation = Participation.objects.select_for_update().filter(event=event, user=user).first()
    if participation is None or participation.status not in Participation.ACTIVE:
        raise Conflict(_("You are not signed up for this mutirão."), code="not_joined")
    if code.strip().upper() != event.checkin_code:
        raise ApplicationError(
            _("Wrong check-in code."), code="wrong_code", errors={"code": [_("Wrong check-in code.")]}
        )
    return _check_in(participation, event, now=timezone.now())


def hours_between(*, event: Event, checked_in_at: datetime, checked_out_at: datetime) -> Decimal:
    """Volunteer hours: time between check-in and check-out, capped by the event's duration."""
    worked = min(checked_out_at - checked_in_at, event.end - event.start)
    hours = Decimal(max(worked.total_seconds(), 0)) / Decimal(3600)
    return hours.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@transaction.atomic
def participation_check_out(
    *, event_id: int, participation_id: int, user: User, hours: Decimal | None = None
) -> Participation:
    """Record the check-out. The organizer may correct the hours (never above the event's duration)."""
    event = event_lock_for_manager(event_id=event_id, user=user)
    participation = lock_participation(event=event, participation_id=participation_id)
    checked_in_at = participation.checked_in_at
    if checked_in_at is None or not rules.can_check_out(participation):
        raise Conflict(_("Check the participant in first."), code="not_checked_in")
    if participation.checked_out_at is None:
        participation.checked_out_at = max(timezone.now(), checked_in_at)
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
