"""DRF throttles that fail open when Redis is unreachable.

They are the second line: nginx's own limits, kept in nginx's memory, still hold
while Redis is down (see ARCHITECTURE.md, failure modes).
"""

import logging
from typing import TYPE_CHECKING, Any

from django.core.cache import DEFAULT_CACHE_ALIAS, caches
from django.core.cache import cache as default_cache
from django.core.cache.backends.redis import RedisCache
from rest_framework import throttling

from mutiroes.core.metrics import THROTTLED

if TYPE_CHECKING:
    from rest_framework.request import Request
    from rest_framework.views import APIView

logger = logging.getLogger(__name__)


class _FailOpen:
    def allow_request(self, request: "Request", view: "APIView") -> bool:
        try:
            allowed = super().allow_request(request, view)  # type: ignore[misc]
        except Exception:
            logger.warning("throttle cache unavailable; failing open", exc_info=True)
            return True
        if not allowed:
            THROTTLED.labels(scope=getattr(self, "scope", None) or "-").inc()
        return allowed


def _redis_client(cache: Any) -> Any:
    """The redis-py client behind Django's Redis cache; None for another backend."""
    if cache is default_cache:  # a proxy to the thread's backend
        cache = caches[DEFAULT_CACHE_ALIAS]
    if not isinstance(cache, RedisCache):
        return None
    return cache._cache.get_client(write=True)


class WindowCounter:
    """One request's count in the user throttle's current window, taken by the authentication
    in the same Redis round trip as the token's check (`users.services.access_token_check`),
    so that an authenticated request makes one round trip for both; the throttle then reads
    the count instead of counting again."""

    def __init__(self, client: Any, key: str, ttl: int) -> None:
        self.client, self.key, self.ttl = client, key, ttl
        self.count: int | None = None

    def count_with(self, cache: Any, keys: list[str]) -> dict[str, Any]:
        """`cache.get_many(keys)`, with the counter's INCR and EXPIRE in the same pipeline."""
        backend = caches[DEFAULT_CACHE_ALIAS] if cache is default_cache else cache
        pipe = self.client.pipeline(transaction=False)
        pipe.mget([backend.make_and_validate_key(key) for key in keys])
        pipe.incr(self.key)
        pipe.expire(self.key, self.ttl)
        values, self.count, _ = pipe.execute()
        loads = backend._cache._serializer.loads
        return {key: loads(value) for key, value in zip(keys, values, strict=True) if value is not None}

    def give_back(self) -> None:
        """Undo the count (a refused token must not spend its user's budget)."""
        if self.count is None:
            return
        self.count = None
        try:
            self.client.decr(self.key)
        except Exception:
            logger.warning("throttle cache unavailable on give-back", exc_info=True)


def user_window_counter(view: Any, user_id: int) -> WindowCounter | None:
    """The counter the view's user throttle will count this user in, if the view has the
    user throttle and the cache is Redis; None otherwise (the throttle then counts itself)."""
    if view is None or UserRateThrottle not in getattr(view, "throttle_classes", ()):
        return None
    throttle = UserRateThrottle()
    client = _redis_client(throttle.cache)
    if client is None or throttle.rate is None:
        return None
    key = throttle.cache_format % {"scope": throttle.scope, "ident": user_id}
    window = int(throttle.timer() // throttle.duration)
    return WindowCounter(client, throttle.cache.make_and_validate_key(f"{key}:{window}"), throttle.duration + 1)


# Where the authentication leaves the counter on the request (Django's HttpRequest).
COUNTER_ATTR = "_user_window_counter"


class _CountingWindow(throttling.SimpleRateThrottle):
    """DRF's rate throttle as one Redis round trip: a counter per client and fixed window
    (INCR and EXPIRE, pipelined) instead of DRF's history list (a GET and a SET of the whole
    list). At a window's edge a client may get up to twice the rate for a moment; nginx's
    per-address limit is the first line anyway. Other cache backends keep DRF's way."""

    def allow_request(self, request: "Request", view: "APIView") -> bool:
        client = _redis_client(self.cache)
        if client is None:
            return super().allow_request(request, view)
        if self.rate is None:
            return True
        key = self.get_cache_key(request, view)
        if key is None:
            return True
        self.now = self.timer()
        window = int(self.now // self.duration)
        self.window_ends = (window + 1) * self.duration
        counter = self.cache.make_and_validate_key(f"{key}:{window}")
        taken: WindowCounter | None = getattr(getattr(request, "_request", request), COUNTER_ATTR, None)
        if taken is not None and taken.key == counter and taken.count is not None:
            count = taken.count  # counted with the token's check
        else:
            pipe = client.pipeline(transaction=False)
            pipe.incr(counter)
            pipe.expire(counter, self.duration + 1)
            count, _ = pipe.execute()
        if count > self.num_requests:
            return self.throttle_failure()
        return True

    def wait(self) -> float | None:
        if not hasattr(self, "window_ends"):
            return super().wait()
        return max(0.0, self.window_ends - self.now)


class AnonRateThrottle(_FailOpen, _CountingWindow, throttling.AnonRateThrottle):
    pass


class UserRateThrottle(_FailOpen, _CountingWindow, throttling.UserRateThrottle):
    pass


class _PasswordCheck(throttling.SimpleRateThrottle):
    """The `auth` budget, counted twice: once for the client's address and once for the account.

    Every request that checks or hashes a password (~0.5 s of CPU each) goes through it: login,
    sign-up, password reset and change, account deletion. A view lists the methods that check a
    password in `password_check_methods` (default: every method but the safe ones), so reading a
    profile never uses the budget. Signed-in requests count against both keys, so neither many
    addresses for one account nor many accounts from one address get more than their share.
    """

    scope = "auth"

    def get_cache_key(self, request: "Request", view: "APIView") -> str | None:  # pragma: no cover - unused
        return None

    def _keys(self, request: "Request") -> list[str]:
        idents = [f"ip:{self.get_ident(request)}"]
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            idents.append(f"user:{user.pk}")
        return [self.cache_format % {"scope": self.scope, "ident": ident} for ident in idents]

    def allow_request(self, request: "Request", view: "APIView") -> bool:
        methods = getattr(view, "password_check_methods", None)
        if request.method in ("GET", "HEAD", "OPTIONS") or (methods is not None and request.method not in methods):
            return True
        if self.rate is None:
            return True
        self.now = self.timer()
        histories: dict[str, list[float]] = {}
        for key in self._keys(request):
            history = [t for t in self.cache.get(key, []) if t > self.now - self.duration]
            if len(history) >= self.num_requests:
                self.history = history
                return self.throttle_failure()
            histories[key] = history
        for key, history in histories.items():
            self.cache.set(key, [self.now, *history], self.duration)
        self.history = next(iter(histories.values()), [])
        return True


class PasswordCheckThrottle(_FailOpen, _PasswordCheck):
    pass
