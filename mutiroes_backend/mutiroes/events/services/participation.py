"""Sign-ups: join, leave, approve, reject, the waitlist and its promotion, with the counters kept
exact: under the event's lock, except a first sign-up, which counts itself with a conditional
UPDATE as its last statement (`participation_join`). Notifications are recorded in the same
transaction."""

from datetime import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from mutiroes.core.compiled import CompiledRow, CompiledUpdate
from mutiroes.core.exceptions import ApplicationError, Conflict, NotFound
from mutiroes.core.metrics import JOINS, count_on_commit
from mutiroes.events import consents, hooks, rules
from mutiroes.events.models import Event, Participation
from mutiroes.events.services.locks import (
    event_lock_for_manager,
    listing_changed,
    lock_event_visible,
    lock_participation,
)
from mutiroes.users.models import User

Status = Participation.Status
EventStatus = Event.Status


def _ensure_registration_open(event: Event, *, user: User, now: datetime) -> None:
    if event.status != EventStatus.PUBLISHED:
        if event.status == EventStatus.DRAFT:
            raise NotFound(_("Mutirão not found."))
        raise ApplicationError(_("Registration for this mutirão is closed."), code="registration_closed")
    if not rules.registration_open(event, now=now):
        raise ApplicationError(_("Registration for this mutirão is closed."), code="registration_closed")
    if event.organizer_id == user.id:
        raise ApplicationError(_("You organize this mutirão; no need to sign up."), code="is_organizer")
    if event.min_age and not user.birth_date:
        raise ApplicationError(
            _("This mutirão has a minimum age: add your birth date to your profile to sign up."),
            code="birth_date_required",
        )
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


def set_status(participation: Participation, event: Event, new_status: str, *, now: datetime) -> None:
    """Move a participation to a new status, keeping the event's counters exact."""
    _count(event, participation.status, -1)
    _count(event, new_status, +1)
    participation.status = new_status
    participation.waitlisted_at = now if new_status == Status.WAITLISTED else None


def save_counters(event: Event) -> None:
    event.save(update_fields=["confirmed_count", "waitlist_count", "pending_count", "updated_at"])
    listing_changed()


def promote_from_waitlist(event: Event) -> list[Participation]:
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
        set_status(participation, event, Status.CONFIRMED, now=now)
        participation.save(update_fields=["status", "waitlisted_at", "updated_at"])
        hooks.participation_changed(participation=participation, kind="promoted")
    save_counters(event)
    return promoted


def _record_consents(
    participation: Participation,
    event: Event,
    *,
    user: User,
    now: datetime,
    accept_waiver: bool,
    image_consent: bool,
    guardian_consent: bool,
    guardian_name: str,
) -> None:
    """Refuse the sign-up when a required consent is missing; record what was accepted, when."""
    asked = {ask.kind: ask for ask in consents.consents_asked(event, user)}
    guardian_name = guardian_name.strip()
    if "waiver" in asked and not accept_waiver:
        message = _("Accept the term of responsibility to sign up for this mutirão.")
        raise ApplicationError(message, code="waiver_required", errors={"accept_waiver": [message]})
    if "guardian" in asked and not (guardian_consent and guardian_name):
        message = _("People under 18 need a guardian's consent, with the guardian's full name, to sign up.")
        field = "guardian_name" if guardian_consent else "guardian_consent"
        raise ApplicationError(message, code="guardian_consent_required", errors={field: [message]})
    participation.consent_version = consents.CONSENT_VERSION if asked else ""
    participation.waiver_accepted_at = now if "waiver" in asked else None
    participation.image_consent_at = now if "image_use" in asked and image_consent else None
    guardian = "guardian" in asked
    participation.guardian_consent_at = now if guardian else None
    participation.guardian_name = guardian_name if guardian else ""


# How many times a new sign-up tries to take its place without the event's lock before it waits
# for the lock (each failed try means another sign-up or a change committed in between).
JOIN_TRIES = 4


class _PlaceTaken(Exception):
    """The place a new sign-up prepared (a seat, the waitlist, a request) is no longer what the
    mutirão gives: its transaction is rolled back and the sign-up tries again."""


def _join_checks(event: Event, participation: Participation | None, *, user: User, now: datetime) -> None:
    """What refuses a sign-up, in the order the person is told."""
    _ensure_registration_open(event, user=user, now=now)
    if participation is not None:
        if participation.status in Participation.ACTIVE:
            raise Conflict(_("You are already signed up for this mutirão."), code="already_joined")
        if participation.status == Status.REJECTED:
            raise Conflict(_("The organizer declined your request for this mutirão."), code="rejected")


def _places(status: str, *, event_id: int, now: datetime) -> tuple[QuerySet[Event], dict[str, Any]]:
    """The mutirão if it still gives `status` now, and the UPDATE that counts one more there."""
    open_events = Event.objects.filter(
        pk=event_id, status=EventStatus.PUBLISHED, registration_deadline__gte=now, start__gt=now
    )
    if status == Status.PENDING:
        places = open_events.filter(requires_approval=True)
        counter = "pending_count"
    elif status == Status.CONFIRMED:
        places = open_events.filter(requires_approval=False, confirmed_count__lt=F("capacity"))
        counter = "confirmed_count"
    else:
        places = open_events.filter(requires_approval=False, confirmed_count__gte=F("capacity"))
        counter = "waitlist_count"
    return places, {counter: F(counter) + 1, "updated_at": now}


# The join's reads and its counters' UPDATE, compiled once per process (`core/compiled.py`).
_TAKE_PLACE: dict[str, CompiledUpdate] = {
    status: CompiledUpdate(
        lambda event_id, now, status=status: _places(status, event_id=event_id, now=now), event_id=int, now=datetime
    )
    for status in (Status.CONFIRMED, Status.WAITLISTED, Status.PENDING)
}
_EVENT_ROW = CompiledRow(lambda event_id: Event.objects.filter(pk=event_id).order_by()[:1], event_id=int)
_PARTICIPATION_ROW = CompiledRow(
    lambda event_id, user_id: Participation.objects.filter(event_id=event_id, user_id=user_id).order_by()[:1],
    event_id=int,
    user_id=int,
)


def _take_place(event: Event, status: str, *, now: datetime) -> bool:
    """Count one more `status` on the mutirão if that is still the place it gives now, in one
    conditional UPDATE: the row lock it takes is held only until the sign-up commits."""
    return _TAKE_PLACE[status].run(event_id=event.pk, now=now) == 1


def _event_row(event_id: int) -> Event | None:
    return _EVENT_ROW.first(event_id=event_id)


def _participation_row(event: Event, user: User) -> Participation | None:
    return _PARTICIPATION_ROW.first(event_id=event.pk, user_id=user.pk)


def participation_join(
    *,
    event_id: int,
    user: User,
    emergency_contact: str = "",
    notes: str = "",
    accept_waiver: bool = False,
    image_consent: bool = False,
    guardian_consent: bool = False,
    guardian_name: str = "",
) -> Participation:
    """Sign up: a seat while there is one, else the waitlist; a request if the organizer approves.

    A first sign-up does every check and write before it touches the mutirão's row: it reads the
    mutirão, decides the place from its counters, writes the participation and its notification,
    and only then counts itself with a conditional UPDATE (`_take_place`), the last statement
    before the commit. Sign-ups for one mutirão therefore wait for each other only from that
    UPDATE to the commit; the database keeps the capacity (the UPDATE's condition, `CHECK
    (confirmed_count <= capacity)`, `UNIQUE (event, user)`). If the place changed meanwhile (the
    last seat was taken), the transaction is rolled back and the sign-up decides again from the
    mutirão as it is now. Signing up again after leaving reuses the existing row: that takes the
    event's lock first, as every other change of a participation does (one lock order)."""
    consent: dict[str, Any] = {
        "accept_waiver": accept_waiver,
        "image_consent": image_consent,
        "guardian_consent": guardian_consent,
        "guardian_name": guardian_name,
    }
    for _try in range(JOIN_TRIES):
        event = _event_row(event_id)
        if event is None or not rules.can_see(event=event, user=user):
            raise NotFound(_("Mutirão not found."))
        now = timezone.now()
        existing = _participation_row(event, user)
        _join_checks(event, existing, user=user, now=now)
        if existing is not None:
            break  # signing up again: under the event's lock
        participation = Participation(
            event=event, user=user, emergency_contact=emergency_contact, notes=notes, status=_seat_status(event)
        )
        _record_consents(participation, event, user=user, now=now, **consent)
        try:
            with transaction.atomic():
                return _join_new(participation, event, now=now)
        except _PlaceTaken:
            continue
        except IntegrityError as exc:
            # The same person signing up twice at once: the other sign-up holds UNIQUE (event, user).
            if Participation.objects.filter(event=event, user=user).exists():
                raise Conflict(_("You are already signed up for this mutirão."), code="already_joined") from exc
            raise
    return _join_locked(event_id=event_id, user=user, emergency_contact=emergency_contact, notes=notes, consent=consent)


def _join_new(participation: Participation, event: Event, *, now: datetime) -> Participation:
    status = participation.status
    participation.waitlisted_at = now if status == Status.WAITLISTED else None
    participation.save(force_insert=True)
    _joined(participation, status)
    if not _take_place(event, status, now=now):
        raise _PlaceTaken
    _count(event, status, +1)
    listing_changed()
    return participation


def _joined(participation: Participation, status: str) -> None:
    hooks.participation_changed(participation=participation, kind=status)
    count_on_commit(JOINS.labels(status=status))


@transaction.atomic
def _join_locked(
    *, event_id: int, user: User, emergency_contact: str, notes: str, consent: dict[str, Any]
) -> Participation:
    """A sign-up decided under the event's row lock (signing up again, or after JOIN_TRIES)."""
    event = lock_event_visible(event_id=event_id, user=user)
    now = timezone.now()
    participation = Participation.objects.select_for_update().filter(event=event, user=user).first()
    _join_checks(event, participation, user=user, now=now)
    if participation is None:
        participation = Participation(event=event, user=user, status=Status.CANCELLED)
    _record_consents(participation, event, user=user, now=now, **consent)
    new_status = _seat_status(event)
    _count(event, new_status, +1)
    participation.status = new_status
    participation.waitlisted_at = now if new_status == Status.WAITLISTED else None
    participation.emergency_contact = emergency_contact
    participation.notes = notes
    participation.save()
    save_counters(event)
    _joined(participation, new_status)
    return participation


@transaction.atomic
def participation_leave(*, event_id: int, user: User) -> Participation:
    event = lock_event_visible(event_id=event_id, user=user)
    participation = Participation.objects.select_for_update().filter(event=event, user=user).first()
    if participation is None or participation.status not in Participation.ACTIVE:
        raise Conflict(_("You are not signed up for this mutirão."), code="not_joined")
    if not rules.can_leave(participation, event, now=timezone.now()):
        if participation.checked_in_at is not None:
            raise Conflict(_("You have already checked in to this mutirão."), code="checked_in")
        raise ApplicationError(_("This mutirão has already started or ended."), code="event_started")
    was_confirmed = participation.status == Status.CONFIRMED
    set_status(participation, event, Status.CANCELLED, now=timezone.now())
    participation.save(update_fields=["status", "waitlisted_at", "updated_at"])
    save_counters(event)
    if was_confirmed:
        promote_from_waitlist(event)
    return participation


@transaction.atomic
def participation_approve(*, event_id: int, participation_id: int, user: User) -> Participation:
    event = event_lock_for_manager(event_id=event_id, user=user)
    participation = lock_participation(event=event, participation_id=participation_id)
    if not rules.can_approve(participation, event):
        if participation.status != Status.PENDING:
            raise Conflict(_("Only pending requests can be approved."), code="not_pending")
        raise Conflict(_("This mutirão is no longer open."), code="event_closed")
    new_status = Status.CONFIRMED if event.confirmed_count < event.capacity else Status.WAITLISTED
    set_status(participation, event, new_status, now=timezone.now())
    participation.save(update_fields=["status", "waitlisted_at", "updated_at"])
    save_counters(event)
    hooks.participation_changed(participation=participation, kind="approved")
    return participation


@transaction.atomic
def participation_reject(*, event_id: int, participation_id: int, user: User, reason: str = "") -> Participation:
    """Decline a request, or remove someone signed up (confirmed or waitlisted), telling them why."""
    event = event_lock_for_manager(event_id=event_id, user=user)
    participation = lock_participation(event=event, participation_id=participation_id)
    if not rules.can_reject(participation):
        if participation.status not in Participation.ACTIVE:
            raise Conflict(_("Only active participants can be rejected."), code="not_active")
        raise Conflict(_("This participant has already checked in."), code="checked_in")
    was_confirmed = participation.status == Status.CONFIRMED
    # A request is declined; someone already in (confirmed or waitlisted) is removed.
    kind = "rejected" if participation.status == Status.PENDING else "removed"
    set_status(participation, event, Status.REJECTED, now=timezone.now())
    participation.rejection_reason = reason.strip()
    participation.save(update_fields=["status", "waitlisted_at", "rejection_reason", "updated_at"])
    save_counters(event)
    hooks.participation_changed(participation=participation, kind=kind)
    if was_confirmed:
        promote_from_waitlist(event)
    return participation


@transaction.atomic
def participation_restore(*, event_id: int, participation_id: int, user: User) -> Participation:
    """Undo a rejection: the person gets a seat if there is one, else the waitlist; told either way."""
    event = event_lock_for_manager(event_id=event_id, user=user)
    participation = lock_participation(event=event, participation_id=participation_id)
    if not rules.can_restore(participation, event, now=timezone.now()):
        if participation.status != Status.REJECTED:
            raise Conflict(_("Only rejected participants can be brought back."), code="not_rejected")
        raise Conflict(_("This mutirão is no longer open."), code="event_closed")
    new_status = Status.CONFIRMED if event.confirmed_count < event.capacity else Status.WAITLISTED
    set_status(participation, event, new_status, now=timezone.now())
    participation.rejection_reason = ""
    participation.save(update_fields=["status", "waitlisted_at", "rejection_reason", "updated_at"])
    save_counters(event)
    hooks.participation_changed(
        participation=participation, kind="approved" if new_status == Status.CONFIRMED else "waitlisted"
    )
    return participation


@transaction.atomic
def participation_no_show_set(*, event_id: int, participation_id: int, user: User, no_show: bool) -> Participation:
    """Mark (or unmark) a confirmed person who did not come, once the mutirão has started."""
    event = event_lock_for_manager(event_id=event_id, user=user)
    participation = lock_participation(event=event, participation_id=participation_id)
    if no_show and not rules.can_mark_no_show(participation, event, now=timezone.now()):
        if participation.status != Status.CONFIRMED:
            raise Conflict(_("Only confirmed participants can be marked as absent."), code="not_confirmed")
        if participation.checked_in_at is not None:
            raise Conflict(_("This participant has already checked in."), code="checked_in")
        raise Conflict(_("Absences are marked once the mutirão has started."), code="not_started")
    if participation.no_show != no_show:
        participation.no_show = no_show
        participation.save(update_fields=["no_show", "updated_at"])
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
