"""Bearer tokens (simplejwt), with revocation: logout, password change, reset and erasure end
the access tokens already issued at once, not when they expire.

A valid access token costs no query: the claims carry the user's id, the revocation check is one
Redis round trip (`services.access_token_check`, which also counts the user throttle), and
`request.user` is a `TokenUser` that loads the row only when a view uses more than its id.
"""

import base64
import binascii
import hmac
import time
from datetime import timedelta
from typing import Any

import orjson
from django.utils.functional import SimpleLazyObject, empty
from django.utils.translation import gettext as _
from rest_framework_simplejwt import authentication
from rest_framework_simplejwt.exceptions import InvalidToken
from rest_framework_simplejwt.settings import api_settings
from rest_framework_simplejwt.tokens import AccessToken
from rest_framework_simplejwt.utils import aware_utcnow

from mutiroes.core.throttling import COUNTER_ATTR, user_window_counter


class TokenUser(SimpleLazyObject):
    """The user of a checked access token: id and authentication state without a query; any
    other attribute (or use as a model instance) loads the row once, as `User.objects.get`."""

    is_authenticated = True
    is_anonymous = False

    def __init__(self, user_id: int, loaded: Any = None) -> None:
        from mutiroes.users.selectors import user_get

        super().__init__(lambda: user_get(user_id))
        self.__dict__["_user_id"] = user_id
        if loaded is not None:
            self._wrapped = loaded

    @property
    def pk(self) -> int:
        return self.__dict__["_user_id"]

    @property
    def id(self) -> int:
        return self.__dict__["_user_id"]

    def __bool__(self) -> bool:
        return True


def user_row(user: Any) -> Any:
    """The User instance behind `request.user`, loaded now: for a view about to take a row lock
    that reads the user inside it (a join), so that the query is not made while holding the lock."""
    if isinstance(user, TokenUser):
        if user._wrapped is empty:
            user._setup()
        return user._wrapped
    return user


def _b64url(raw: bytes) -> bytes:
    return base64.urlsafe_b64encode(raw).rstrip(b"=")


_signer: tuple[Any, tuple[bytes, bytes] | None] | None = None  # (backend, what `_fast_signer` found)


def _fast_signer() -> tuple[bytes, bytes] | None:
    """The first segment of every token this server signs (PyJWT's header, as it encodes it) and
    the HMAC key, when its tokens can be checked by the fast path (HS256, no audience, issuer or
    leeway, access tokens only); None otherwise. Decided once per token backend (simplejwt
    builds it once, at import)."""
    global _signer
    from rest_framework_simplejwt.state import token_backend as backend

    if _signer is None or _signer[0] is not backend:
        usable = (
            backend.algorithm == "HS256"
            and backend.audience is None
            and backend.issuer is None
            and backend.get_leeway() == timedelta(0)
            and tuple(api_settings.AUTH_TOKEN_CLASSES) == (AccessToken,)
        )
        key = backend.prepared_signing_key
        key = key.encode() if isinstance(key, str) else key
        header = backend.encode({}).encode().split(b".")[0]
        _signer = (backend, (header, key) if usable else None)
    return _signer[1]


def access_payload_fast(raw_token: bytes) -> dict[str, Any] | None:
    """The claims of an access token exactly as this server issues them (HS256, its own header,
    integer `exp` in the future, an `iat` not in the future, a `jti`, type `access`), checked
    with one HMAC: None for anything else, which then goes through simplejwt and PyJWT (their
    checks and error messages). PyJWT's general path (per-character segment checks, the key's
    PEM/SSH screening, claim validation for every option) was a third of an authenticated
    no-op's CPU. `test_jwt_fast_path.py` holds it to simplejwt's answer for valid, expired,
    tampered, foreign-key, wrong-type and unusual tokens."""
    signer = _fast_signer()
    if signer is None:
        return None
    header, key = signer
    parts = raw_token.split(b".")
    if len(parts) != 3 or parts[0] != header:
        return None
    signing_input = raw_token[: len(parts[0]) + 1 + len(parts[1])]
    if not hmac.compare_digest(_b64url(hmac.digest(key, signing_input, "sha256")), parts[2]):
        return None
    try:  # signed by this server: the bytes are the JSON it encoded
        payload = orjson.loads(base64.urlsafe_b64decode(parts[1] + b"=" * (-len(parts[1]) % 4)))
    except (ValueError, binascii.Error):
        return None
    if type(payload) is not dict:
        return None
    now = time.time()
    exp, iat = payload.get("exp"), payload.get("iat", 0)
    if type(exp) is not int or exp <= now or type(iat) is not int or iat > now or "nbf" in payload:
        return None
    if payload.get(api_settings.TOKEN_TYPE_CLAIM) != AccessToken.token_type or api_settings.JTI_CLAIM not in payload:
        return None
    return payload


def _access_token(raw_token: bytes, payload: dict[str, Any]) -> AccessToken:
    """An AccessToken for claims already checked (what `AccessToken(raw_token)` builds)."""
    token = AccessToken.__new__(AccessToken)
    token.token = raw_token  # type: ignore[assignment]
    token.current_time = aware_utcnow()
    token.payload = payload
    return token


class JWTAuthentication(authentication.JWTAuthentication):
    request: Any = None  # DRF makes one authenticator per request

    def authenticate(self, request: Any) -> Any:
        self.request = request
        return super().authenticate(request)

    def get_validated_token(self, raw_token: bytes) -> Any:
        payload = access_payload_fast(raw_token)
        if payload is not None:
            return _access_token(raw_token, payload)
        return super().get_validated_token(raw_token)

    def get_user(self, validated_token: Any) -> Any:
        # Imported here: DRF loads this class while its own settings (and ours) are still loading.
        from mutiroes.users.services import access_token_check

        try:
            user_id = int(validated_token[api_settings.USER_ID_CLAIM])
        except (KeyError, TypeError, ValueError) as exc:
            raise InvalidToken(_("Token contained no recognizable user identification")) from exc
        # The user throttle's count goes in the same round trip (a DRF request knows its view).
        view = (getattr(self.request, "parser_context", None) or {}).get("view")
        counter = user_window_counter(view, user_id)
        if counter is not None:
            setattr(self.request._request, COUNTER_ATTR, counter)
            # And the cache keys the view will read (e.g. the listing's count), in that trip too.
            prefetch = getattr(view, "prefetch_cache_keys", None)
            if prefetch is not None:
                counter.prefetch = prefetch(self.request)
        loaded = access_token_check(user_id=user_id, claims=validated_token, counter=counter)
        return TokenUser(user_id, loaded)
