from collections.abc import Callable

import pytest

from mutiroes.events.models import Event, Participation


@pytest.fixture
def join() -> Callable[..., Participation]:
    def make(event: Event, user, status: str = Participation.Status.CONFIRMED) -> Participation:
        return Participation.objects.create(event=event, user=user, status=status)

    return make
