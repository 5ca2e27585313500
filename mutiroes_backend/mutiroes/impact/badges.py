"""Badges: the rules, in code. Each is earned from real activity and awarded once."""

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True, kw_only=True)
class Badge:
    code: str
    name: Any
    description: Any
    earned: Callable[[dict[str, Any]], bool]


BADGES: tuple[Badge, ...] = (
    Badge(
        code="first_mutirao",
        name=_("First mutirão"),
        description=_("Took part in a first mutirão."),
        earned=lambda s: s["events_attended"] >= 1,
    ),
    Badge(
        code="mutiroes_5",
        name=_("5 mutirões"),
        description=_("Took part in 5 mutirões."),
        earned=lambda s: s["events_attended"] >= 5,
    ),
    Badge(
        code="mutiroes_20",
        name=_("20 mutirões"),
        description=_("Took part in 20 mutirões."),
        earned=lambda s: s["events_attended"] >= 20,
    ),
    Badge(
        code="hours_10",
        name=_("10 hours"),
        description=_("Gave 10 hours of volunteer work."),
        earned=lambda s: s["volunteer_hours"] >= Decimal(10),
    ),
    Badge(
        code="hours_50",
        name=_("50 hours"),
        description=_("Gave 50 hours of volunteer work."),
        earned=lambda s: s["volunteer_hours"] >= Decimal(50),
    ),
    Badge(
        code="first_organized",
        name=_("First mutirão organized"),
        description=_("Organized a mutirão that took place."),
        earned=lambda s: s["events_organized_completed"] >= 1,
    ),
    Badge(
        code="organized_5",
        name=_("5 mutirões organized"),
        description=_("Organized 5 mutirões that took place."),
        earned=lambda s: s["events_organized_completed"] >= 5,
    ),
    Badge(
        code="kg_100",
        name=_("100 kg"),
        description=_("Took part in mutirões that collected 100 kg of waste."),
        earned=lambda s: s["kg_collected"] >= Decimal(100),
    ),
    Badge(
        code="trees_10",
        name=_("Tree planter"),
        description=_("Took part in mutirões that planted 10 trees."),
        earned=lambda s: s["trees_planted"] >= 10,
    ),
    Badge(
        code="categories_3",
        name=_("All-rounder"),
        description=_("Took part in mutirões of 3 different kinds."),
        earned=lambda s: s["categories_attended"] >= 3,
    ),
)
BADGES_BY_CODE = {badge.code: badge for badge in BADGES}
