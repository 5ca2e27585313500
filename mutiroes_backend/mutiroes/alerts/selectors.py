"""Reads of alerts: someone's areas and settings, and who is to be told about a published mutirão.

Matching is one SQL query served by indexes, never a walk over every area in Python: the circles
by a box around the mutirão on their centres (the partial (latitude, longitude) index, as the
nearby search does) and then the exact distance against each circle's own radius; the cities by
(state, folded city). `tests/test_matching.py` reads the plan.
"""

from typing import Any

from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _

from mutiroes.alerts.models import MAX_RADIUS_KM, AlertArea, AlertSettings
from mutiroes.core.exceptions import NotFound
from mutiroes.core.search import fold
from mutiroes.events.models import Event
from mutiroes.events.selectors import bounding_box, distance_km_from

AreaCategory = AlertArea.categories.through


def alert_area_list(*, user: Any) -> QuerySet[AlertArea]:
    return AlertArea.objects.filter(user=user).prefetch_related("categories").order_by("created_at", "id")


def alert_area_get_own(*, user: Any, area_id: int) -> AlertArea:
    area = alert_area_list(user=user).filter(pk=area_id).first()
    if area is None:
        raise NotFound(_("Area not found."))
    return area


def alert_settings_get(*, user: Any) -> AlertSettings:
    """The person's settings; unsaved defaults when they never changed them."""
    return AlertSettings.objects.filter(user=user).first() or AlertSettings(user=user)


def is_alertable(event: Event, *, now: Any) -> bool:
    """Only a published, public mutirão still ahead is announced: never a draft or an unlisted one."""
    return event.status == Event.Status.PUBLISHED and event.visibility == Event.Visibility.PUBLIC and event.start > now


def alert_areas_matching(*, event: Event) -> QuerySet[AlertArea]:
    """The areas that contain the mutirão's place and watch its category (or every category)."""
    min_lat, max_lat, min_lng, max_lng = bounding_box(lat=event.latitude, lng=event.longitude, radius_km=MAX_RADIUS_KM)
    in_circle = Q(
        kind=AlertArea.Kind.RADIUS,
        latitude__range=(min_lat, max_lat),
        longitude__range=(min_lng, max_lng),
        distance_km__lte=F("radius_km"),
    )
    in_city = Q(kind=AlertArea.Kind.CITY, state=event.state, city_key=fold(event.city.strip()))
    chosen = AreaCategory.objects.filter(alertarea_id=OuterRef("pk"))
    return (
        AlertArea.objects.alias(distance_km=distance_km_from(event.latitude, event.longitude))
        .filter(in_circle | in_city)
        .filter(~Exists(chosen) | Exists(chosen.filter(category_id=event.category_id)))
    )


def alert_recipient_ids(*, event: Event, after_user_id: int, limit: int) -> list[int]:
    """The next `limit` people (by id, after `after_user_id`) with an area matching the mutirão;
    each once however many of their areas match, never its organizer, only active accounts."""
    return list(
        alert_areas_matching(event=event)
        .filter(user_id__gt=after_user_id, user__is_active=True)
        .exclude(user_id=event.organizer_id)
        .order_by("user_id")
        .values_list("user_id", flat=True)
        .distinct()[:limit]
    )


def alert_digest_user_ids(*, user_ids: list[int]) -> set[int]:
    """Those among `user_ids` who chose one e-mail a day (one query)."""
    return set(
        AlertSettings.objects.filter(
            user_id__in=user_ids, email_frequency=AlertSettings.EmailFrequency.DAILY
        ).values_list("user_id", flat=True)
    )


def alert_areas_export(*, user: Any) -> list[dict[str, Any]]:
    """The areas someone watches, as plain data for their LGPD export."""
    return [
        {
            "label": area.label,
            "kind": area.kind,
            "latitude": area.latitude,
            "longitude": area.longitude,
            "radius_km": area.radius_km,
            "city": area.city,
            "state": area.state,
            "categories": sorted(category.slug for category in area.categories.all()),
            "created_at": area.created_at.isoformat(),
        }
        for area in alert_area_list(user=user)
    ]
