"""The listing's page runs SQL compiled once per shape of listing (`list_output.PageRows`): every
answer must be what the queryset gives, for any caller, page and filter, cold or warm, with the
same number of queries whatever the page's size."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext

from mutiroes.events import list_output, selectors
from mutiroes.events.tests.test_list_output import PATHS, reference_body, world  # noqa: F401
from mutiroes.events.views import _CallerId

pytestmark = pytest.mark.django_db

FILTERS = [
    selectors.EventFilters(),
    selectors.EventFilters(ordering="-start"),
    selectors.EventFilters(ordering="-created"),
    selectors.EventFilters(near=(-22.97, -43.18), radius_km=50, ordering="distance"),
    selectors.EventFilters(near=(-23.55, -46.63), radius_km=20),
    selectors.EventFilters(status="completed"),
    selectors.EventFilters(city="rio", state="RJ"),
    selectors.EventFilters(category="plantio-de-arvores"),
]


def rows_of(filters: selectors.EventFilters, caller_id: int | None, start: int, stop: int) -> list[dict]:
    user = AnonymousUser() if caller_id is None else _CallerId(caller_id)
    return list(list_output.event_rows(selectors.event_list(filters=filters, user=user))[start:stop])


def page_rows(filters: selectors.EventFilters, caller_id: int | None) -> list_output.PageRows:
    shape, shape_filters, numbers = selectors.event_list_shape(filters)

    def build(placeholders: bool):
        uid = list_output.SENTINEL_USER_ID if placeholders and caller_id is not None else caller_id
        user = AnonymousUser() if uid is None else _CallerId(uid)
        return list_output.event_rows(
            selectors.event_list(filters=shape_filters if placeholders else filters, user=user)
        )

    return list_output.PageRows(build, shape=shape, user_id=caller_id, numbers=numbers)


def test_rows_equal_the_querysets_for_each_caller_cold_and_warm(world):  # noqa: F811
    list_output.compiled_cache_clear()
    callers = [None, world["organizer"].id, world["participant"].id, world["other"].id]
    for filters in FILTERS:
        for start, stop in [(0, 20), (0, 3), (3, 6), (1, 2)]:
            for caller in callers * 2:  # the first caller of each shape compiles it, the others reuse it
                expected = rows_of(filters, caller, start, stop)
                assert page_rows(filters, caller)[start:stop] == expected, (filters, caller, start, stop)
    # Each caller's own participation comes back, not the compiling caller's.
    mine = page_rows(selectors.EventFilters(), world["participant"].id)[0:20]
    assert {row["my_participation"] for row in mine} >= {"confirmed", "pending", None}
    others = page_rows(selectors.EventFilters(), world["other"].id)[0:20]
    assert {row["my_participation"] for row in others} == {None}
    assert all(type(row["distance_km"]) is float for row in page_rows(FILTERS[3], None)[0:20])


def test_any_point_and_caller_runs_the_sql_and_parameters_django_compiles(world):  # noqa: F811
    """A nearby listing is compiled once for all points: with each request's numbers put in, the
    SQL and parameters are exactly what Django compiles for that request's queryset."""
    import random

    rnd = random.Random(12)
    points = [(-22.97, -43.18), (-23.55, -46.63), (0.0, 0.0), (89.99, 179.9), (-89.999, -180.0)]
    points += [(rnd.uniform(-90, 90), rnd.uniform(-180, 180)) for _ in range(40)]
    callers = [None, world["participant"].id, 2, 7]  # small ids: never mistaken for other numbers
    list_output.compiled_cache_clear()
    for i, point in enumerate(points):
        radius = [0.1, 10.0, 25.0, 100.0, rnd.uniform(0.1, 100)][i % 5]
        ordering = ["start", "distance", "-start", "-created"][i % 4]
        filters = selectors.EventFilters(near=point, radius_km=radius, ordering=ordering)
        for caller in callers:
            user = AnonymousUser() if caller is None else _CallerId(caller)
            real = list_output.event_rows(selectors.event_list(filters=filters, user=user))[0:20]
            expected = real.query.sql_with_params()
            rows = page_rows(filters, caller)
            got = rows[0:20]
            sql, params, swaps, _, _ = list_output._compiled[(rows.shape, caller is not None, 0, 20)]
            put = list(params)
            for pos, placeholder in swaps:
                put[pos] = rows.numbers[placeholder]
            assert (sql, tuple(put)) == (expected[0], tuple(expected[1])), (point, radius, caller)
            assert got == list(real), (point, radius, caller)
    shapes = {key[0] for key in list_output._compiled}
    assert len(shapes) == 4  # one per ordering, whatever the point and radius


def test_a_search_and_an_empty_page_are_not_compiled(world):  # noqa: F811
    list_output.compiled_cache_clear()
    search = selectors.EventFilters(q="praia")
    assert selectors.event_list_shape(search)[0] is None
    assert page_rows(search, world["participant"].id)[0:20] == rows_of(search, world["participant"].id, 0, 20)
    assert page_rows(selectors.EventFilters(), None)[0:0] == []
    assert list_output._compiled == {}


@pytest.mark.parametrize("viewer", ["anonymous", "participant"])
def test_pages_cold_and_warm_are_byte_for_byte_the_serializers(world, client_for, viewer):  # noqa: F811
    user = world[viewer]
    client = client_for(user)
    list_output.compiled_cache_clear()
    for _ in range(2):
        for path in PATHS:
            response = client.get(path, HTTP_ACCEPT="application/json", HTTP_COOKIE="x=1")
            assert response.status_code == 200, (path, response.content)
            assert response.content == reference_body(path, response.json(), user or AnonymousUser()), path


def test_one_query_per_page_whatever_its_size(world, client_for):  # noqa: F811
    client = client_for(world["participant"])
    client.get("/api/events/")  # the count is cached for the listing generation
    counts = set()
    for size in (1, 5, 20, 100):
        client.get(f"/api/events/?page_size={size}")
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(f"/api/events/?page_size={size}").status_code == 200
        counts.add(len(ctx.captured_queries))
    assert counts == {1}


@pytest.mark.parametrize("query", ["", "page=2", "page_size=5", "page=1&page_size=3&utm_source=x", "share=abc"])
def test_no_filter_given_is_what_the_filter_serializer_gives(query):
    from django.http import QueryDict
    from rest_framework.request import Request
    from rest_framework.test import APIRequestFactory

    from mutiroes.events.serializers import EventListFilterSerializer
    from mutiroes.events.views import _list_filters

    serializer = EventListFilterSerializer(data=QueryDict(query))
    assert serializer.is_valid(), serializer.errors
    request = Request(APIRequestFactory().get(f"/api/events/?{query}"))
    assert _list_filters(request) == dict(serializer.validated_data) == {}


FILTER_QUERIES = [
    "",
    "near=-23.55,-46.63&radius_km=10",
    "near=-23.55,-46.63&radius_km=10&ordering=distance",
    "near=abc",
    "near=95,10",
    "radius_km=5",
    "radius_km=0&near=1,1",
    "ordering=distance",
    "ordering=nope",
    "status=draft",
    "status=completed&state=rj",
    "state=XX",
    "city=",
    "q=" + "palavra " * 9,
    "q=praia limpa&category=praias",
    "category=não slug",
    "starts_after=2030-01-01T00:00:00Z&starts_before=2029-01-01T00:00:00Z",
    "starts_after=ontem",
]


def test_prototype_fields_validate_as_drfs_own_fields():
    """The filter serializer's fields are shallow copies of one set: the same validated data and
    the same errors as fields built by DRF for each instance, in any order, again and again."""
    from django.http import QueryDict
    from django.utils import translation
    from rest_framework import serializers

    from mutiroes.events.serializers import EventListFilterSerializer

    class Plain(EventListFilterSerializer):
        def get_fields(self):
            return serializers.Serializer.get_fields(self)  # DRF's deep copy of the declared fields

    def outcome(cls, query):
        serializer = cls(data=QueryDict(query))
        valid = serializer.is_valid()
        return valid, (dict(serializer.validated_data) if valid else serializer.errors)

    for language in ("pt-br", "en"):
        with translation.override(language):
            for query in FILTER_QUERIES * 2 + FILTER_QUERIES[::-1]:
                assert outcome(EventListFilterSerializer, query) == outcome(Plain, query), query


def test_the_filters_key_is_what_asdict_wrote():
    """The count's cache key keeps its text (entries cached before the change stay valid)."""
    from dataclasses import asdict
    from datetime import UTC, datetime

    samples = [
        *FILTERS,
        selectors.EventFilters(q="praia limpa", starts_after=datetime(2030, 1, 2, 3, 4, tzinfo=UTC)),
        selectors.EventFilters(near=(1.5, -2.25), radius_km=3.0, starts_before=datetime(2031, 1, 1, tzinfo=UTC)),
    ]
    for filters in samples:
        assert selectors.filters_key(filters) == repr(sorted(asdict(filters).items()))


def test_remembered_filters_are_what_the_serializer_gives_each_time():
    """`_list_filters` remembers validated filters by the query's filter values and the time zone:
    for every query, first and again, in two zones and two languages, the same validated data as
    the serializer or the same refusal (in the request's language); a caller changing its copy
    changes nothing remembered; and a full memory is emptied, not grown."""
    from django.http import QueryDict
    from django.utils import timezone as django_timezone
    from django.utils import translation
    from rest_framework.exceptions import ValidationError
    from rest_framework.request import Request
    from rest_framework.test import APIRequestFactory

    from mutiroes.events import views
    from mutiroes.events.serializers import EventListFilterSerializer

    def expected(query):
        serializer = EventListFilterSerializer(data=QueryDict(query))
        return dict(serializer.validated_data) if serializer.is_valid() else serializer.errors

    def given(query):
        try:
            return views._list_filters(Request(APIRequestFactory().get(f"/api/events/?{query}")))
        except ValidationError as exc:
            return exc.detail

    queries = [*FILTER_QUERIES, "starts_after=2030-01-01T08:00", "near=-23.55,-46.63&near=-22.9,-43.2&page=3"]
    views._validated_filters.clear()
    for zone in ("America/Sao_Paulo", "America/Manaus"):
        with django_timezone.override(zone):
            for language in ("pt-br", "en"):
                with translation.override(language):
                    for query in queries * 2:
                        assert given(query) == expected(query), (zone, language, query)
    with django_timezone.override("America/Manaus"):
        assert given("starts_after=2030-01-01T08:00")["starts_after"].utcoffset().total_seconds() == -4 * 3600
    # Only what validated is remembered, once per zone and filter values (not per page).
    valid = [q for q in queries if q and EventListFilterSerializer(data=QueryDict(q)).is_valid()]
    assert len(valid) >= 5
    assert len(views._validated_filters) == 2 * len(valid)
    first = given("near=-23.55,-46.63&radius_km=10")
    first["radius_km"] = 99.0
    assert given("near=-23.55,-46.63&radius_km=10")["radius_km"] == 10.0
    views._validated_filters.clear()
    for n in range(views._VALIDATED_FILTERS_MAX + 5):
        assert given(f"city=cidade-{n}") == {"city": f"cidade-{n}"}
    assert len(views._validated_filters) == 5


def test_remembered_datetime_texts_are_drfs_in_each_zone():
    """A listing's datetimes are written once per instant and zone: the same text as DRF's
    DateTimeField for the database's UTC values (first and remembered), in each zone, for
    values in another zone (not remembered), and after the memory is emptied when full."""
    from datetime import UTC, datetime, timedelta
    from zoneinfo import ZoneInfo

    from django.utils import timezone as django_timezone
    from rest_framework.fields import DateTimeField

    from mutiroes.events import list_output

    base = datetime(2026, 12, 5, 11, 0, 0, 123456, tzinfo=UTC)
    values = [base + timedelta(hours=h, microseconds=h) for h in range(-30, 30)]
    list_output._datetime_text.clear()
    for zone in ("America/Sao_Paulo", "America/Noronha", "UTC"):
        with django_timezone.override(zone):
            tz = django_timezone.get_current_timezone()
            for value in values * 2 + [v.astimezone(ZoneInfo("Asia/Tokyo")) for v in values]:
                assert list_output._datetime(value, tz) == DateTimeField().to_representation(value), (zone, value)
            assert list_output._datetime(None, tz) is None
    assert len(list_output._datetime_text) == 3
    assert all(len(texts) == len(values) for texts in list_output._datetime_text.values())
    assert list_output._datetime(base, ZoneInfo("UTC")).endswith("Z")
    tz = ZoneInfo("America/Sao_Paulo")
    list_output._datetime_text.clear()
    many = [base + timedelta(seconds=s) for s in range(list_output._DATETIME_TEXT_MAX + 3)]
    for value in many:
        list_output._datetime(value, tz)
    assert len(list_output._datetime_text[tz]) == 3
    assert [list_output._datetime(v, tz) for v in many[:3]] == [v.astimezone(tz).isoformat() for v in many[:3]]
