"""The event list's page as plain dicts, from `.values()` rows, without DRF's field machinery.

`EventOutputSerializer` stays the contract (the OpenAPI schema, and every other answer that shows
a mutirão); this writes exactly what it writes for a listing page — the same keys in the same
order, the same date, number and URL formats — because building 20 mutirões through the
serializer's per-object fields (nested category and organizer, ~30 fields each) was half of an
authenticated page's CPU (bench/README.md). `tests/test_list_output.py` holds the two equal byte
for byte; a field added to the serializer must be added here too (that test fails until it is).
"""

from collections.abc import Iterable
from datetime import UTC, datetime, tzinfo
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connection
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


# The text of each instant already written, per time zone: a page's 100 datetimes are mostly
# the same mutirões' as the pages before it, and a dict lookup costs ~3% of `astimezone` and
# `isoformat` (0.2 ms of an authenticated page's ~4 ms of CPU). Bounded: emptied when full.
_DATETIME_TEXT_MAX = 8192
_datetime_text: dict[tzinfo, dict[datetime, str]] = {}


def _iso(value: datetime, tz: tzinfo) -> str:
    text = value.astimezone(tz).isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def _datetime(value: datetime | None, tz: tzinfo) -> str | None:
    """DRF's `DateTimeField` output: ISO 8601 in the current time zone, `Z` for UTC. The text
    depends only on the instant and the zone: remembered for the database's values, in UTC
    (equal UTC datetimes are the same instant; within one local zone a repeated hour is not)."""
    if not value:
        return None
    if value.tzinfo is not UTC:
        return _iso(value, tz)
    texts = _datetime_text.get(tz)
    if texts is None:
        texts = _datetime_text[tz] = {}
    text = texts.get(value)
    if text is None:
        if len(texts) >= _DATETIME_TEXT_MAX:
            texts.clear()
        text = texts[value] = _iso(value, tz)
    return text


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


# ---------------------------------------------------------------- the page's query, compiled once
# Building a listing's queryset and compiling it to SQL (~20 annotated columns, two joins, the
# caller's participation as a subquery) cost more CPU than running it. The SQL of a listing
# depends only on its filters, whether the caller is signed in, and the page's slice: it is
# compiled once per process for each of these shapes, with placeholders for the caller's id and
# for a nearby search's point and radius (and the numbers derived from them: see
# `selectors.event_list_shape`), and each page runs the stored SQL with this request's numbers
# put in. `test_list_query_cache.py` holds the SQL and parameters equal to the queryset's own,
# and the rows, for many shapes, points and callers.
SENTINEL_USER_ID = -7_318_205_441_977  # no user has it: marks where the caller's id goes
_COMPILED_MAX = 512
# (SQL, parameters, [(position, placeholder)], the row's names, the compiler's converters)
_Compiled = tuple[str, tuple[Any, ...], list[tuple[int, Any]], list[str], list[Any]]
_compiled: dict[tuple[str, bool, int, int], _Compiled] = {}


def compiled_cache_clear() -> None:
    _compiled.clear()


class PageRows:
    """A listing's rows for the paginator: `count()` and a slice, the slice run from SQL compiled
    once per shape (see above). `build(placeholders)` makes the listing's `.values()` queryset:
    with the placeholders (the filters of the shape, caller SENTINEL_USER_ID if signed in) or
    with this request's filters and caller; it is called only to compile a new shape or to
    count. `numbers` maps each placeholder number to this request's."""

    ordered = True  # the listing's queryset always has an order_by (Paginator's check)

    def __init__(
        self, build: Any, *, shape: str | None, user_id: int | None, numbers: dict[float, float] | None = None
    ) -> None:
        self.build = build
        self.shape = shape  # None: never cached (e.g. a search, whose SQL depends on categories)
        self.user_id = user_id
        self.numbers: dict[Any, Any] = dict(numbers or {})
        if user_id is not None:
            self.numbers[SENTINEL_USER_ID] = user_id

    def count(self) -> int:
        return self.build(False).count()

    def __getitem__(self, page: slice) -> list[dict[str, Any]]:
        start, stop = int(page.start or 0), int(page.stop)
        if stop <= start:
            return []
        if self.shape is None:
            return list(self.build(False)[start:stop])
        key = (self.shape, self.user_id is not None, start, stop)
        entry = _compiled.get(key)
        if entry is None:
            entry = _compile(self.build(True)[start:stop], placeholders=list(self.numbers))
            if entry is None:
                return list(self.build(False)[start:stop])
            if len(_compiled) >= _COMPILED_MAX:
                _compiled.clear()
            _compiled[key] = entry
        sql, params, swaps, names, converters = entry
        if swaps:
            put = list(params)
            for pos, placeholder in swaps:
                put[pos] = self.numbers[placeholder]
            params = tuple(put)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        if converters:  # what the compiler applies (e.g. `distance_km` to float)
            rows = [list(row) for row in rows]
            for row in rows:
                for pos, (functions, expression) in converters:
                    value = row[pos]
                    for function in functions:
                        value = function(value, expression, connection)
                    row[pos] = value
        return [dict(zip(names, row, strict=True)) for row in rows]


def compiled_sql(
    queryset: QuerySet[Event, dict[str, Any]], *, placeholders: list[Any]
) -> tuple[str, tuple[Any, ...]] | None:
    """The SQL and parameters `PageRows` would run for `queryset`'s placeholders (for tests)."""
    entry = _compile(queryset, placeholders=placeholders)
    return None if entry is None else (entry[0], entry[1])


def _compile(queryset: QuerySet[Event, dict[str, Any]], *, placeholders: list[Any]) -> _Compiled | None:
    query = queryset.query
    compiler = query.get_compiler(queryset.db)
    try:
        sql, params = compiler.as_sql()
    except EmptyResultSet:  # Django answers it without a query: left to the queryset
        return None
    kinds = {placeholder: type(placeholder) for placeholder in placeholders}
    swaps = [(i, p) for i, p in enumerate(params) if type(p) in (int, float) and kinds.get(p) is type(p)]
    if {p for _, p in swaps} != set(placeholders):
        return None  # a placeholder the SQL does not carry as a parameter: not cached
    if not query.values_select or query.extra_select:
        return None  # not a plain `.values()` query: never expected here
    # The row's names as Django's ValuesIterable reads them.
    names = list(query.selected) if query.selected else [*query.values_select, *query.annotation_select]
    if len(names) != compiler.col_count:
        return None
    fields = [s[0] for s in compiler.select[0 : compiler.col_count]]
    converters = list(compiler.get_converters(fields).items())
    return sql, tuple(params), swaps, names, converters
