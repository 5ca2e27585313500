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


def test_an_authenticated_no_op_costs_one_redis_round_trip_and_no_query(user, round_trips, django_assert_num_queries):
    client = bearer(user)
    assert client.get("/api/bench/noop-auth/").status_code == 200  # caches the user's access state
    round_trips.clear()
    with django_assert_num_queries(0):
        response = client.get("/api/bench/noop-auth/")
    assert response.json() == {"status": "ok", "user": user.pk}
    # The token check (MGET) and the user throttle (INCR + EXPIRE), pipelined together.
    assert len(round_trips) == 1


def test_a_refused_token_does_not_spend_its_users_budget(user, three_per_minute):
    forged = AccessToken.for_user(user)
    forged["gen"] = 99  # signed, but not the user's generation: refused by the access check
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {forged}")
    assert {client.get("/api/bench/noop-auth/").status_code for _ in range(5)} == {401}
    client = bearer(user)
    assert [client.get("/api/bench/noop-auth/").status_code for _ in range(4)] == [200, 200, 200, 429]


def test_the_budget_is_counted_once_per_request(user, three_per_minute):
    """Counted with the token's check, the throttle does not count the request again."""
    client = bearer(user)
    assert [client.get("/api/events/?page_size=1").status_code for _ in range(4)] == [200, 200, 200, 429]
