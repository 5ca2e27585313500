"""DRF throttles that fail open when Redis is unreachable.

They are the second line: nginx's own limits, kept in nginx's memory, still hold
while Redis is down (see ARCHITECTURE.md, failure modes).
"""

import hashlib
import logging
from typing import TYPE_CHECKING, Any

from django.core.cache import DEFAULT_CACHE_ALIAS, caches
from django.core.cache import cache as default_cache
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import NoScriptError
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


# The one Redis command of an authenticated request: MGET of the keys it reads (the token's
# state, and what the view asked to read early: `prefetch_cache_keys`) and the user throttle
# window's INCR and EXPIRE, run by Redis as one script. A pipeline of the three commands cost the
# client about twice the CPU of one command (redis-py packs, sends and parses each one and builds
# the pipeline around them); the script's answer is the same values and count.
_READ_AND_COUNT = """
local counter = KEYS[#KEYS]
local values = {}
if #KEYS > 1 then values = redis.call('MGET', unpack(KEYS, 1, #KEYS - 1)) end
local count = redis.call('INCR', counter)
redis.call('EXPIRE', counter, ARGV[1])
return {values, count}
"""
_READ_AND_COUNT_SHA = hashlib.sha1(_READ_AND_COUNT.encode(), usedforsecurity=False).hexdigest()


def read_and_count(client: Any, keys: list[str], counter: str, ttl: int) -> tuple[list[Any], int]:
    """The raw values of `keys` (None when absent) and the window `counter` counted once (its
    expiry set to `ttl`), in one round trip."""
    try:
        values, count = client.evalsha(_READ_AND_COUNT_SHA, len(keys) + 1, *keys, counter, ttl)
    except NoScriptError:  # Redis restarted or its scripts were flushed: EVAL loads it again
        values, count = client.eval(_READ_AND_COUNT, len(keys) + 1, *keys, counter, ttl)
    return values, count


class WindowCounter:
    """One request's count in the user throttle's current window, taken by the authentication
    in the same Redis round trip as the token's check (`users.services.access_token_check`),
    so that an authenticated request makes one round trip for both; the throttle then reads
    the count instead of counting again. The view's `prefetch_cache_keys(request)` (optional)
    names cache keys it will read: they are read in that round trip too (`prefetched`)."""

    def __init__(self, client: Any, key: str, ttl: int, *, ident: str, window: int) -> None:
        self.client, self.key, self.ttl = client, key, ttl
        self.ident, self.window = ident, window  # the throttle's own key and window number
        self.count: int | None = None
        self.prefetch: list[str] = []
        self.prefetched: dict[str, Any] | None = None

    def count_with(self, cache: Any, keys: list[str]) -> dict[str, Any]:
        """`cache.get_many(keys)`, with the counter counted and the prefetch read in the same
        round trip."""
        backend = caches[DEFAULT_CACHE_ALIAS] if cache is default_cache else cache
        wanted = [*keys, *self.prefetch]
        # make_key, not make_and_validate_key: these keys are ours (short, ASCII, no spaces),
        # and the validation only warns about keys memcached would refuse.
        values, self.count = read_and_count(self.client, [backend.make_key(key) for key in wanted], self.key, self.ttl)
        loads = backend._cache._serializer.loads
        found = {key: loads(value) for key, value in zip(wanted, values, strict=True) if value is not None}
        if self.prefetch:
            self.prefetched = {key: found.pop(key, None) for key in self.prefetch}
        return found

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
    ident = throttle.cache_format % {"scope": throttle.scope, "ident": user_id}
    window = int(throttle.timer() // throttle.duration)
    key = throttle.cache.make_key(f"{ident}:{window}")
    return WindowCounter(client, key, throttle.duration + 1, ident=ident, window=window)


# Where the authentication leaves the counter on the request (Django's HttpRequest).
COUNTER_ATTR = "_user_window_counter"


def prefetched(request: Any) -> dict[str, Any] | None:
    """The cache keys of the view's `prefetch_cache_keys` as the authentication read them
    (None for a key not found), or None if they were not read (no token, no Redis...)."""
    counter = getattr(getattr(request, "_request", request), COUNTER_ATTR, None)
    return None if counter is None else counter.prefetched


class _CountingWindow(throttling.SimpleRateThrottle):
    """DRF's rate throttle as one Redis round trip: a counter per client and fixed window
    (INCR and EXPIRE, one script: `read_and_count`) instead of DRF's history list (a GET and a SET of the whole
    list). At a window's edge a client may get up to twice the rate for a moment; nginx's
    per-address limit is the first line anyway. Other cache backends keep DRF's way."""

    def allow_request(self, request: "Request", view: "APIView") -> bool:
        taken: WindowCounter | None = getattr(getattr(request, "_request", request), COUNTER_ATTR, None)
        if taken is not None and taken.count is None:
            taken = None
        client = None
        if taken is None:  # (counted with the token's check: the cache is Redis)
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
        if taken is not None and taken.ident == key and taken.window == window:
            count = taken.count  # counted with the token's check
        else:
            client = client or _redis_client(self.cache)
            _, count = read_and_count(client, [], self.cache.make_key(f"{key}:{window}"), self.duration + 1)
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
