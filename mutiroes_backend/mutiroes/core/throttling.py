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
