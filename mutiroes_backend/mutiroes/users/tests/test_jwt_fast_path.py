"""Access tokens are checked by one HMAC when they are exactly what this server issues
(`authentication.access_payload_fast`); anything else goes through simplejwt and PyJWT. For
every token below, the fast path either gives simplejwt's claims or steps aside, and the API's
answer (status and body) is the same with and without it."""

import base64
import json
import time
from datetime import timedelta

import jwt
import pytest
from django.conf import settings
from django.utils import timezone
from rest_framework_simplejwt.exceptions import TokenError
from rest_framework_simplejwt.tokens import AccessToken, RefreshToken

from mutiroes.users import authentication

pytestmark = pytest.mark.django_db

KEY = settings.SIMPLE_JWT["SIGNING_KEY"]


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def tokens(user) -> dict[str, str]:
    good = AccessToken.for_user(user)
    expired = AccessToken.for_user(user)
    expired.set_exp(from_time=timezone.now() - timedelta(hours=2), lifetime=timedelta(minutes=60))
    claims = dict(good.payload)
    header, payload, signature = str(good).split(".")
    now = int(time.time())
    none_header = _b64(json.dumps({"alg": "none", "typ": "JWT"}).encode())
    return {
        "valid": str(good),
        "expired": str(expired),
        "refresh": str(RefreshToken.for_user(user)),
        "tampered payload": f"{header}.{_b64(json.dumps({**claims, 'user_id': '999999'}).encode())}.{signature}",
        # the first character carries 6 bits of the MAC (the last one only 4: changing its low bits
        # would not change the bytes, and a signature already ending in "AA" would not be tampered)
        "tampered signature": f"{header}.{payload}.{'B' if signature[0] == 'A' else 'A'}{signature[1:]}",
        "padded signature": f"{header}.{payload}.{signature}=",
        "foreign key": jwt.encode(claims, "another-key-entirely-another-key!", algorithm="HS256"),
        "alg none": f"{none_header}.{payload}.",
        "HS384": jwt.encode(claims, KEY, algorithm="HS384"),
        "other header order": jwt.encode(claims, KEY, algorithm="HS256", headers={"kid": "x"}),
        "no jti": jwt.encode({k: v for k, v in claims.items() if k != "jti"}, KEY, algorithm="HS256"),
        "no exp": jwt.encode({k: v for k, v in claims.items() if k != "exp"}, KEY, algorithm="HS256"),
        "float exp": jwt.encode({**claims, "exp": claims["exp"] + 0.5}, KEY, algorithm="HS256"),
        "future iat": jwt.encode({**claims, "iat": now + 3600}, KEY, algorithm="HS256"),
        "nbf ahead": jwt.encode({**claims, "nbf": now + 3600}, KEY, algorithm="HS256"),
        "not an object": f"{header}.{_b64(b'[1,2]')}.x",
        "two segments": f"{header}.{payload}",
        "garbage": "not-a-token",
    }


def test_the_fast_path_gives_simplejwts_claims_or_steps_aside(user):
    accepted = []
    for name, token in tokens(user).items():
        fast = authentication.access_payload_fast(token.encode())
        try:
            slow = AccessToken(token.encode()).payload
        except TokenError:
            slow = None
        if fast is not None:
            assert fast == slow, name
            accepted.append(name)
    assert "valid" in accepted
    assert not set(accepted) & {"expired", "refresh", "tampered payload", "tampered signature", "foreign key"}


@pytest.mark.parametrize("path", ["/api/users/me/", "/api/events/", "/api/notifications/"])
def test_answers_are_the_same_without_the_fast_path(api, user, path, monkeypatch):
    answers = {}
    cases = tokens(user)  # the same tokens for both passes
    for fast in (True, False):
        if not fast:
            monkeypatch.setattr(authentication, "access_payload_fast", lambda raw: None)
        for name, token in cases.items():
            api.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
            response = api.get(path)
            body = response.json()
            if isinstance(body, dict):
                body.pop("request_id", None)
            answers.setdefault(name, []).append((response.status_code, body))
    for name, (with_fast, without) in answers.items():
        assert with_fast == without, name
    assert answers["valid"][0][0] == 200
    assert answers["expired"][0][0] == 401
