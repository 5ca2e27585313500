"""Reads of the chain of custody: a mutirão's bags and handovers, and the waste totals that keep
what the organizer declared apart from what a receiver confirmed. Fixed numbers of queries."""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import Coalesce

from mutiroes.custody.models import DESTINATIONS, DIVERTED_DESTINATIONS, Handover, WasteBag
from mutiroes.events.models import Event
from mutiroes.impact.models import MATERIALS
from mutiroes.impact.selectors import certificate_get

ZERO = Decimal("0")
CENT = Decimal("0.01")


@dataclass(kw_only=True)
class WasteTotals:
    """kg by material (registered bags) and by destination, declared vs confirmed."""

    registered_kg: Decimal = ZERO
    bags: int = 0
    by_material: dict[str, Decimal] = field(default_factory=lambda: dict.fromkeys(MATERIALS, ZERO))
    declared_by_destination: dict[str, Decimal] = field(default_factory=lambda: dict.fromkeys(DESTINATIONS, ZERO))
    confirmed_by_destination: dict[str, Decimal] = field(default_factory=lambda: dict.fromkeys(DESTINATIONS, ZERO))
    handovers: int = 0
    handovers_confirmed: int = 0

    @property
    def declared_kg(self) -> Decimal:
        return sum(self.declared_by_destination.values(), ZERO)

    @property
    def confirmed_kg(self) -> Decimal:
        return sum(self.confirmed_by_destination.values(), ZERO)

    @property
    def not_handed_over_kg(self) -> Decimal:
        handed = self.declared_kg
        return max(self.registered_kg - handed, ZERO)

    def _pct(self, by_destination: dict[str, Decimal]) -> Decimal | None:
        total = sum(by_destination.values(), ZERO)
        if not total:
            return None
        diverted = sum((by_destination[d] for d in DIVERTED_DESTINATIONS), ZERO)
        return (diverted * 100 / total).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    @property
    def diverted_declared_pct(self) -> Decimal | None:
        return self._pct(self.declared_by_destination)

    @property
    def diverted_confirmed_pct(self) -> Decimal | None:
        return self._pct(self.confirmed_by_destination)


def waste_totals(*, events: QuerySet[Event] | None = None, event_ids: list[int] | None = None) -> WasteTotals:
    """Totals over some mutirões (3 queries). A confirmed handover counts its received weight when
    the receiver weighed it, otherwise the bags' weight."""
    bags = WasteBag.objects.all()
    handovers = Handover.objects.all()
    if events is not None:
        bags = bags.filter(event__in=events)
        handovers = handovers.filter(event__in=events)
    if event_ids is not None:
        bags = bags.filter(event_id__in=event_ids)
        handovers = handovers.filter(event_id__in=event_ids)
    totals = WasteTotals()
    for material, kg, count in (
        bags.values("material")
        .annotate(kg=Sum("weight_kg"), n=Count("id"))
        .values_list("material", "kg", "n")
        .order_by()
    ):
        totals.by_material[material] = kg
        totals.registered_kg += kg
        totals.bags += count
    rows = (
        handovers.values("destination")
        .annotate(
            declared=Sum("declared_kg"),
            confirmed=Sum(Coalesce("received_kg", "declared_kg"), filter=Q(confirmed_at__isnull=False)),
            n=Count("id"),
            n_confirmed=Count("id", filter=Q(confirmed_at__isnull=False)),
        )
        .order_by()
    )
    for row in rows:
        totals.declared_by_destination[row["destination"]] = row["declared"] or ZERO
        totals.confirmed_by_destination[row["destination"]] = row["confirmed"] or ZERO
        totals.handovers += row["n"]
        totals.handovers_confirmed += row["n_confirmed"]
    return totals


def public_events() -> QuerySet[Event]:
    """The mutirões whose waste counts publicly: completed and public."""
    return Event.objects.filter(status=Event.Status.COMPLETED, visibility=Event.Visibility.PUBLIC)


def certificate_waste_totals(*, code: str) -> WasteTotals:
    """The waste of the mutirões a certificate covers."""
    certificate = certificate_get(code=code)
    event_ids = [item["event_id"] for item in certificate.items if isinstance(item, dict) and "event_id" in item]
    return waste_totals(event_ids=event_ids)


def bag_list(*, event: Event) -> QuerySet[WasteBag]:
    return WasteBag.objects.filter(event=event).order_by("created_at", "id")


def handover_list(*, event: Event) -> QuerySet[Handover]:
    return Handover.objects.filter(event=event).annotate(bags_count=Count("bags")).order_by("created_at", "id")


def receipt_view(handover: Handover) -> dict[str, Any]:
    return {"handover": handover, "bags": list(handover.bags.order_by("id"))}
