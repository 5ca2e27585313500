"""Mutirão and participation rules.

Every rule that spans rows runs under the event's row lock (`select_for_update`), so
capacity holds under concurrent requests on any number of replicas. Side effects
(notifications) are recorded in the same transaction and delivered after commit.
"""

from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import IO, Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mutiroes.core.cache import generation_bump_on_commit
from mutiroes.core.exceptions import ApplicationError, Conflict, Forbidden, NotFound
from mutiroes.core.images import image_clean, image_name
from mutiroes.core.metrics import CHECKINS, EVENTS_PUBLISHED, JOINS, count_on_commit
from mutiroes.core.model_update import model_update
from mutiroes.events import rules
from mutiroes.events.models import Event, Participation
from mutiroes.events.selectors import LISTING_GENERATION
from mutiroes.notifications import services as notifications
from mutiroes.users.models import User

Status = Participation.Status
EventStatus = Event.Status

EDITABLE_FIELDS = (
    "title",
    "description",
    "category",
    "address",
    "city",
    "state",
    "latitude",
    "longitude",
    "start",
    "end",
    "registration_deadline",
    "capacity",
    "min_age",
    "requires_approval",
    "visibility",
    "what_to_bring",
    "tools_provided",
)
# A change to any of these is news to everyone signed up.
NOTIFIABLE_FIELDS = ("start", "end", "address", "city", "state", "latitude", "longitude")


def _listing_changed() -> None:
    generation_bump_on_commit(LISTING_GENERATION)


# ---------------------------------------------------------------- permissions
def _lock_event(event_id: int) -> Event:
    try:
        return Event.objects.select_for_update().get(pk=event_id)
    except Event.DoesNotExist as exc:
        raise NotFound(_("Mutirão not found.")) from exc


def event_lock_for_manager(*, event_id: int, user: User) -> Event:
    """The event, locked for a change by those who manage it: 404 for a hidden draft, 403 otherwise."""
    event = _lock_event(event_id)
    if not rules.can_manage(event=event, user=user):
        if event.status == EventStatus.DRAFT:
            raise NotFound(_("Mutirão not found."))
        raise Forbidden(_("Only the organizer can manage this mutirão."))
    return event


# ---------------------------------------------------------------- validation
def _validate_schedule(event: Event, *, now: datetime, changed: set[str]) -> None:
    errors: dict[str, list[str]] = {}
    if event.end <= event.start:
        errors["end"] = [_("The end must be after the start.")]
    if event.registration_deadline > event.start:
        errors["registration_deadline"] = [_("Registration must close at or before the start.")]
    if event.end - event.start > timedelta(days=14):
        errors["end"] = [_("A mutirão can last at most 14 days.")]
    if changed & {"start", "end"} and event.start <= now:
        errors["start"] = [_("The start must be in the future.")]
    if errors:
        raise ApplicationError(_("Check the dates."), errors=errors)


def _validate_place(event: Event) -> None:
    errors: dict[str, list[str]] = {}
    if not -90 <= event.latitude <= 90:
        errors["latitude"] = [_("Latitude must be between -90 and 90.")]
    if not -180 <= event.longitude <= 180:
        errors["longitude"] = [_("Longitude must be between -180 and 180.")]
    if errors:
        raise ApplicationError(_("Check the location."), errors=errors)


# ---------------------------------------------------------------- mutirões
@transaction.atomic
def event_create(*, organizer: User, data: dict[str, Any], publish: bool = False) -> Event:
    now = timezone.now()
    event = Event(organizer=organizer)
    model_update(instance=event, fields=EDITABLE_FIELDS, data=data)
    if "registration_deadline" not in data:
        event.registration_deadline = event.start
    _validate_schedule(event, now=now, changed={"start", "end"})
    _validate_place(event)
    if publish:
        event.status = EventStatus.PUBLISHED
        event.published_at = now
    event.save()
    if publish:
        _listing_changed()
        count_on_commit(EVENTS_PUBLISHED)
    return event


@transaction.atomic
def event_update(*, event_id: int, user: User, data: dict[str, Any]) -> Event:
    event = event_lock_for_manager(event_id=event_id, user=user)
    if not rules.is_editable(event):
        raise Conflict(_("A cancelled or completed mutirão can no longer be edited."), code="event_closed")
    now = timezone.now()
    started, old_capacity = event.start <= now, event.capacity
    changed = set(model_update(instance=event, fields=EDITABLE_FIELDS, data=data))
    if not changed:
        return event
    if started and changed & {"start", "end", "capacity", "registration_deadline"}:
        raise Conflict(_("The mutirão has already started; its schedule can't change."), code="event_started")
    if "start" in changed and "registration_deadline" not in data and event.registration_deadline > event.start:
        event.registration_deadline = event.start
        changed.add("registration_deadline")
    if event.capacity < event.confirmed_count:
        raise ApplicationError(
            _("Capacity can't be lower than the %(count)d confirmed participants.") % {"count": event.confirmed_count},
            errors={"capacity": [_("Capacity can't be lower than the confirmed participants.")]},
        )
    _validate_schedule(event, now=now, changed=changed)
    _validate_place(event)
    event.save()
    _listing_changed()
    if event.capacity > old_capacity:
        _promote_from_waitlist(event)
    if event.status == EventStatus.PUBLISHED and changed & set(NOTIFIABLE_FIELDS):
        notifications.event_changed_notify(event=event)
    return event


@transaction.atomic
def event_delete(*, event_id: int, user: User) -> None:
    event = event_lock_for_manager(event_id=event_id, user=user)
    if event.status != EventStatus.DRAFT:
        raise Conflict(_("Only drafts can be deleted; cancel the mutirão instead."), code="not_draft")
    event.delete()


@transaction.atomic
def event_publish(*, event_id: int, user: User) -> Event:
    event = event_lock_for_manager(event_id=event_id, user=user)
    if event.status == EventStatus.PUBLISHED:
        raise Conflict(_("The mutirão is already published."), code="already_published")
    if event.status != EventStatus.DRAFT:
        raise Conflict(_("Only drafts can be published."), code="not_draft")
    if event.start <= timezone.now():
        raise ApplicationError(
            _("The start must be in the future."), errors={"start": [_("The start must be in the future.")]}
        )
    event.status = EventStatus.PUBLISHED
    event.published_at = timezone.now()
    event.save(update_fields=["status", "published_at", "updated_at"])
    _listing_changed()
    count_on_commit(EVENTS_PUBLISHED)
    return event


@transaction.atomic
def event_cancel(*, event_id: int, user: User, reason: str = "") -> Event:
    event = event_lock_for_manager(event_id=event_id, user=user)
    if event.status == EventStatus.CANCELLED:
        raise Conflict(_("The mutirão is already cancelled."), code="already_cancelled")
    if not rules.is_cancellable(event):
        raise Conflict(_("A completed mutirão can't be cancelled."), code="event_closed")
    was_published = event.status == EventStatus.PUBLISHED
    event.status = EventStatus.CANCELLED
    event.cancelled_at = timezone.now()
    event.cancellation_reason = reason
    event.save(update_fields=["status", "cancelled_at", "cancellation_reason", "updated_at"])
    _listing_changed()
    if was_published:
        notifications.event_cancelled_notify(event=event)
    return event


def event_complete_if_finished(*, event: Event, now: datetime) -> bool:
    """The events side of completing a mutirão whose end has passed (the caller holds its lock).
    Only `mutiroes.impact.services.event_complete` calls it: completing has consequences there."""
    if not rules.is_finished(event, now=now):
        return False
    event.status = EventStatus.COMPLETED
    event.save(update_fields=["status", "updated_at"])
    _listing_changed()
    return True


@transaction.atomic
def event_cover_set(*, event_id: int, user: User, upload: IO[bytes], size: int) -> Event:
    """Replace the cover image with a checked, re-encoded copy of the upload."""
    event = event_lock_for_manager(event_id=event_id, user=user)
    clean = image_clean(upload, size=size)
    old = event.cover_image.name
    event.cover_image.save(image_name(clean), ContentFile(clean.content), save=False)
    event.save(update_fields=["cover_image", "updated_at"])
    _listing_changed()
    if old:
        transaction.on_commit(lambda: event.cover_image.storage.delete(old), robust=True)
    return event


@transaction.atomic
def event_cover_delete(*, event_id: int, user: User) -> Event:
    event = event_lock_for_manager(event_id=event_id, user=user)
    old = event.cover_image.name
    if old:
        event.cover_image = ""
        event.save(update_fields=["cover_image", "updated_at"])
        _listing_changed()
        transaction.on_commit(lambda: Event.cover_image.field.storage.delete(old), robust=True)
    return event


# ---------------------------------------------------------------- participation
def _ensure_registration_open(event: Event, *, user: User, now: datetime) -> None:
    if event.status != EventStatus.PUBLISHED:
        if event.status == EventStatus.DRAFT:
            raise NotFound(_("Mutirão not found."))
        raise ApplicationError(_("Registration for this mutirão is closed."), code="registration_closed")
    if not rules.registration_open(event, now=now):
        raise ApplicationError(_("Registration for this mutirão is closed."), code="registration_closed")
    if event.organizer_id == user.id:
        raise ApplicationError(_("You organize this mutirão; no need to sign up."), code="is_organizer")
    if not rules.old_enough(event, user):
        raise ApplicationError(
            _("This mutirão is for people aged %(age)d or over.") % {"age": event.min_age}, code="too_young"
        )


def _seat_status(event: Event) -> str:
    if event.requires_approval:
        return Status.PENDING
    if event.confirmed_count < event.capacity:
        return Status.CONFIRMED
    return Status.WAITLISTED


def _count(event: Event, status: str, delta: int) -> None:
    field: dict[str, str] = {
        Status.CONFIRMED: "confirmed_count",
        Status.WAITLISTED: "waitlist_count",
        Status.PENDING: "pending_count",
    }
    if status in field:
        setattr(event, field[status], getattr(event, field[status]) + delta)


def _set_status(participation: Participation, event: Event, new_status: str, *, now: datetime) -> None:
    """Move a participation to a new status, keeping the event's counters exact."""
    _count(event, participation.status, -1)
    _count(event, new_status, +1)
    participation.status = new_status
    participation.waitlisted_at = now if new_status == Status.WAITLISTED else None


def _save_counters(event: Event) -> None:
    event.save(update_fields=["confirmed_count", "waitlist_count", "pending_count", "updated_at"])
    _listing_changed()


def _promote_from_waitlist(event: Event) -> list[Participation]:
    """Fill free seats from the waitlist, first come first served. Caller holds the lock."""
    free = event.capacity - event.confirmed_count
    if free <= 0 or event.waitlist_count == 0 or event.status != EventStatus.PUBLISHED:
        return []
    now = timezone.now()
    promoted = list(
        Participation.objects.select_for_update()
        .filter(event=event, status=Status.WAITLISTED)
        .order_by("waitlisted_at", "id")[:free]
    )
    for participation in promoted:
        _set_status(participation, event, Status.CONFIRMED, now=now)
        participation.save(update_fields=["status", "waitlisted_at", "updated_at"])
        notifications.participation_notify(participation=participation, kind="promoted")
    _save_counters(event)
    return promoted


@transaction.atomic
def participation_join(*, event_id: int, user: User, emergency_contact: str = "", notes: str = "") -> Participation:
    event = _lock_event(event_id)
    now = timezone.now()
    _ensure_registration_open(event, user=user, now=now)
    participation = Participation.objects.select_for_update().filter(event=event, user=user).first()
    if participation is not None:
        if participation.status in Participation.ACTIVE:
            raise Conflict(_("You are already signed up for this mutirão."), code="already_joined")
        if participation.status == Status.REJECTED:
            raise Conflict(_("The organizer declined your request for this mutirão."), code="rejected")
    else:
        participation = Participation(event=event, user=user, status=Status.CANCELLED)
    new_status = _seat_status(event)
    _count(event, new_status, +1)
    participation.status = new_status
    participation.waitlisted_at = now if new_status == Status.WAITLISTED else None
    participation.emergency_contact = emergency_contact
    participation.notes = notes
    participation.save()
    _save_counters(event)
    notifications.participation_notify(participation=participation, kind=new_status)
    count_on_commit(JOINS.labels(status=new_status))
    return participation


def _lock_event_visible(*, event_id: int, user: User) -> Event:
    """The event, locked; a draft is not found for those who don't manage it."""
    event = _lock_event(event_id)
    if event.status == EventStatus.DRAFT and not rules.can_manage(event=event, user=user):
        raise NotFound(_("Mutirão not found."))
    return event


@transaction.atomic
def participation_leave(*, event_id: int, user: User) -> Participation:
    event = _lock_event_visible(event_id=event_id, user=user)
    participation = Participation.objects.select_for_update().filter(event=event, user=user).first()
    if participation is None or participation.status not in Participation.ACTIVE:
        raise Conflict(_("You are not signed up for this mutirão."), code="not_joined")
    if not rules.can_leave(participation, event, now=timezone.now()):
        if participation.checked_in_at is not None:
            raise Conflict(_("You have already checked in to this mutirão."), code="checked_in")
        raise ApplicationError(_("This mutirão has already started or ended."), code="event_started")
    was_confirmed = participation.status == Status.CONFIRMED
    _set_status(participation, event, Status.CANCELLED, now=timezone.now())
    participation.save(update_fields=["status", "waitlisted_at", "updated_at"])
    _save_counters(event)
    if was_confirmed:
        _promote_from_waitlist(event)
    return participation


def _lock_participation(*, event: Event, participation_id: int) -> Participation:
    try:
        return Participation.objects.select_for_update().get(pk=participation_id, event=event)
    except Participation.DoesNotExist as exc:
        raise NotFound(_("Participant not found.")) from exc


@transaction.atomic
def participation_approve(*, event_id: int, participation_id: int, user: User) -> Participation:
    event = event_lock_for_manager(event_id=event_id, user=user)
    participation = _lock_participation(event=event, participation_id=participation_id)
    if not rules.can_approve(participation, event):
        if participation.status != Status.PENDING:
            raise Conflict(_("Only pending requests can be approved."), code="not_pending")
        raise Conflict(_("This mutirão is no longer open."), code="event_closed")
    new_status = Status.CONFIRMED if event.confirmed_count < event.capacity else Status.WAITLISTED
    _set_status(participation, event, new_status, now=timezone.now())
    participation.save(update_fields=["status", "waitlisted_at", "updated_at"])
    _save_counters(event)
    notifications.participation_notify(participation=participation, kind="approved")
    return participation


@transaction.atomic
def participation_reject(*, event_id: int, participation_id: int, user: User) -> Participation:
    event = event_lock_for_manager(event_id=event_id, user=user)
    participation = _lock_participation(event=event, participation_id=participation_id)
    if not rules.can_reject(participation):
        if participation.status not in Participation.ACTIVE:
            raise Conflict(_("Only active participants can be rejected."), code="not_active")
        raise Conflict(_("This participant has already checked in."), code="checked_in")
    was_confirmed = participation.status == Status.CONFIRMED
    _set_status(participation, event, Status.REJECTED, now=timezone.now())
    participation.save(update_fields=["status", "waitlisted_at", "updated_at"])
    _save_counters(event)
    notifications.participation_notify(participation=participation, kind="rejected")
    if was_confirmed:
        _promote_from_waitlist(event)
    return participation


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
        return _check_in(_lock_participation(event=event, participation_id=participation_id), event, now=timezone.now())
    by_code = Participation.objects.select_for_update().filter(event=event, code=(code or "").strip().upper()).first()
    if by_code is None:
        raise NotFound(_("No participant with this code in this mutirão."), code="unknown_code")
    return _check_in(by_code, event, now=timezone.now())


@transaction.atomic
def participation_self_check_in(*, event_id: int, user: User, code: str) -> Participation:
    event = _lock_event_visible(event_id=event_id, user=user)
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
    participation = _lock_participation(event=event, participation_id=participation_id)
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


@transaction.atomic
def participations_erase_personal_data(*, user: User) -> None:
    """LGPD: forget the private fields; leave active sign-ups to free their seats."""
    now = timezone.now()
    upcoming = Participation.objects.filter(
        user=user,
        status__in=Participation.ACTIVE,
        checked_in_at__isnull=True,
        event__status=EventStatus.PUBLISHED,
        event__start__gt=now,
    )
    active = list(upcoming.values_list("event_id", flat=True))
    for event_id in active:
        participation_leave(event_id=event_id, user=user)
    Participation.objects.filter(user=user).update(emergency_contact="", notes="")
