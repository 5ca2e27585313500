"""Shared by the tests that need waste handed over: one bag of `kg` handed to a recycler."""

from decimal import Decimal

from mutiroes.custody import services
from mutiroes.custody.services import IssuedHandover
from mutiroes.events.models import Event
from mutiroes.users.models import User


def hand_over(*, event: Event, user: User, material: str, kg: str, destination: str) -> IssuedHandover:
    bags = services.bags_register(event_id=event.id, user=user, material=material, weights_kg=[Decimal(kg)])
    return services.handover_create(
        event_id=event.id,
        user=user,
        data={"bag_ids": [bags[0].id], "receiver_kind": "recycler", "receiver_name": "R", "destination": destination},
    )
