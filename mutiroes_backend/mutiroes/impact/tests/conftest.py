from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from mutiroes.events.models import Event, Participation
from mutiroes.impact.models import CO2eFactorSet, ImpactReport


@pytest.fixture
def past_event(make_event) -> Callable[..., Event]:
    """A mutirão that started `days_ago` days ago (completed unless told otherwise)."""

    def make(days_ago: int = 2, *, reported: bool = False, hours: float = 4, **kwargs: object) -> Event:
        start = timezone.now() - timedelta(days=days_ago)
        kwargs.setdefault("status", Event.Status.COMPLETED)
        event = make_event(start=start, end=start + timedelta(hours=hours), **kwargs)
        if reported:  # the organizer published the impact report
            ImpactReport.objects.create(
                event=event,
                factor_set=CO2eFactorSet.objects.get(is_current=True),
                filed_by=event.organizer,
                published_at=timezone.now(),
            )
        return event

    return make


@pytest.fixture
def attend() -> Callable[..., Participation]:
    """Someone who took part: confirmed, checked in and out with these hours (None: still in)."""

    def make(event: Event, user, hours: str | None = "3.00") -> Participation:
        checked_in = event.start
        return Participation.objects.create(
            event=event,
            user=user,
            status=Participation.Status.CONFIRMED,
            checked_in_at=checked_in,
            checked_out_at=None if hours is None else checked_in + timedelta(hours=float(hours)),
            hours=None if hours is None else Decimal(hours),
        )

    return make
