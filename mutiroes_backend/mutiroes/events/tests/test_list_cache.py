"""The anonymous listing is cached in Redis and every change shows on the next request."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from mutiroes.core.tests.refusals import assert_refused
from mutiroes.events.selectors import event_list_cache_key

pytestmark = pytest.mark.django_db


def test_anonymous_list_is_served_from_the_cache(api, event, django_assert_num_queries):
    first = api.get("/api/events/")
    assert first.status_code == 200
    with django_assert_num_queries(0):
        second = api.get("/api/events/")
    assert second.json() == first.json()


SAMPLE_PATHS = [
    "/api/events/",
    "/api/events/?page=2&page_size=2",
    "/api/events/?city=Niter%C3%B3i",
    "/api/events/?q=praia&ordering=-start",
    "/api/events/?near=-22.97,-43.18&radius_km=10",
    "/api/events/?category=limpeza-de-praias&state=RJ",
]
# Not plain JSON for the shared cache: DRF answers these itself, uncached.
DRF_ONLY = {"HTTP_ACCEPT": "application/json, text/plain;q=0.5"}


def _shown(response):
    return response.status_code, response.content, response["Content-Type"], response.get("Allow"), response.get("Vary")


@pytest.mark.parametrize("path", SAMPLE_PATHS)
def test_a_cached_page_is_byte_for_byte_what_drf_renders(api, make_event, path, django_assert_num_queries):
    for day in range(1, 6):
        make_event(title=f"Mutirão {day}", start=timezone.now() + timedelta(days=day))
    make_event(title="Limpeza em Niterói", city="Niterói")
    uncached = api.get(path, **DRF_ONLY)
    assert uncached.status_code == 200
    miss = api.get(path)
    with django_assert_num_queries(0):
        hit = api.get(path)
        hit_star = api.get(path, HTTP_ACCEPT="*/*")
    assert _shown(miss) == _shown(hit) == _shown(hit_star) == _shown(uncached)


def test_a_hit_with_a_session_cookie_costs_no_query(api, event, django_assert_num_queries):
    api.get("/api/events/")
    api.cookies["sessionid"] = "an-admin-session-of-someone"
    with django_assert_num_queries(0):
        hit = api.get("/api/events/")
    assert hit.status_code == 200
    assert hit.json()["count"] == 1


def test_only_plain_json_answers_are_shared(api, event):
    indented = api.get("/api/events/", HTTP_ACCEPT="application/json; indent=4")
    assert indented.status_code == 200
    assert b"\n    " in indented.content
    plain = api.get("/api/events/")
    assert b"\n" not in plain.content
    assert plain.json() == indented.json()
    assert api.get("/api/events/", HTTP_ACCEPT="text/html").status_code == 406


@pytest.mark.parametrize(("path", "status"), [("/api/events/?page_size=0", 400), ("/api/events/?page=99", 404)])
def test_refusals_are_not_cached(api, event, path, status):
    assert api.get(path).status_code == status
    assert cache.get(event_list_cache_key(path)) is None
    assert api.get(path).status_code == status


def test_a_request_with_credentials_never_gets_the_shared_page(api, client_for, user, event):
    api.get("/api/events/")
    from mutiroes.events.services import participation_join

    participation_join(event_id=event.id, user=user)
    own = client_for(user).get("/api/events/")
    assert own.json()["results"][0]["my_participation"] == "confirmed"
    garbage = api.get("/api/events/", HTTP_AUTHORIZATION="Bearer not-a-token")
    assert garbage.status_code == 401


def test_a_join_is_visible_on_the_next_request(
    api, client_for, user, event, django_capture_on_commit_callbacks, django_assert_num_queries
):
    assert api.get("/api/events/").json()["results"][0]["confirmed_count"] == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert client_for(user).post(f"/api/events/{event.id}/join/", {}, format="json").status_code == 201
    item = api.get("/api/events/").json()["results"][0]
    assert (item["confirmed_count"], item["spots_left"]) == (1, 9)
    with django_capture_on_commit_callbacks(execute=True):
        assert client_for(user).post(f"/api/events/{event.id}/leave/").status_code == 200
    assert api.get("/api/events/").json()["results"][0]["confirmed_count"] == 0


def test_an_edit_and_a_cancellation_are_visible_on_the_next_request(
    api, client_for, organizer, event, django_capture_on_commit_callbacks
):
    api.get("/api/events/")
    with django_capture_on_commit_callbacks(execute=True):
        client_for(organizer).patch(f"/api/events/{event.id}/", {"title": "Novo título"}, format="json")
    assert api.get("/api/events/").json()["results"][0]["title"] == "Novo título"
    with django_capture_on_commit_callbacks(execute=True):
        client_for(organizer).post(f"/api/events/{event.id}/cancel/")
    assert api.get("/api/events/").json()["count"] == 0


def test_authenticated_lists_are_not_shared(api, client_for, user, event, django_capture_on_commit_callbacks):
    api.get("/api/events/")
    from mutiroes.events.services import participation_join

    participation_join(event_id=event.id, user=user)
    assert client_for(user).get("/api/events/").json()["results"][0]["my_participation"] == "confirmed"


def test_without_redis_reads_are_served_uncached_and_throttling_fails_open(
    api, client_for, user, event, redis_down, django_capture_on_commit_callbacks
):
    response = api.get("/api/events/")
    assert response.status_code == 200
    assert response.json()["count"] == 1
    with django_capture_on_commit_callbacks(execute=True):
        joined = client_for(user).post(f"/api/events/{event.id}/join/", {}, format="json")
    assert joined.status_code == 201
    assert api.get("/api/events/").json()["results"][0]["confirmed_count"] == 1
    login = api.post("/api/auth/token/", {"email": user.email, "password": "x"}, format="json")
    assert_refused(login, 401, "invalid_credentials", "E-mail ou senha incorretos.")


@pytest.mark.parametrize("path", SAMPLE_PATHS)
def test_the_shared_count_is_the_count(client_for, user, make_event, path):
    for day in range(1, 6):
        make_event(title=f"Mutirão {day}", start=timezone.now() + timedelta(days=day))
    make_event(title="Limpeza em Niterói", city="Niterói")
    client = client_for(user)
    counted = client.get(path).json()  # counted, then cached
    cached = client.get(path).json()
    assert cached == counted
    base, _, query = path.partition("?")
    params = [p for p in query.split("&") if p and not p.startswith(("page=", "page_size="))]
    everything = client.get(f"{base}?{'&'.join([*params, 'page_size=100'])}").json()
    assert everything["count"] == counted["count"] == len(everything["results"])


def test_a_new_or_cancelled_mutirao_changes_the_count_on_the_next_request(
    client_for, user, organizer, event, django_capture_on_commit_callbacks
):
    client = client_for(user)
    assert client.get("/api/events/").json()["count"] == 1
    body = {
        "title": "Plantio no parque",
        "description": "Mudas nativas.",
        "category": event.category_id,
        "address": "Parque da Cidade",
        "city": "Niterói",
        "state": "RJ",
        "latitude": -22.9,
        "longitude": -43.1,
        "start": (timezone.now() + timedelta(days=9)).isoformat(),
        "end": (timezone.now() + timedelta(days=9, hours=3)).isoformat(),
        "capacity": 20,
        "status": "published",
    }
    with django_capture_on_commit_callbacks(execute=True):
        created = client_for(organizer).post("/api/events/", body, format="json")
    assert created.status_code == 201, created.json()
    assert client.get("/api/events/").json()["count"] == 2
    with django_capture_on_commit_callbacks(execute=True):
        assert client_for(organizer).post(f"/api/events/{event.id}/cancel/").status_code == 200
    listing = client.get("/api/events/").json()
    assert listing["count"] == 1
    assert [item["title"] for item in listing["results"]] == ["Plantio no parque"]
