"""Who an alert reaches: inside the circle or the city, the category watched, once per person;
and the plan: indexes, not a scan of every area."""

import pytest
from django.db import connection, transaction
from django.utils import timezone

from mutiroes.alerts import selectors
from mutiroes.alerts.models import AlertArea
from mutiroes.core.search import fold
from mutiroes.events.models import Category, Event

pytestmark = pytest.mark.django_db
# Praça da Sé, São Paulo
SE = (-23.5503, -46.6339)


def _circle(user, *, lat=SE[0], lng=SE[1], radius=5, categories=()):
    area = AlertArea.objects.create(user=user, kind="radius", latitude=lat, longitude=lng, radius_km=radius)
    area.categories.set(categories)
    return area


def _city(user, *, city="São Paulo", state="SP", categories=()):
    area = AlertArea.objects.create(user=user, kind="city", city=city, state=state, city_key=fold(city))
    area.categories.set(categories)
    return area


@pytest.fixture
def sp_event(make_event):
    return make_event(city="São Paulo", state="SP", latitude=SE[0], longitude=SE[1], address="Praça da Sé")


def _recipients(event):
    return selectors.alert_recipient_ids(event=event, after_user_id=0, limit=1000)


def test_circles_match_by_their_own_radius(sp_event, make_user):
    near, far, wide = make_user(), make_user(), make_user()
    _circle(near, radius=2)
    _circle(far, lat=-23.65, radius=5)  # ~11 km south
    _circle(wide, lat=-23.65, radius=15)
    assert _recipients(sp_event) == sorted([near.id, wide.id])


def test_cities_match_whatever_the_accents_and_case(sp_event, make_user):
    same, other_state, other_city = make_user(), make_user(), make_user()
    _city(same, city="SAO PAULO")
    _city(other_state, city="São Paulo", state="RJ")
    _city(other_city, city="Campinas")
    assert _recipients(sp_event) == [same.id]


def test_categories_filter_and_none_means_all(sp_event, make_user):
    beach = Category.objects.get(slug="limpeza-de-praias")
    trees = Category.objects.get(slug="plantio-de-arvores")
    every, beaches, only_trees = make_user(), make_user(), make_user()
    _circle(every)
    _circle(beaches, categories=[beach, trees])
    _circle(only_trees, categories=[trees])
    assert sp_event.category == beach
    assert _recipients(sp_event) == sorted([every.id, beaches.id])


def test_each_person_once_never_the_organizer_nor_a_closed_account(sp_event, make_user, organizer):
    twice, closed = make_user(), make_user(is_active=False)
    _circle(twice)
    _city(twice)
    _circle(closed)
    _circle(organizer)
    assert _recipients(sp_event) == [twice.id]


def test_pages_of_people_follow_the_id_order(sp_event, make_user):
    people = [make_user() for _ in range(5)]
    for person in people:
        _circle(person)
    ids = sorted(p.id for p in people)
    assert selectors.alert_recipient_ids(event=sp_event, after_user_id=0, limit=2) == ids[:2]
    assert selectors.alert_recipient_ids(event=sp_event, after_user_id=ids[1], limit=2) == ids[2:4]


@pytest.mark.parametrize(
    "change",
    [{"status": Event.Status.DRAFT}, {"visibility": Event.Visibility.UNLISTED}, {"status": Event.Status.CANCELLED}],
)
def test_only_a_published_public_mutirao_ahead_is_announced(make_event, change):
    event = make_event(**change)
    assert not selectors.is_alertable(event, now=timezone.now())


def test_matching_reads_the_indexes_not_every_area(sp_event, make_user):
    """Few rows in a test database: forbid the sequential scan so the planner shows whether the
    indexes can serve the match (as they do with 50,000 areas, see test_fanout)."""
    people = [make_user() for _ in range(30)]
    for i, person in enumerate(people):
        _circle(person, lat=-30 + i * 0.3, lng=-55 + i * 0.3)
        _city(person, city=f"Cidade {i}", state="MG")
    queryset = (
        selectors.alert_areas_matching(event=sp_event)
        .filter(user_id__gt=0, user__is_active=True)
        .order_by("user_id")
        .values_list("user_id", flat=True)
        .distinct()[:501]
    )
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("ANALYZE alerts_alertarea")
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = queryset.explain()
    assert "alert_area_lat_lng_idx" in plan, plan
    assert "alert_area_city_idx" in plan, plan
    assert "Seq Scan on alerts_alertarea" not in plan, plan
