"""Locking a mutirão (and a participation) for a change, and telling the listings it changed.

Every rule that spans rows runs under the event's row lock (`select_for_update`), so capacity
holds under concurrent requests on any number of replicas."""

from django.utils.translation import gettext as _

from mutiroes.core.cache import generation_bump_on_commit
from mutiroes.core.exceptions import Forbidden, NotFound
from mutiroes.events import rules
from mutiroes.events.models import Event, Participation
from mutiroes.events.selectors import LISTING_GENERATION
from mutiroes.users.models import User

Status = Participation.Status
EventStatus = Event.Status


def listing_changed() -> None:
    generation_bump_on_commit(LISTING_GENERATION)


def lock_event(event_id: int) -> Event:
    try:
        return Event.objects.select_for_update().get(pk=event_id)
    except Event.DoesNotExist as exc:
        raise NotFound(_("Mutirão not found.")) from exc


def event_lock_for_manager(*, event_id: int, user: User) -> Event:
    """The event, locked for a change by those who manage it: 404 for a hidden draft, 403 otherwise."""
    event = lock_event(event_id)
    if not rules.can_manage(event=event, user=user):
        if event.status == EventStatus.DRAFT:
            raise NotFound(_("Mutirão not found."))
        raise Forbidden(_("Only the organizer can manage this mutirão."))
    return event


def lock_event_visible(*, event_id: int, user: User) -> Event:
    """The event, locked; not found for those who may not see it (`rules.can_see`)."""
    event = lock_event(event_id)
    if not rules.can_see(event=event, user=user):
        raise NotFound(_("Mutirão not found."))
    return event


def lock_participation(*, event: Event, participation_id: int) -> Participation:
    try:
        return Participation.objects.select_for_update().get(pk=participation_id, event=event)
    except Participation.DoesNotExist as exc:
        raise NotFound(_("Participant not found.")) from exc
