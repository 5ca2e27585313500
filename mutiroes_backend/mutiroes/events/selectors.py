"""Reads of mutirões and participations: visibility, filters and nearby search."""

import hashlib
import math
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import CharField, Count, F, FloatField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import ASin, Coalesce, Cos, Least, Power, Radians, Sin, Sqrt
from django.utils.translation import gettext as _

from mutiroes.core.cache import generational_get, generational_keys, generational_set
from mutiroes.core.exceptions import Forbidden, NotFound
from mutiroes.core.search import Fold, fold
from mutiroes.events import rules
from mutiroes.events.models import Category, Event, EventSeries, Participation
from mutiroes.users.models import User

# Cached public listings are keyed by this generation; every change that a listing shows bumps it
# after commit (the services), so the next request sees the change.
LISTING_GENERATION = "events-listing"
EARTH_RADIUS_KM = 6371.0088
EVENT_LIST_CACHE_SECONDS = 120
KM_PER_DEGREE_LAT = 111.045


@dataclass(frozen=True, kw_only=True)
class EventFilters:
    category: str | None = None
    city: str | None = None
    state: str | None = None
    q: str | None = None
    starts_after: datetime | None = None
    starts_before: datetime | None = None
    near: tuple[float, float] | None = None
    radius_km: float = 25.0
    ordering: str = "start"
    status: str = Event.Status.PUBLISHED


def distance_km_from(lat: float, lng: float) -> Any:
    """Haversine distance from (lat, lng) to each row, computed in the database."""
    lat_r = Radians(F("latitude"))
    half_dlat = Radians(F("latitude") - Value(lat)) / Value(2.0)
    half_dlng = Radians(F("longitude") - Value(lng)) / Value(2.0)
    a = Power(Sin(half_dlat), 2) + Value(math.cos(math.radians(lat))) * Cos(lat_r) * Power(Sin(half_dlng), 2)
    return Value(2 * EARTH_RADIUS_KM) * ASin(Least(Sqrt(a), Value(1.0)), output_field=FloatField())


def bounding_box(*, lat: float, lng: float, radius_km: float) -> tuple[float, float, float, float]:
    """A box around the circle, for the indexed prefilter (the exact test follows)."""
    dlat = radius_km / KM_PER_DEGREE_LAT
    cos_lat = math.cos(math.radians(lat))
    dlng = 180.0 if cos_lat < 1e-6 else min(radius_km / (KM_PER_DEGREE_LAT * cos_lat), 180.0)
    return lat - dlat, lat + dlat, lng - dlng, lng + dlng


def with_my_participation(queryset: QuerySet[Event], *, user: User | AnonymousUser) -> QuerySet[Event]:
    user_id = user.pk if user is not None and user.is_authenticated else None
    if user_id is not None:  # by id: a token's user row is not loaded for this
        mine = Participation.objects.filter(event=OuterRef("pk"), user_id=user_id).values("status")[:1]
        return queryset.annotate(my_participation=Subquery(mine))
    return queryset.annotate(my_participation=Value(None, output_field=CharField()))


def event_list(*, filters: EventFilters, user: User | AnonymousUser) -> QuerySet[Event]:
    queryset = Event.objects.select_related("category", "organizer").filter(
        status=filters.status, visibility=Event.Visibility.PUBLIC
    )
    if filters.category:
        queryset = queryset.filter(category__slug=filters.category)
    if filters.city:
        # Part of the name, any accents and case: "sao paulo", "Rio", "ITAPUÃ".
        queryset = queryset.alias(city_folded=Fold(F("city"))).filter(city_folded__has=filters.city.strip())
    if filters.state:
        queryset = queryset.filter(state=filters.state.upper())
    if filters.q:
        # Each word, folded, in the title, city or description (the trigram index on the same
        # expression serves it) or in the category's name ("árvore" finds "Plantio de Árvores").
        queryset = queryset.alias(search_text=Fold(F("title"), F("city"), F("description")))
        categories = [(c.id, fold(c.name)) for c in Category.objects.only("id", "name")]
        for term in filters.q.split()[:8]:
            folded = fold(term)
            in_category = [cid for cid, name in categories if folded in name]
            queryset = queryset.filter(Q(search_text__has=term) | Q(category_id__in=in_category))
    if filters.starts_after:
        queryset = queryset.filter(start__gte=filters.starts_after)
    if filters.starts_before:
        queryset = queryset.filter(start__lte=filters.starts_before)
    if filters.near:
        lat, lng = filters.near
        min_lat, max_lat, min_lng, max_lng = bounding_box(lat=lat, lng=lng, radius_km=filters.radius_km)
        queryset = (
            queryset.filter(latitude__range=(min_lat, max_lat), longitude__range=(min_lng, max_lng))
            .annotate(distance_km=distance_km_from(lat, lng))
            .filter(distance_km__lte=filters.radius_km)
        )
    else:
        queryset = queryset.annotate(distance_km=Value(None, output_field=FloatField()))
    orderings = {
        "start": ("start", "id"),
        "-start": ("-start", "-id"),
        "distance": ("distance_km", "start", "id"),
        "-created": ("-created_at", "-id"),
    }
    queryset = queryset.order_by(*orderings[filters.ordering])
    return with_my_participation(queryset, user=user)


# A nearby listing's SQL is compiled once for any point and radius (`list_output.PageRows`):
# compiled with these, whose derived numbers are all distinct and unlike any other parameter,
# then each request's numbers are put in their places.
_PLACEHOLDER_NEAR = (-12.3456789012345, -45.6789012345678)
_PLACEHOLDER_RADIUS_KM = 7.65432109876543


def _near_numbers(filters: EventFilters) -> tuple[float, ...]:
    """Every number a nearby listing's SQL carries for its point and radius (see `event_list`)."""
    assert filters.near is not None
    lat, lng = filters.near
    box = bounding_box(lat=lat, lng=lng, radius_km=filters.radius_km)
    return (float(lat), float(lng), math.cos(math.radians(lat)), *box, float(filters.radius_km))


def filters_key(filters: EventFilters) -> str:
    """The filters as text, for cache keys: what `repr(sorted(asdict(filters).items()))` writes
    (their values are plain: strings, numbers, datetimes, a tuple), without asdict's deep copy."""
    return repr(sorted(vars(filters).items()))


def event_list_shape(filters: EventFilters) -> tuple[str | None, EventFilters, dict[float, float]]:
    """What a listing's SQL depends on besides the caller and the page, as a key (None when it
    also depends on the data: a search reads the categories' names); the filters to compile it
    with; and each placeholder number of those filters mapped to this listing's."""
    if filters.q:
        return None, filters, {}
    if filters.near is None:
        return filters_key(filters), filters, {}
    compiled = replace(filters, near=_PLACEHOLDER_NEAR, radius_km=_PLACEHOLDER_RADIUS_KM)
    placeholders = _near_numbers(compiled)
    if len(set(placeholders)) != len(placeholders):  # pragma: no cover - fixed numbers
        return None, filters, {}
    numbers = dict(zip(placeholders, _near_numbers(filters), strict=True))
    return filters_key(compiled), compiled, numbers


def _event_list_count_key(filters: EventFilters) -> str:
    digest = hashlib.sha256(filters_key(filters).encode()).hexdigest()[:32]
    return f"events:count:{digest}"


def event_list_count_keys(filters: EventFilters) -> list[str]:
    """The cache keys `event_list_count` reads (to read them ahead, with the token's check)."""
    return generational_keys(LISTING_GENERATION, _event_list_count_key(filters))


def event_list_count(
    *, filters: EventFilters, queryset: QuerySet[Event], prefetched: Mapping[str, Any] | None = None
) -> int:
    """How many mutirões a listing has: the same for everyone with these filters, so counted once
    per listing generation (every change a listing shows bumps it) and shared through Redis.
    `prefetched`: `event_list_count_keys` already read in this request (see `generational_get`)."""
    key = _event_list_count_key(filters)
    generation, cached = generational_get(LISTING_GENERATION, key, prefetched=prefetched)
    if cached is not None:
        return int(cached)
    count = queryset.count()
    if generation is not None:
        generational_set(key, count, generation=generation, timeout=EVENT_LIST_CACHE_SECONDS)
    return count


def event_list_cache_key(full_path: str) -> str:
    """The cache key of an anonymous listing page (cached with the listing generation)."""
    digest = hashlib.sha256(full_path.encode()).hexdigest()[:32]
    return f"events:list:{digest}"


def event_get_visible(*, event_id: int, user: User | AnonymousUser) -> Event:
    """A mutirão as the caller may see it: drafts only for those who manage them."""
    checked_in = (
        Participation.objects.filter(event=OuterRef("pk"), checked_in_at__isnull=False)
        .values("event")
        .annotate(n=Count("id"))
        .values("n")
    )
    queryset = with_my_participation(
        Event.objects.select_related("category", "organizer", "collective").annotate(
            distance_km=Value(None, output_field=FloatField()),
            checked_in_count=Coalesce(Subquery(checked_in), 0),
        ),
        user=user,
    )
    event = queryset.filter(pk=event_id).first()
    if event is None or not rules.can_see(event=event, user=user):
        raise NotFound(_("Mutirão not found."))
    return event


def event_get_seen(*, event_id: int, user: User | AnonymousUser, related: tuple[str, ...] = ()) -> Event:
    """A mutirão if the caller may see it (the rule of `event_get_visible`), as its plain row (and
    the `related` rows asked for): for the mutirão's parts (resources, comments, photos, litter
    reports, waste, report, share data), which only need to know it may be shown — not the detail
    page's counts, the caller's participation or related rows."""
    queryset = Event.objects.select_related(*related) if related else Event.objects.all()  # () would join every FK
    event = queryset.filter(pk=event_id).first()
    if event is None or not rules.can_see(event=event, user=user):
        raise NotFound(_("Mutirão not found."))
    return event


def event_get_managed(*, event_id: int, user: User | AnonymousUser) -> Event:
    """A mutirão the caller manages: 404 if they can't see it, 403 if they only see it."""
    event = event_get_visible(event_id=event_id, user=user)
    if not rules.can_manage(event=event, user=user):
        raise Forbidden(_("Only the organizer can manage this mutirão."))
    return event


def event_ids_finished(*, now: datetime) -> list[int]:
    """Published mutirões whose end has passed: due to be completed."""
    return list(
        Event.objects.filter(status=Event.Status.PUBLISHED, end__lte=now)
        .order_by("end", "id")
        .values_list("id", flat=True)
    )


def participant_list(*, event: Event, status: str | None = None) -> QuerySet[Participation]:
    queryset = Participation.objects.filter(event=event).select_related("user").order_by("created_at", "id")
    if status:
        queryset = queryset.filter(status=status)
    return queryset


def waitlist_position(*, participation: Participation) -> int | None:
    """1 for the next person a freed seat goes to (the promotion order: waitlisted_at, then id)."""
    if participation.status != Participation.Status.WAITLISTED or participation.waitlisted_at is None:
        return None
    ahead = Participation.objects.filter(
        event_id=participation.event_id, status=Participation.Status.WAITLISTED
    ).filter(
        Q(waitlisted_at__lt=participation.waitlisted_at)
        | Q(waitlisted_at=participation.waitlisted_at, id__lt=participation.id)
    )
    return ahead.count() + 1


def participation_get_own(*, event: Event, user: User | AnonymousUser) -> Participation | None:
    if not isinstance(user, User):  # anonymous
        return None
    return Participation.objects.filter(event=event, user=user).first()


def category_list() -> QuerySet[Category]:
    return Category.objects.all()


def user_events(*, user: User) -> dict[str, QuerySet[Event]]:
    base = with_my_participation(
        Event.objects.select_related("category", "organizer").annotate(
            distance_km=Value(None, output_field=FloatField())
        ),
        user=user,
    )
    managed_collectives = user.collective_memberships.filter(role__in=rules.COLLECTIVE_MANAGING_ROLES).values(
        "collective_id"
    )
    organized = (
        base.filter(Q(organizer=user) | Q(co_organizers=user) | Q(collective__in=managed_collectives))
        .distinct()
        .order_by("-start", "-id")
    )
    participating = base.filter(participations__user=user).exclude(organizer=user).order_by("-start", "-id")
    return {"organized": organized, "participating": participating}


def user_confirmed_events(*, user: User) -> QuerySet[Event]:
    return (
        Event.objects.select_related("category", "organizer")
        .filter(
            participations__user=user,
            participations__status=Participation.Status.CONFIRMED,
            status__in=[Event.Status.PUBLISHED, Event.Status.COMPLETED],
        )
        .order_by("start")
    )


def user_public_history(*, user: User) -> QuerySet[Event]:
    """The public mutirões someone took part in, for their public profile."""
    return (
        Event.objects.select_related("category", "organizer")
        .filter(
            pk__in=Participation.objects.filter(rules.ATTENDED, user=user).values("event"),
            visibility=Event.Visibility.PUBLIC,
        )
        .annotate(
            distance_km=Value(None, output_field=FloatField()), my_participation=Value(None, output_field=CharField())
        )
        .order_by("-start")[:20]
    )


def co_organizer_list(*, event: Event) -> QuerySet[User]:
    return event.co_organizers.order_by("first_name", "id")


def series_get_visible(*, series_id: int, user: User | AnonymousUser) -> EventSeries:
    """A series as the caller may see it: once one of its occurrences is public, or to those who
    manage its first mutirão."""
    series = EventSeries.objects.select_related("origin").filter(pk=series_id).first()
    if series is None:
        raise NotFound(_("Series not found."))
    public = series.occurrences.filter(
        status__in=[Event.Status.PUBLISHED, Event.Status.COMPLETED], visibility=Event.Visibility.PUBLIC
    ).exists()
    if not public and not (series.origin and rules.can_manage(event=series.origin, user=user)):
        raise NotFound(_("Series not found."))
    return series


def series_occurrences(*, series: EventSeries) -> QuerySet[Event]:
    return series.occurrences.exclude(status=Event.Status.DRAFT).order_by("occurrence_date")


def series_is_subscribed(*, series: EventSeries, user: User | AnonymousUser) -> bool:
    return isinstance(user, User) and series.subscriptions.filter(user=user).exists()


def user_export_sections(*, user: User) -> dict[str, Any]:
    """The account export's part about mutirões: each participation and each mutirão organized."""
    participations = Participation.objects.filter(user=user).select_related("event").order_by("created_at")
    return {
        "participations": [
            {
                "event_id": p.event_id,
                "event_title": p.event.title,
                "event_start": p.event.start.isoformat(),
                "status": p.status,
                "emergency_contact": p.emergency_contact,
                "notes": p.notes,
                "checked_in_at": p.checked_in_at.isoformat() if p.checked_in_at else None,
                "checked_out_at": p.checked_out_at.isoformat() if p.checked_out_at else None,
                "hours": str(p.hours) if p.hours is not None else None,
                "created_at": p.created_at.isoformat(),
            }
            for p in participations
        ],
        "organized_events": [
            {"id": e.id, "title": e.title, "start": e.start.isoformat(), "status": e.status}
            for e in Event.objects.filter(organizer=user).order_by("start")
        ],
    }
