"""The nearby search reads the (latitude, longitude) index, not the whole table (see bench/README.md)."""

from django.contrib.auth.models import AnonymousUser
from django.db import connection, transaction

from mutiroes.events import selectors
from mutiroes.events.models import Event


def _plan(queryset) -> str:
    with transaction.atomic(), connection.cursor() as cursor:
        # Few rows in a test database: forbid the sequential scan so the planner shows whether
        # an index can serve the bounding box (as it does on the 20,000-row bench data).
        cursor.execute("ANALYZE events_event")
        cursor.execute("SET LOCAL enable_seqscan = off")
        return queryset.explain()


def test_nearby_search_uses_the_coordinates_index(make_event):
    for i in range(40):
        make_event(latitude=-30 + i * 0.5, longitude=-60 + i * 0.5)
    for ordering in ("start", "distance"):
        filters = selectors.EventFilters(near=(-22.97, -43.18), radius_km=10, ordering=ordering)
        queryset = selectors.event_list(filters=filters, user=AnonymousUser())
        plan = _plan(queryset[:20])
        assert "event_lat_lng_idx" in plan, plan
        assert "Seq Scan on events_event" not in plan, plan


def test_plain_listing_uses_the_listing_index(make_event):
    for i in range(40):
        make_event(status=Event.Status.PUBLISHED if i % 2 else Event.Status.COMPLETED)
    queryset = selectors.event_list(filters=selectors.EventFilters(), user=AnonymousUser())
    plan = _plan(queryset[:20])
    assert "Seq Scan on events_event" not in plan, plan
