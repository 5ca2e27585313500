"""The anonymous and user throttles: the same budget, counted in one Redis round trip."""

import pytest
from django.core.cache import cache
from redis.exceptions import NoScriptError
from rest_framework.test import APIClient
from rest_framework_simplejwt.tokens import AccessToken

from mutiroes.core.throttling import AnonRateThrottle, UserRateThrottle, _redis_client, read_and_count

pytestmark = [pytest.mark.django_db, pytest.mark.urls("mutiroes.core.tests.bench_urls")]


@pytest.fixture
def three_per_minute(monkeypatch):
    for throttle in (AnonRateThrottle, UserRateThrottle):
        monkeypatch.setitem(throttle.THROTTLE_RATES, throttle.scope, "3/min")


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


def test_a_redis_without_the_script_gets_it_again():
    """After a Redis restart (its scripts gone) EVALSHA answers NOSCRIPT: EVAL runs and loads it."""
    client = _redis_client(cache)
    keys = [cache.make_key("throttle-test:a"), cache.make_key("throttle-test:b")]
    counter = cache.make_key("throttle-test:window")
    client.set(keys[0], b"7")
    asked: list[str] = []

    class Forgetful:
        """The real client, whose first EVALSHA answers as a Redis without the script does."""

        def evalsha(self, *args):
            asked.append("EVALSHA")
            raise NoScriptError("NOSCRIPT No matching script.")

        def eval(self, *args):
            asked.append("EVAL")
            return client.eval(*args)

    assert read_and_count(Forgetful(), keys, counter, 61) == ([b"7", None], 1)
    assert asked == ["EVALSHA", "EVAL"]
    assert read_and_count(client, keys, counter, 61) == ([b"7", None], 2)  # loaded: EVALSHA works
    assert 0 < client.ttl(counter) <= 61
