"""Field mode's reads: who is still out at a mutirão, and its roll call."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Q, QuerySet

from mutiroes.events import selectors as events
from mutiroes.events.models import Event, Participation
from mutiroes.field.models import MissingPerson, RollCall
from mutiroes.users.models import User

EventStatus = Event.Status

# Checked in and not checked out: in the field, as far as the organization knows.
OUT = Q(checked_in_at__isnull=False, checked_out_at__isnull=True)


def is_out(participation: Participation) -> bool:
    return participation.checked_in_at is not None and participation.checked_out_at is None


def roll_call_available(event: Event, *, now: datetime) -> bool:
    """The roll call is taken once a mutirão that takes place has started."""
    return event.status in (EventStatus.PUBLISHED, EventStatus.COMPLETED) and event.start <= now


def still_out_ids(*, event: Event) -> list[int]:
    return list(Participation.objects.filter(OUT, event=event).order_by("id").values_list("id", flat=True))


def event_manager_ids(*, event: Event) -> list[int]:
    """The organizer and the co-organizers (staff are not told about every mutirão)."""
    return [event.organizer_id, *event.co_organizers.order_by("id").values_list("id", flat=True)]


@dataclass(frozen=True)
class RollCallState:
    event: Event
    available: bool
    closed: RollCall | None
    out: list[Participation]
    missing_since: dict[int, datetime]
    checked_in: int
    checked_out: int

    @property
    def can_close(self) -> bool:
        return self.available and not self.missing_since


def roll_call_get(*, event_id: int, user: User, now: datetime) -> RollCallState:
    """The roll call for those who manage the mutirão: everyone still out (flagged missing first),
    and the counts. A fixed number of queries, however many people are out."""
    event = events.event_get_managed(event_id=event_id, user=user)
    out: QuerySet[Participation] = (
        Participation.objects.filter(OUT, event=event).select_related("user").order_by("user__first_name", "id")
    )
    missing_since = dict(
        MissingPerson.objects.filter(event=event, found_at=None).values_list("participation_id", "reported_at")
    )
    people = sorted(out, key=lambda p: p.id not in missing_since)
    counts = Participation.objects.filter(event=event, checked_in_at__isnull=False).aggregate(
        checked_in=Count("id"), checked_out=Count("id", filter=Q(checked_out_at__isnull=False))
    )
    return RollCallState(
        event=event,
        available=roll_call_available(event, now=now),
        closed=RollCall.objects.filter(event=event).select_related("closed_by").first(),
        out=people,
        missing_since=missing_since,
        checked_in=counts["checked_in"],
        checked_out=counts["checked_out"],
    )
