"""The anonymous and user throttles: the same budget, counted in one Redis round trip."""

import pytest
from redis.connection import Connection
from rest_framework.test import APIClient
from rest_framework_simplejwt.tokens import AccessToken

from mutiroes.core.throttling import AnonRateThrottle, UserRateThrottle

pytestmark = [pytest.mark.django_db, pytest.mark.urls("mutiroes.core.tests.bench_urls")]


@pytest.fixture
def three_per_minute(monkeypatch):
    for throttle in (AnonRateThrottle, UserRateThrottle):
        monkeypatch.setitem(throttle.THROTTLE_RATES, throttle.scope, "3/min")


@pytest.fixture
def round_trips(monkeypatch):
    """How many times a request went to Redis (a pipeline is one)."""
    sent: list[int] = []
    original = Connection.send_packed_command

    def counting(self, command, *args, **kwargs):
        sent.append(1)
        return original(self, command, *args, **kwargs)

    monkeypatch.setattr(Connection, "send_packed_command", counting)
    return sent


def bearer(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {AccessToken.for_user(user)}")
    return client


def test_the_user_budget_holds_per_user(make_user, three_per_minute):
    alice, bob = make_user(email="alice@exemplo.com.br"), make_user(email="bob@exemplo.com.br")
    client = bearer(alice)
    assert [client.get("/api/bench/noop-auth/").status_code for _ in range(3)] == [200, 200, 200]
    refused = client.get("/api/bench/noop-auth/")
    assert refused.status_code == 429
    assert refused.json()["code"] == "throttled"
    assert 0 < int(refused["Retry-After"]) <= 60
    assert bearer(bob).get("/api/bench/noop-auth/").status_code == 200  # another user's budget


def test_the_anonymous_budget_holds_per_address(api, event, three_per_minute):
    path = "/api/events/?page_size=1"  # through DRF: not the shared page cache's plain JSON
    statuses = [api.get(path, HTTP_ACCEPT="application/json, text/plain").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    other = api.get(path, HTTP_ACCEPT="application/json, text/plain", REMOTE_ADDR="10.1.2.3")
    assert other.status_code == 200


def test_an_authenticated_no_op_costs_two_redis_round_trips_and_no_query(user, round_trips, django_assert_num_queries):
    client = bearer(user)
    assert client.get("/api/bench/noop-auth/").status_code == 200  # caches the user's access state
    round_trips.clear()
    with django_assert_num_queries(0):
        response = client.get("/api/bench/noop-auth/")
    assert response.json() == {"status": "ok", "user": user.pk}
    assert len(round_trips) == 2  # the token check (MGET) and the throttle (pipelined INCR + EXPIRE)
