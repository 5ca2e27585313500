"""The event list's page as plain dicts, from `.values()` rows, without DRF's field machinery.

`EventOutputSerializer` stays the contract (the OpenAPI schema, and every other answer that shows
a mutirão); this writes exactly what it writes for a listing page — the same keys in the same
order, the same date, number and URL formats — because building 20 mutirões through the
serializer's per-object fields (nested category and organizer, ~30 fields each) was half of an
authenticated page's CPU (bench/README.md). `tests/test_list_output.py` holds the two equal byte
for byte; a field added to the serializer must be added here too (that test fails until it is).
"""

from collections.abc import Iterable
from datetime import datetime, tzinfo
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from mutiroes.events import rules
from mutiroes.events.models import Event, spots_left
from mutiroes.events.serializers import CategoryOutputSerializer, EventOutputSerializer
from mutiroes.users.models import user_name

# What a listing row reads: the serializer's model fields with the annotations
# `my_participation` and `distance_km` (see `selectors.event_list`), its category's fields and
# what its organizer's name and profile are made of.
_COMPUTED = {"category", "organizer", "phase", "spots_left"}
COLUMNS = (
    *(name for name in EventOutputSerializer.Meta.fields if name not in _COMPUTED),
    *(f"category__{name}" for name in CategoryOutputSerializer.Meta.fields),
    "organizer_id",
    "organizer__display_name",
    "organizer__first_name",
    "organizer__last_name",
    "organizer__deleted_at",
    "organizer__is_public",
)


def event_rows(queryset: QuerySet[Event]) -> QuerySet[Event, dict[str, Any]]:
    """A listing's queryset (`selectors.event_list`) as the rows `event_list_output` reads: one
    query per page, as with `select_related`."""
    return queryset.values(*COLUMNS)


def _datetime(value: datetime | None, tz: tzinfo) -> str | None:
    """DRF's `DateTimeField` output: ISO 8601 in the current time zone, `Z` for UTC."""
    if not value:
        return None
    text = value.astimezone(tz).isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def event_list_output(rows: Iterable[dict[str, Any]], *, now: datetime | None = None) -> list[dict[str, Any]]:
    """What `EventOutputSerializer(many=True)` writes for these rows."""
    now = now or timezone.now()
    tz = timezone.get_current_timezone()
    media_url = Event._meta.get_field("cover_image").storage.url  # what the row's FieldFile.url calls
    output = []
    for row in rows:
        distance = row["distance_km"]
        cover = row["cover_image"]
        output.append(
            {
                "id": row["id"],
                "title": row["title"],
                "description": row["description"],
                "category": {
                    "id": row["category__id"],
                    "slug": row["category__slug"],
                    "name": row["category__name"],
                    "icon": row["category__icon"],
                    "color": row["category__color"],
                    "description": row["category__description"],
                },
                "organizer": {
                    "id": row["organizer_id"],
                    "name": user_name(
                        display_name=row["organizer__display_name"],
                        first_name=row["organizer__first_name"],
                        last_name=row["organizer__last_name"],
                        deleted_at=row["organizer__deleted_at"],
                    ),
                    "is_public": row["organizer__is_public"],
                },
                "address": row["address"],
                "city": row["city"],
                "state": row["state"],
                "latitude": row["latitude"],
                "longitude": row["longitude"],
                "start": _datetime(row["start"], tz),
                "end": _datetime(row["end"], tz),
                "registration_deadline": _datetime(row["registration_deadline"], tz),
                "capacity": row["capacity"],
                "min_age": row["min_age"],
                "requires_approval": row["requires_approval"],
                "requires_waiver": row["requires_waiver"],
                "asks_image_consent": row["asks_image_consent"],
                "visibility": row["visibility"],
                "status": row["status"],
                "phase": rules.phase_of(status=row["status"], start=row["start"], end=row["end"], now=now),
                "what_to_bring": row["what_to_bring"],
                "tools_provided": row["tools_provided"],
                "cover_image": media_url(cover) if cover else None,
                "confirmed_count": row["confirmed_count"],
                "spots_left": spots_left(capacity=row["capacity"], confirmed_count=row["confirmed_count"]),
                "waitlist_count": row["waitlist_count"],
                "distance_km": None if distance is None else round(distance, 2),
                "my_participation": row["my_participation"],
                "created_at": _datetime(row["created_at"], tz),
                "updated_at": _datetime(row["updated_at"], tz),
            }
        )
    return output
