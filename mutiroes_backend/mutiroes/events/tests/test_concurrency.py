"""Capacity holds when many people join at the same moment, each on its own connection."""

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from mutiroes.events import services
from mutiroes.events.models import Event, Participation
from mutiroes.users.models import User

THREADS = 50
CAPACITY = 10


def _published_event(organizer, category, *, title: str) -> Event:
    """A published mutirão of CAPACITY seats, three days ahead, open until it starts."""
    start = timezone.now() + timedelta(days=3)
    return Event.objects.create(
        title=title,
        description="x",
        category=category,
        organizer=organizer,
        address="Praia",
        city="Santos",
        state="SP",
        latitude=-23.96,
        longitude=-46.33,
        start=start,
        end=start + timedelta(hours=2),
        registration_deadline=start,
        capacity=CAPACITY,
        status=Event.Status.PUBLISHED,
    )


@pytest.mark.slow
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("attempt", range(3))
def test_concurrent_joins_never_overbook(attempt, organizer, category):
    event = _published_event(organizer, category, title="Mutirão lotado")
    users = [
        User.objects.create_user(email=f"c{attempt}-{i}@exemplo.com", password=None, first_name=f"C{i}")
        for i in range(THREADS)
    ]
    barrier = threading.Barrier(THREADS)
    errors: list[BaseException] = []

    def join(user: User) -> None:
        try:
            barrier.wait(timeout=30)
            services.participation_join(event_id=event.id, user=user)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=join, args=(u,)) for u in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert errors == []
    statuses = list(Participation.objects.filter(event=event).values_list("status", flat=True))
    assert len(statuses) == THREADS
    assert statuses.count("confirmed") == CAPACITY
    assert statuses.count("waitlisted") == THREADS - CAPACITY
    event.refresh_from_db()
    assert (event.confirmed_count, event.waitlist_count) == (CAPACITY, THREADS - CAPACITY)
    # First come, first served under the lock: every seat was taken before anyone was waitlisted.
    rows = Participation.objects.filter(event=event)
    last_confirmed = max(rows.filter(status="confirmed").values_list("created_at", flat=True))
    first_waitlisted = min(rows.filter(status="waitlisted").values_list("waitlisted_at", flat=True))
    assert last_confirmed <= first_waitlisted
    # And the waitlist is served in that order: a freed seat goes to the first in line.
    first_in_line = rows.filter(status="waitlisted").order_by("waitlisted_at", "id").first()
    leaving = rows.filter(status="confirmed").first()
    services.participation_leave(event_id=event.id, user=leaving.user)
    assert Participation.objects.get(pk=first_in_line.pk).status == "confirmed"


@pytest.mark.slow
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_joins_leaves_and_rejoins_at_once_keep_the_counters_and_the_waitlist_exact(organizer, category):
    """First sign-ups (conditional UPDATE last), leaves and signing up again (under the event's
    lock) at the same moment: no error, no deadlock, counters equal to rows, nobody waitlisted
    while a seat is free."""
    event = _published_event(organizer, category, title="Mutirão disputado")

    def person(prefix: str, i: int) -> User:
        return User.objects.create_user(email=f"{prefix}{i}@exemplo.com", password=None, first_name=f"{prefix}{i}")

    leavers = [person("leave", i) for i in range(6)]
    rejoiners = [person("again", i) for i in range(6)]
    for someone in leavers + rejoiners:
        services.participation_join(event_id=event.id, user=someone)
    for someone in rejoiners:
        services.participation_leave(event_id=event.id, user=someone)
    newcomers = [person("new", i) for i in range(24)]
    work = [(services.participation_leave, u) for u in leavers]
    work += [(services.participation_join, u) for u in rejoiners + newcomers]
    barrier = threading.Barrier(len(work))
    errors: list[BaseException] = []

    def run(action, user: User) -> None:
        try:
            barrier.wait(timeout=30)
            action(event_id=event.id, user=user)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=item) for item in work]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert errors == []
    rows = Participation.objects.filter(event=event)
    statuses = list(rows.values_list("status", flat=True))
    assert len(statuses) == len(leavers) + len(rejoiners) + len(newcomers)
    event.refresh_from_db()
    confirmed, waitlisted = statuses.count("confirmed"), statuses.count("waitlisted")
    assert (event.confirmed_count, event.waitlist_count) == (confirmed, waitlisted)
    assert (confirmed, waitlisted) == (CAPACITY, len(rejoiners) + len(newcomers) - CAPACITY)
    assert statuses.count("cancelled") == len(leavers)
