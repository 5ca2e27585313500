"""The rules of a mutirão, once: the services enforce them and the API states them to the viewer.

Each predicate here answers "may this happen now?" from an event (and a participation) as read;
the services ask it again under the event's row lock before they write, and the serializers
send its answer (`registration_open`, `checkin_opens_at`, `can_edit`, a row's `actions`…), so a
button the web app shows is a button that works.
"""

from datetime import date, datetime, timedelta
from typing import Literal

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db.models import Q
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _

from mutiroes.core.middleware import requested_share_token
from mutiroes.events.models import Event, Participation
from mutiroes.users.models import User

EventStatus = Event.Status
Status = Participation.Status

ParticipantAction = Literal["approve", "reject", "restore", "check-in", "check-out", "no-show", "undo-no-show"]
PARTICIPANT_ACTIONS: tuple[ParticipantAction, ...] = (
    "approve",
    "reject",
    "restore",
    "check-in",
    "check-out",
    "no-show",
    "undo-no-show",
)

# Who "attended" a mutirão: checked in at one that took place (completed). Badges, personal and
# platform totals, certificates and public histories all count this, and nothing else.
ATTENDED = Q(checked_in_at__isnull=False, event__status=EventStatus.COMPLETED)


# The roles of a collective's members that manage every mutirão of the collective
# (`mutiroes.collectives.models.Role`, which sits above this app and reads this tuple).
COLLECTIVE_MANAGING_ROLES = ("owner", "organizer")


# ---------------------------------------------------------------- who
def can_manage(*, event: Event, user: User | AnonymousUser) -> bool:
    """The organizer, a co-organizer, an organizer (or owner) of the mutirão's collective, or staff."""
    if not isinstance(user, User) or not user.is_authenticated:
        return False
    if user.is_staff or event.organizer_id == user.id:
        return True
    if event.co_organizers.filter(pk=user.id).exists():
        return True
    return event.collective_id is not None and is_collective_manager(collective_id=event.collective_id, user=user)


def is_collective_manager(*, collective_id: int, user: User) -> bool:
    """An owner or organizer of the collective: they manage its mutirões and its series."""
    return user.collective_memberships.filter(collective_id=collective_id, role__in=COLLECTIVE_MANAGING_ROLES).exists()


def can_manage_team(*, event: Event, user: User | AnonymousUser) -> bool:
    """Adding and removing a mutirão's co-organizers: its organizer and staff."""
    return isinstance(user, User) and user.is_authenticated and (user.is_staff or event.organizer_id == user.id)


def can_see(*, event: Event, user: User | AnonymousUser) -> bool:
    """Drafts: those who manage them. Unlisted mutirões: those who manage them, those signed up
    (or once signed up), and whoever has the link with its share token (the request's
    `X-Share-Token` or `?share=`); the id alone is not enough."""
    if event.status == EventStatus.DRAFT:
        return can_manage(event=event, user=user)
    if event.visibility != Event.Visibility.UNLISTED:
        return True
    if constant_time_compare(requested_share_token(), event.share_token):
        return True
    if not isinstance(user, User) or not user.is_authenticated:
        return False
    return can_manage(event=event, user=user) or event.participations.filter(user=user).exists()


# ---------------------------------------------------------------- the mutirão
def is_editable(event: Event) -> bool:
    """Its data can change (by those who manage it) until it is cancelled or completed."""
    return event.status in (EventStatus.DRAFT, EventStatus.PUBLISHED)


def is_cancellable(event: Event) -> bool:
    return event.status in (EventStatus.DRAFT, EventStatus.PUBLISHED)


def can_make_recurring(event: Event, *, now: datetime) -> bool:
    """A published mutirão not yet started and not already in a series can start one."""
    return event.status == EventStatus.PUBLISHED and event.series_id is None and event.start > now


def can_message(event: Event) -> bool:
    """The organizers may write to everyone signed up while the mutirão is published or completed."""
    return event.status in (EventStatus.PUBLISHED, EventStatus.COMPLETED)


def is_reportable(event: Event, *, now: datetime) -> bool:
    """The impact report can be filed once a mutirão that takes place has started."""
    return event.status in (EventStatus.PUBLISHED, EventStatus.COMPLETED) and event.start <= now


EventPhase = Literal["draft", "upcoming", "running", "ended", "cancelled"]
EVENT_PHASES: tuple[EventPhase, ...] = ("draft", "upcoming", "running", "ended", "cancelled")
EVENT_PHASE_CHOICES = [(phase, phase) for phase in EVENT_PHASES]


def phase(event: Event, *, now: datetime) -> EventPhase:
    """Where a mutirão stands for people: a draft, upcoming, happening now, over, or cancelled."""
    return phase_of(status=event.status, start=event.start, end=event.end, now=now)


def phase_of(*, status: str, start: datetime, end: datetime, now: datetime) -> EventPhase:
    """`phase` from a mutirão's columns (a listing row read with `.values()`)."""
    if status == EventStatus.DRAFT:
        return "draft"
    if status == EventStatus.CANCELLED:
        return "cancelled"
    if status == EventStatus.COMPLETED or end <= now:
        return "ended"
    return "running" if start <= now else "upcoming"


def is_finished(event: Event, *, now: datetime) -> bool:
    """A published mutirão whose end has passed is due to be completed."""
    return event.status == EventStatus.PUBLISHED and event.end <= now


def registration_open(event: Event, *, now: datetime) -> bool:
    """Sign-ups are taken while the mutirão is published, until its deadline and before it starts."""
    return event.status == EventStatus.PUBLISHED and now <= event.registration_deadline and now < event.start


def age_on(birth_date: date, day: date) -> int:
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


def old_enough(event: Event, user: User) -> bool:
    """Old enough on the mutirão's (local) day; a minimum age needs a known birth date."""
    if not event.min_age:
        return True
    if not user.birth_date:
        return False
    return age_on(user.birth_date, timezone.localtime(event.start).date()) >= event.min_age


def can_join(event: Event, user: User, participation: Participation | None, *, now: datetime) -> bool:
    """This person may sign up now: registration open, not its organizer, old enough, not signed
    up already and not declined by the organizer."""
    return (
        registration_open(event, now=now)
        and event.organizer_id != user.id
        and old_enough(event, user)
        and (participation is None or participation.status == Status.CANCELLED)
    )


# ---------------------------------------------------------------- what people add to it
def is_confirmed(participation: Participation | None) -> bool:
    return participation is not None and participation.status == Status.CONFIRMED


def is_happening(event: Event) -> bool:
    """Comments and photos are taken while a mutirão is published and after it took place."""
    return event.status in (EventStatus.PUBLISHED, EventStatus.COMPLETED)


def can_post_photo(event: Event, participation: Participation | None, *, manages: bool) -> bool:
    """Those who manage it and its confirmed participants post photos while it is happening."""
    return (manages or is_confirmed(participation)) and is_happening(event)


def pledges_open(event: Event, *, now: datetime) -> bool:
    """Promises to bring something are taken while the mutirão is published, until its end."""
    return event.status == EventStatus.PUBLISHED and now < event.end


def can_pledge(event: Event, participation: Participation | None, *, now: datetime) -> bool:
    """Confirmed participants pledge to bring a resource while pledges are open."""
    return is_confirmed(participation) and pledges_open(event, now=now)


# ---------------------------------------------------------------- check-in
# How far ahead of the server's clock a device's clock may be when it sends a check-in or
# check-out made offline (its time is then taken as "now").
DEVICE_CLOCK_SKEW = timedelta(minutes=5)


def checkin_opens_at(event: Event) -> datetime:
    return event.start - timedelta(minutes=settings.MUTIROES["CHECKIN_OPENS_MINUTES_BEFORE"])


def checkin_closes_at(event: Event) -> datetime:
    return event.end + timedelta(minutes=settings.MUTIROES["CHECKIN_CLOSES_MINUTES_AFTER_END"])


def checkin_window_open(event: Event, *, now: datetime) -> bool:
    return event.status in (EventStatus.PUBLISHED, EventStatus.COMPLETED) and checkin_opens_at(
        event
    ) <= now <= checkin_closes_at(event)


def checkin_window_message() -> str:
    """What a refused check-in says: the window as configured, in words."""
    return _("Check-in opens %(before)d minutes before the start and closes %(after)d minutes after the end.") % {
        "before": settings.MUTIROES["CHECKIN_OPENS_MINUTES_BEFORE"],
        "after": settings.MUTIROES["CHECKIN_CLOSES_MINUTES_AFTER_END"],
    }


# ---------------------------------------------------------------- a participant, for those who manage
def can_approve(participation: Participation, event: Event) -> bool:
    return participation.status == Status.PENDING and event.status == EventStatus.PUBLISHED


def can_reject(participation: Participation) -> bool:
    return participation.status in Participation.ACTIVE and participation.checked_in_at is None


def can_restore(participation: Participation, event: Event, *, now: datetime) -> bool:
    """Undo a rejection while the mutirão still takes sign-ups."""
    return participation.status == Status.REJECTED and registration_open(event, now=now)


def can_mark_no_show(participation: Participation, event: Event, *, now: datetime) -> bool:
    """A confirmed person who has not checked in, once the mutirão (not cancelled) has started."""
    return (
        participation.status == Status.CONFIRMED
        and participation.checked_in_at is None
        and not participation.no_show
        and event.status in (EventStatus.PUBLISHED, EventStatus.COMPLETED)
        and now >= event.start
    )


def can_check_in(participation: Participation, event: Event, *, now: datetime) -> bool:
    return (
        participation.status == Status.CONFIRMED
        and participation.checked_in_at is None
        and checkin_window_open(event, now=now)
    )


def can_leave(participation: Participation, event: Event, *, now: datetime) -> bool:
    """A participant gives up their seat, waitlist place or request before the mutirão starts."""
    return (
        participation.status in Participation.ACTIVE
        and participation.checked_in_at is None
        and event.status == EventStatus.PUBLISHED
        and now < event.start
    )


def can_check_out(participation: Participation) -> bool:
    """Check-out, or a correction of the hours after it, once the participant checked in."""
    return participation.checked_in_at is not None


def participant_actions(participation: Participation, event: Event, *, now: datetime) -> list[ParticipantAction]:
    """What the managers may do with one participant now, in a fixed order."""
    allowed = {
        "approve": can_approve(participation, event),
        "reject": can_reject(participation),
        "restore": can_restore(participation, event, now=now),
        "check-in": can_check_in(participation, event, now=now),
        "check-out": can_check_out(participation),
        "no-show": can_mark_no_show(participation, event, now=now),
        "undo-no-show": participation.no_show,
    }
    return [action for action in PARTICIPANT_ACTIONS if allowed[action]]
