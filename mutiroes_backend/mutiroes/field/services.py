"""Field mode's writes: attendance sent under a device's idempotency key, and the safety roll call.

Every change here runs under the mutirão's row lock (taken by the events services it calls, or
first here), so operations on one mutirão are serialized whichever replica serves them."""

from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from mutiroes.core.exceptions import ApplicationError, Conflict, NotFound
from mutiroes.events import services as events
from mutiroes.events.models import Event, Participation
from mutiroes.events.services.locks import event_lock_for_manager, lock_participation
from mutiroes.field import selectors
from mutiroes.field.models import AttendanceOperation, MissingPerson, RollCall
from mutiroes.notifications.models import Notification
from mutiroes.notifications.services import notification_create
from mutiroes.users.models import User

Action = AttendanceOperation.Action
LANGUAGE = "pt-br"


@dataclass(frozen=True)
class AttendanceOutcome:
    status_code: int
    body: dict[str, Any]
    replayed: bool


class KeyReused(ApplicationError):
    """The same idempotency key came with another request (422)."""

    status_code = 422
    default_code = "idempotency_key_reused"


def _participation_result(*, key: UUID, action: str, participation: Participation) -> dict[str, Any]:
    """What a device is told, and kept for its retries: ids and times, no names."""
    return {
        "key": str(key),
        "action": action,
        "participation_id": participation.id,
        "checked_in_at": participation.checked_in_at.isoformat() if participation.checked_in_at else None,
        "checked_out_at": participation.checked_out_at.isoformat() if participation.checked_out_at else None,
        "hours": str(participation.hours) if participation.hours is not None else None,
    }


def _apply(
    *, event_id: int, user: User, key: UUID, payload: dict[str, Any], at: datetime
) -> tuple[int, dict[str, Any]]:
    """Apply one operation in its own savepoint: a refusal by the rules is an answer to keep, not an error."""
    action = payload["action"]
    try:
        with transaction.atomic():
            if action == Action.CHECK_IN:
                participation = events.participation_check_in(
                    event_id=event_id,
                    user=user,
                    participation_id=payload["participation_id"],
                    code=payload["code"],
                    at=at,
                )
            else:
                hours = payload["hours"]
                participation = events.participation_check_out(
                    event_id=event_id,
                    participation_id=payload["participation_id"],
                    user=user,
                    hours=Decimal(hours) if hours is not None else None,
                    at=at,
                )
    except ApplicationError as exc:
        if exc.status_code in (401, 403):
            raise  # not the organizer: nothing is kept
        return exc.status_code, {"detail": str(exc.message), "code": exc.code}
    return 200, _participation_result(key=key, action=action, participation=participation)


@transaction.atomic
def attendance_operation_apply(
    *,
    event_id: int,
    user: User,
    key: UUID,
    action: str,
    occurred_at: datetime,
    participation_id: int | None = None,
    code: str | None = None,
    hours: Decimal | None = None,
) -> AttendanceOutcome:
    """A check-in or check-out made on a device (maybe offline), applied at most once per key.

    The first request with a key is applied and its answer (success or the rule that refused it)
    is kept; a retry with the same request gets that answer back; another request with the same
    key is refused (422) and changes nothing. Concurrent requests with one key: the mutirão's lock
    serializes those for one mutirão, and the unique key those for different ones."""
    event_lock_for_manager(event_id=event_id, user=user)
    payload = {
        "event_id": event_id,
        "action": action,
        "participation_id": participation_id,
        "code": code.strip().upper() if code else None,
        "occurred_at": occurred_at.astimezone(UTC).isoformat(),  # one instant, one spelling
        "hours": str(hours) if hours is not None else None,
    }
    kept = AttendanceOperation.objects.filter(actor=user, key=key).first()
    if kept is None:
        status_code, body = _apply(event_id=event_id, user=user, key=key, payload=payload, at=occurred_at)
        try:
            with transaction.atomic():
                AttendanceOperation.objects.create(
                    actor=user,
                    key=key,
                    event_id=event_id,
                    action=action,
                    payload=payload,
                    status_code=status_code,
                    response=body,
                )
            return AttendanceOutcome(status_code=status_code, body=body, replayed=False)
        except IntegrityError:
            # The same key at the same moment for another mutirão (the same request for the same
            # mutirão waits on its lock instead): the other request won, this one is undone.
            raise _key_reused() from None
    if kept.payload != payload:
        raise _key_reused()
    return AttendanceOutcome(status_code=kept.status_code, body=kept.response, replayed=True)


def _key_reused() -> KeyReused:
    return KeyReused(
        _("This operation key was already used for a different check-in or check-out. Nothing was changed."),
        errors={"key": [_("Already used for a different operation.")]},
    )


# ---------------------------------------------------------------- the safety roll call
def _ensure_roll_call_open(event: Event, *, now: datetime) -> None:
    if not selectors.roll_call_available(event, now=now):
        raise Conflict(_("The roll call opens when the mutirão starts."), code="roll_call_not_open")


def _notify_managers(*, event: Event, user: User, title: str, body: str) -> None:
    """Tell the organizer and the co-organizers, except the one who acted."""
    for user_id in selectors.event_manager_ids(event=event):
        if user_id != user.id:
            notification_create(
                user_id=user_id, kind=Notification.Kind.SAFETY_ALERT, title=title, body=body, event_id=event.id
            )


@transaction.atomic
def roll_call_missing_report(*, event_id: int, participation_id: int, user: User) -> MissingPerson:
    """Flag someone who checked in and is not back as missing; the other organizers are told at once."""
    event = event_lock_for_manager(event_id=event_id, user=user)
    now = timezone.now()
    _ensure_roll_call_open(event, now=now)
    participation = lock_participation(event=event, participation_id=participation_id)
    if not selectors.is_out(participation):
        raise Conflict(_("Only someone who checked in and has not checked out can be missing."), code="not_out")
    try:
        with transaction.atomic():
            missing = MissingPerson.objects.create(
                event=event, participation=participation, reported_by=user, reported_at=now
            )
    except IntegrityError:
        raise Conflict(_("This person is already flagged as missing."), code="already_missing") from None
    name = participation.user.name
    with override(LANGUAGE):
        _notify_managers(
            event=event,
            user=user,
            title=_("Missing at %(title)s: %(name)s") % {"title": event.title, "name": name},
            body=_(
                "%(who)s flagged %(name)s as missing at the roll call of %(title)s. "
                "Open the roll call to see their emergency contact."
            )
            % {"who": user.name, "name": name, "title": event.title},
        )
    return missing


@transaction.atomic
def roll_call_found(*, event_id: int, participation_id: int, user: User) -> Participation:
    """Someone flagged as missing is back: the flag is closed, they are checked out, the others told."""
    event = event_lock_for_manager(event_id=event_id, user=user)
    participation = lock_participation(event=event, participation_id=participation_id)
    missing = MissingPerson.objects.select_for_update().filter(participation=participation, found_at=None).first()
    if missing is None:
        raise NotFound(_("This person is not flagged as missing."), code="not_missing")
    now = timezone.now()
    missing.found_at = max(now, missing.reported_at)
    missing.found_by = user
    missing.save(update_fields=["found_at", "found_by"])
    if participation.checked_out_at is None:
        participation = events.participation_check_out(event_id=event_id, participation_id=participation_id, user=user)
    with override(LANGUAGE):
        _notify_managers(
            event=event,
            user=user,
            title=_("Found at %(title)s: %(name)s") % {"title": event.title, "name": participation.user.name},
            body=_("%(who)s marked %(name)s as back.") % {"who": user.name, "name": participation.user.name},
        )
    return participation


@transaction.atomic
def roll_call_all_back(*, event_id: int, user: User) -> RollCall:
    """ "Todos voltaram": everyone still out is checked out now and the roll call is closed. Refused
    while someone is flagged missing (they must be found first)."""
    event = event_lock_for_manager(event_id=event_id, user=user)
    now = timezone.now()
    _ensure_roll_call_open(event, now=now)
    if MissingPerson.objects.filter(event=event, found_at=None).exists():
        raise Conflict(
            _("Someone is still flagged as missing: mark them as found before closing the roll call."),
            code="someone_missing",
        )
    for participation_id in selectors.still_out_ids(event=event):
        events.participation_check_out(event_id=event_id, participation_id=participation_id, user=user)
    roll_call, _created = RollCall.objects.update_or_create(event=event, defaults={"closed_by": user, "closed_at": now})
    return roll_call
