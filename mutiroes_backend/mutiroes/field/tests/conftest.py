from datetime import timedelta

import pytest
from django.utils import timezone

from mutiroes.events.models import Event, Participation


@pytest.fixture
def running(make_event) -> Event:
    """A mutirão that started an hour ago and ends in two: check-in is open."""
    start = timezone.now() - timedelta(hours=1)
    return make_event(
        title="Limpeza do mangue", start=start, end=start + timedelta(hours=3), registration_deadline=start, capacity=50
    )


@pytest.fixture
def confirmed(make_user, running):
    """`confirmed(n)`: n confirmed participants of the running mutirão."""

    def make(n: int, **fields: object) -> list[Participation]:
        people = []
        for _ in range(n):
            person = make_user()
            people.append(
                Participation.objects.create(
                    event=running, user=person, status=Participation.Status.CONFIRMED, **fields
                )
            )
        Event.objects.filter(pk=running.pk).update(
            confirmed_count=running.participations.filter(status="confirmed").count()
        )
        return people

    return make
