"""A signed-in listing reads its page count in the token check's Redis round trip (the view's
`prefetch_cache_keys`): one round trip for the token, the user throttle and the count. The
answers are the ones the listing gave reading the count on its own, for valid and refused
tokens, bad filters, pagination and throttled requests (a change showing on the next signed-in
request: `test_list_cache.py`)."""

from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient
from rest_framework_simplejwt.tokens import AccessToken

from mutiroes.core.throttling import UserRateThrottle
from mutiroes.events.views import EventListCreateView

pytestmark = pytest.mark.django_db

PATHS = [
    "/api/events/",
    "/api/events/?page=2&page_size=2",
    "/api/events/?page_size=0",
    "/api/events/?page=5",
    "/api/events/?page=999",
    "/api/events/?city=Niter%C3%B3i",
    "/api/events/?q=praia&ordering=-start",
    "/api/events/?near=-22.97,-43.18&radius_km=10",
    "/api/events/?near=-22.97,-43.18&ordering=distance",
    "/api/events/?near=abc",
    "/api/events/?radius_km=5",
    "/api/events/?starts_after=2030-01-02T00:00:00Z&starts_before=2030-01-01T00:00:00Z",
    "/api/events/?category=limpeza-de-praias&state=RJ",
    "/api/events/?state=XX",
]

HEADERS = ("Content-Type", "Content-Language", "Allow", "Vary", "Retry-After", "WWW-Authenticate", "X-Frame-Options")


def _answer(response) -> tuple:
    body = response.json()
    if isinstance(body, dict):
        body.pop("request_id", None)
    headers = {name: response.get(name) for name in HEADERS}
    return response.status_code, body, headers


@pytest.fixture
def listing(make_event, make_user):
    for day in range(1, 6):
        make_event(title=f"Mutirão {day}", start=timezone.now() + timedelta(days=day))
    make_event(title="Limpeza em Niterói", city="Niterói", latitude=-22.90, longitude=-43.10)


def _clients(user) -> dict[str, APIClient]:
    expired = AccessToken.for_user(user)
    expired.set_exp(from_time=timezone.now() - timedelta(hours=2), lifetime=timedelta(minutes=60))
    revoked = AccessToken.for_user(user)
    revoked["gen"] = 99  # signed, but not the user's token generation
    clients = {"anonymous": APIClient()}
    for name, token in (("valid", AccessToken.for_user(user)), ("expired", expired), ("revoked", revoked)):
        clients[name] = APIClient()
        clients[name].credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    clients["garbage"] = APIClient()
    clients["garbage"].credentials(HTTP_AUTHORIZATION="Bearer not-a-token")
    return clients


def _answers(user, *, language: str = "pt-br") -> dict[tuple[str, str], tuple]:
    answers = {}
    for name, client in _clients(user).items():
        for path in PATHS:
            answers[name, path] = _answer(client.get(path, HTTP_ACCEPT_LANGUAGE=language))
    return answers


@pytest.mark.parametrize("language", ["pt-br", "en"])
def test_answers_are_the_same_without_the_prefetch(listing, user, monkeypatch, language):
    with_prefetch = _answers(user, language=language)
    monkeypatch.delattr(EventListCreateView, "prefetch_cache_keys")
    without = _answers(user, language=language)
    assert with_prefetch == without
    statuses = {key: answer[0] for key, answer in with_prefetch.items()}
    assert statuses["valid", "/api/events/"] == statuses["anonymous", "/api/events/"] == 200
    assert statuses["valid", "/api/events/?near=abc"] == 400
    assert statuses["expired", "/api/events/?near=abc"] == 401  # the token is refused first
    assert statuses["revoked", "/api/events/"] == 401
    assert statuses["valid", "/api/events/?page=5"] == 404
    assert statuses["valid", "/api/events/?page=999"] == 400


def test_throttled_answers_are_the_same_without_the_prefetch(listing, user, monkeypatch):
    monkeypatch.setitem(UserRateThrottle.THROTTLE_RATES, "user", "2/min")
    client = _clients(user)["valid"]
    with_prefetch = [_answer(client.get(path)) for path in ("/api/events/", "/api/events/?near=abc", "/api/events/")]
    monkeypatch.delattr(EventListCreateView, "prefetch_cache_keys")
    client = _clients(user)["valid"]  # the same user's budget: already spent in this window
    without = [_answer(client.get(path)) for path in ("/api/events/", "/api/events/?near=abc")]
    assert [status for status, _, _ in with_prefetch] == [200, 400, 429]
    assert without == [with_prefetch[2], with_prefetch[2]]
    assert 0 < int(with_prefetch[2][2]["Retry-After"]) <= 60


@pytest.mark.parametrize("path", ["/api/events/", "/api/events/?near=-22.97,-43.18&radius_km=10"])
def test_a_signed_in_page_costs_one_redis_round_trip(listing, user, path, round_trips):
    client = _clients(user)["valid"]
    assert client.get(path).status_code == 200  # caches the access state and the count
    round_trips.clear()
    assert client.get(path).status_code == 200
    # The token's state, the user throttle's count and the page count's keys, in one command.
    assert len(round_trips) == 1
