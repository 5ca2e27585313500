"""The anonymous listing is cached in Redis and every change shows on the next request."""

import pytest
from django.core.cache import caches

from mutiroes.core.tests.refusals import assert_refused

pytestmark = pytest.mark.django_db


def test_anonymous_list_is_served_from_the_cache(api, event, django_assert_num_queries):
    first = api.get("/api/events/")
    assert first.status_code == 200
    with django_assert_num_queries(0):
        second = api.get("/api/events/")
    assert second.json() == first.json()


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


@pytest.fixture
def redis_down(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    caches._settings = None
    yield
    caches._settings = None


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
