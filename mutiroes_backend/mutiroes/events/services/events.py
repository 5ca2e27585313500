"""Mutirões: create, edit, publish, cancel, delete, the cover image, and the events side of
completing one (`mutiroes.impact.services.event_complete` does the rest)."""

from datetime import datetime, timedelta
from typing import IO, Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mutiroes.core.brazil import point_in_brazil
from mutiroes.core.exceptions import ApplicationError, Conflict, Forbidden, NotFound
from mutiroes.core.images import COVER, image_clean, image_name
from mutiroes.core.metrics import EVENTS_PUBLISHED, count_on_commit
from mutiroes.core.model_update import model_update
from mutiroes.core.queue import enqueue_on_commit
from mutiroes.events import hooks, rules
from mutiroes.events.models import Event, Participation
from mutiroes.events.services.locks import event_lock_for_manager, listing_changed
from mutiroes.events.services.participation import promote_from_waitlist
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
    "requires_waiver",
    "asks_image_consent",
    "visibility",
    "what_to_bring",
    "tools_provided",
)
# A change to any of these is news to everyone signed up.
NOTIFIABLE_FIELDS = ("start", "end", "address", "city", "state", "latitude", "longitude")


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
    if not errors and not point_in_brazil(latitude=event.latitude, longitude=event.longitude):
        errors["latitude"] = [_("The place must be in Brazil: on land or up to 12 nautical miles off the coast.")]
    if errors:
        raise ApplicationError(_("Check the location."), errors=errors)


def event_published(event: Event) -> None:
    """What follows once a mutirão is published, however it was (publish, created published, a
    series occurrence): the one call point. Call inside the publishing transaction."""
    listing_changed()
    count_on_commit(EVENTS_PUBLISHED)
    # By task name: collectives and alerts sit above events. Followers of its collective, then the
    # people watching its area (each task decides who, in batches, and skips what it must not announce).
    enqueue_on_commit("mutiroes.collectives.tasks.followers_notify", event_id=event.id)
    enqueue_on_commit("mutiroes.alerts.tasks.event_alerts_send", event_id=event.id)


_UNSET = object()


def _set_collective(event: Event, *, user: User, collective_id: Any) -> None:
    """A mutirão joins a collective its author organizes; only its organizer takes it out of one."""
    if collective_id is _UNSET or collective_id == event.collective_id:
        return
    if collective_id is None:
        if not rules.can_manage_team(event=event, user=user):
            raise Forbidden(_("Only the organizer can take the mutirão out of its collective."))
    elif not (user.is_staff or rules.is_collective_manager(collective_id=collective_id, user=user)):
        raise ApplicationError(
            _("You can only add the mutirão to a collective you organize."),
            errors={"collective": [_("You can only add the mutirão to a collective you organize.")]},
        )
    event.collective_id = collective_id


@transaction.atomic
def event_create(*, organizer: User, data: dict[str, Any], publish: bool = False) -> Event:
    now = timezone.now()
    event = Event(organizer=organizer)
    _set_collective(event, user=organizer, collective_id=data.get("collective", _UNSET))
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
        event_published(event)
    return event


@transaction.atomic
def event_update(*, event_id: int, user: User, data: dict[str, Any]) -> Event:
    event = event_lock_for_manager(event_id=event_id, user=user)
    if not rules.is_editable(event):
        raise Conflict(_("A cancelled or completed mutirão can no longer be edited."), code="event_closed")
    now = timezone.now()
    started, old_capacity = event.start <= now, event.capacity
    old_collective = event.collective_id
    _set_collective(event, user=user, collective_id=data.get("collective", _UNSET))
    changed = set(model_update(instance=event, fields=EDITABLE_FIELDS, data=data))
    if event.collective_id != old_collective:
        changed.add("collective")
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
    listing_changed()
    if event.capacity > old_capacity:
        promote_from_waitlist(event)
    if event.status == EventStatus.PUBLISHED and changed & set(NOTIFIABLE_FIELDS):
        hooks.event_changed(event=event)
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
    event_published(event)
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
    listing_changed()
    if was_published:
        hooks.event_cancelled(event=event)
    return event


def event_complete_if_finished(*, event: Event, now: datetime) -> bool:
    """The events side of completing a mutirão whose end has passed (the caller holds its lock).
    Only `mutiroes.impact.services.event_complete` calls it: completing has consequences there."""
    if not rules.is_finished(event, now=now):
        return False
    event.status = EventStatus.COMPLETED
    event.save(update_fields=["status", "updated_at"])
    listing_changed()
    return True


@transaction.atomic
def event_cover_set(*, event_id: int, user: User, upload: IO[bytes], size: int) -> Event:
    """Replace the cover image with a checked, re-encoded copy of the upload."""
    event = event_lock_for_manager(event_id=event_id, user=user)
    clean = image_clean(upload, size=size, kind=COVER)
    old = event.cover_image.name
    event.cover_image.save(image_name(clean), ContentFile(clean.content), save=False)
    event.save(update_fields=["cover_image", "updated_at"])
    listing_changed()
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
        listing_changed()
        transaction.on_commit(lambda: Event.cover_image.field.storage.delete(old), robust=True)
    return event


# ---------------------------------------------------------------- co-organizers
def _lock_for_team(*, event_id: int, user: User) -> Event:
    event = event_lock_for_manager(event_id=event_id, user=user)
    if not rules.can_manage_team(event=event, user=user):
        raise Forbidden(_("Only the organizer can add or remove co-organizers."))
    return event


@transaction.atomic
def event_co_organizer_add(*, event_id: int, user: User, email: str) -> User:
    """The organizer adds someone with an account, by e-mail, as a co-organizer."""
    event = _lock_for_team(event_id=event_id, user=user)
    person = User.objects.filter(email__iexact=email.strip(), is_active=True).first()
    if person is None:
        raise ApplicationError(
            _("Nobody has an account with this e-mail. Ask the person to sign up first."),
            errors={"email": [_("Nobody has an account with this e-mail.")]},
        )
    if person.id == event.organizer_id:
        raise Conflict(_("This person organizes the mutirão already."), code="is_organizer")
    if event.co_organizers.filter(pk=person.id).exists():
        raise Conflict(_("This person is already a co-organizer."), code="already_co_organizer")
    event.co_organizers.add(person)
    return person


@transaction.atomic
def event_co_organizer_remove(*, event_id: int, user: User, co_organizer_id: int) -> None:
    event = _lock_for_team(event_id=event_id, user=user)
    if not event.co_organizers.filter(pk=co_organizer_id).exists():
        raise NotFound(_("Co-organizer not found."))
    event.co_organizers.remove(co_organizer_id)
