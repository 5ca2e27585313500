"""Chain of custody rules: registering bags, handing them over, the receiver's confirmation
through a signed, single-use, expiring link."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import IO, Any

from django.core import signing
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mutiroes.core.exceptions import ApplicationError, Conflict, NotFound
from mutiroes.core.images import image_clean
from mutiroes.custody.models import Handover, WasteBag
from mutiroes.events.models import Event
from mutiroes.events.services import event_lock_for_manager
from mutiroes.users.models import User

LINK_SALT = "mutiroes.custody.handover"
LINK_VALID_FOR = timedelta(days=14)
BAGS_PER_EVENT = 2000
HELD = (Event.Status.PUBLISHED, Event.Status.COMPLETED)


@dataclass(frozen=True, kw_only=True)
class IssuedHandover:
    handover: Handover
    token: str


def _ensure_held(event: Event, *, now: datetime) -> None:
    if event.status not in HELD or event.start > now:
        raise Conflict(_("Bags are registered once the mutirão has started."), code="event_not_started")


# ---------------------------------------------------------------- bags
@transaction.atomic
def bags_register(*, event_id: int, user: User, material: str, weights_kg: list[Decimal]) -> list[WasteBag]:
    """The organizer registers one or more bags of one material, each with its weight."""
    event = event_lock_for_manager(event_id=event_id, user=user)
    _ensure_held(event, now=timezone.now())
    if WasteBag.objects.filter(event=event).count() + len(weights_kg) > BAGS_PER_EVENT:
        message = _("A mutirão can register at most %(n)d bags.") % {"n": BAGS_PER_EVENT}
        raise ApplicationError(message, code="too_many_bags", errors={"weights_kg": [message]})
    return WasteBag.objects.bulk_create(
        [WasteBag(event=event, material=material, weight_kg=kg, registered_by=user) for kg in weights_kg]
    )


@transaction.atomic
def bag_delete(*, event_id: int, bag_id: int, user: User) -> None:
    event = event_lock_for_manager(event_id=event_id, user=user)
    bag = WasteBag.objects.select_for_update().filter(pk=bag_id, event=event).first()
    if bag is None:
        raise NotFound(_("Bag not found."))
    if bag.handover_id is not None:
        raise Conflict(_("This bag was already handed over."), code="bag_handed_over")
    bag.delete()


# ---------------------------------------------------------------- handovers
def _link_token(handover: Handover) -> str:
    return signing.dumps({"h": handover.id, "n": handover.link_nonce}, salt=LINK_SALT, compress=True)


@transaction.atomic
def handover_create(*, event_id: int, user: User, data: dict[str, Any]) -> IssuedHandover:
    """Hand bags of this mutirão, not handed over yet, to a receiver for a declared destination.
    Returns the receiver's link token (shown once to the organizer)."""
    event = event_lock_for_manager(event_id=event_id, user=user)
    now = timezone.now()
    _ensure_held(event, now=now)
    wanted = sorted(set(data["bag_ids"]))
    bags = list(WasteBag.objects.select_for_update().filter(event=event, pk__in=wanted).order_by("pk"))
    if len(bags) != len(wanted):
        message = _("Some of these bags are not of this mutirão.")
        raise ApplicationError(message, code="unknown_bag", errors={"bag_ids": [message]})
    if any(bag.handover_id is not None for bag in bags):
        raise Conflict(_("Some of these bags were already handed over."), code="bag_handed_over")
    handover = Handover.objects.create(
        event=event,
        receiver_kind=data["receiver_kind"],
        receiver_name=data["receiver_name"].strip(),
        destination=data["destination"],
        declared_kg=sum((bag.weight_kg for bag in bags), Decimal("0")),
        created_by=user,
        link_expires_at=now + LINK_VALID_FOR,
    )
    WasteBag.objects.filter(pk__in=wanted).update(handover=handover)
    return IssuedHandover(handover=handover, token=_link_token(handover))


@transaction.atomic
def handover_link_renew(*, event_id: int, handover_id: int, user: User) -> IssuedHandover:
    """A new link for a handover not confirmed yet; the previous link stops working."""
    event = event_lock_for_manager(event_id=event_id, user=user)
    handover = Handover.objects.select_for_update().filter(pk=handover_id, event=event).first()
    if handover is None:
        raise NotFound(_("Handover not found."))
    if handover.confirmed_at is not None:
        raise Conflict(_("The receiver already confirmed this handover."), code="already_confirmed")
    Handover.objects.filter(pk=handover.pk).update(
        link_nonce=Handover._meta.get_field("link_nonce").get_default(),
        link_expires_at=timezone.now() + LINK_VALID_FOR,
    )
    handover.refresh_from_db()
    return IssuedHandover(handover=handover, token=_link_token(handover))


def _handover_by_token(token: str, *, now: datetime, lock: bool = False) -> Handover:
    """The handover a link points to. A forged or replaced link: 404; an expired one: 409."""
    not_found = NotFound(_("This link is not valid."), code="invalid_link")
    try:
        payload = signing.loads(token, salt=LINK_SALT, max_age=LINK_VALID_FOR)
    except signing.SignatureExpired as exc:
        raise Conflict(_("This link has expired. Ask the organizer for a new one."), code="link_expired") from exc
    except signing.BadSignature as exc:
        raise not_found from exc
    if not isinstance(payload, dict) or not isinstance(payload.get("h"), int) or not isinstance(payload.get("n"), str):
        raise not_found
    queryset = Handover.objects.select_related("event")
    if lock:
        queryset = queryset.select_for_update(of=("self",))
    handover = queryset.filter(pk=payload["h"], link_nonce=payload["n"]).first()
    if handover is None:
        raise not_found
    if handover.link_expires_at <= now and handover.confirmed_at is None:
        raise Conflict(_("This link has expired. Ask the organizer for a new one."), code="link_expired")
    return handover


def receipt_get(*, token: str) -> Handover:
    return _handover_by_token(token, now=timezone.now())


@transaction.atomic
def receipt_confirm(
    *,
    token: str,
    received_kg: Decimal | None = None,
    note: str = "",
    ticket: IO[bytes] | None = None,
    ticket_size: int = 0,
) -> Handover:
    """The receiver confirms once, without an account, optionally with the received weight and
    the weighing ticket's photo. A second use of the link: 409."""
    now = timezone.now()
    handover = _handover_by_token(token, now=now, lock=True)
    if handover.confirmed_at is not None:
        raise Conflict(_("This handover was already confirmed."), code="already_confirmed")
    clean = image_clean(ticket, size=ticket_size) if ticket is not None else None
    handover.confirmed_at = now
    handover.received_kg = received_kg
    handover.receiver_note = note.strip()
    fields = ["confirmed_at", "received_kg", "receiver_note"]
    if clean is not None:
        handover.ticket_photo.save(f"ticket.{clean.extension}", ContentFile(clean.content), save=False)
        fields.append("ticket_photo")
    handover.save(update_fields=fields)
    return handover
