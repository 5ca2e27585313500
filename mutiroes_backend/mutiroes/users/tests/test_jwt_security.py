"""Hostile tokens: expired, tampered, unsigned, foreign-signed; racing refreshes."""

import base64
import json
import threading
from datetime import timedelta

import jwt
import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone
from rest_framework.test import APIClient
from rest_framework_simplejwt.tokens import AccessToken, RefreshToken

pytestmark = pytest.mark.django_db


def _b64(data: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def me_with(api, token: str) -> int:
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    return api.get("/api/users/me/").status_code


def test_valid_access_token(api, user):
    assert me_with(api, str(AccessToken.for_user(user))) == 200


def test_expired_access_token(api, user):
    token = AccessToken.for_user(user)
    token.set_exp(from_time=timezone.now() - timedelta(hours=2), lifetime=timedelta(minutes=60))
    assert me_with(api, str(token)) == 401


def test_tampered_payload(api, user, staff):
    header, payload, signature = str(AccessToken.for_user(user)).split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=="))
    claims["user_id"] = str(staff.id)
    assert me_with(api, f"{header}.{_b64(claims)}.{signature}") == 401


def test_alg_none(api, user):
    claims = dict(AccessToken.for_user(user).payload)
    token = f"{_b64({'alg': 'none', 'typ': 'JWT'})}.{_b64(claims)}."
    assert me_with(api, token) == 401


def test_wrong_key(api, user):
    claims = dict(AccessToken.for_user(user).payload)
    token = jwt.encode(claims, "not-the-server-key-" + "x" * 32, algorithm="HS256")
    assert me_with(api, token) == 401


def test_refresh_token_is_not_an_access_token(api, user):
    assert me_with(api, str(RefreshToken.for_user(user))) == 401


def test_deactivated_user_access_is_refused(api, user):
    token = str(AccessToken.for_user(user))
    user.is_active = False
    user.save()
    assert me_with(api, token) == 401


def test_lifetimes():
    assert settings.SIMPLE_JWT["ACCESS_TOKEN_LIFETIME"] == timedelta(minutes=60)
    assert settings.SIMPLE_JWT["REFRESH_TOKEN_LIFETIME"] == timedelta(days=7)


@pytest.mark.slow
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_refreshes_of_one_token_at_most_one_succeeds(make_user):
    user = make_user()
    refresh = str(RefreshToken.for_user(user))
    barrier = threading.Barrier(10)
    statuses: list[int] = []
    lock = threading.Lock()

    def attempt() -> None:
        try:
            barrier.wait(timeout=30)
            status = APIClient().post("/api/auth/token/refresh/", {"refresh": refresh}, format="json").status_code
            with lock:
                statuses.append(status)
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert len(statuses) == 10
    assert statuses.count(200) == 1
    assert statuses.count(401) == 9
