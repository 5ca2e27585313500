"""The shared cache, used so that Redis being down never fails a request.

Reads that miss (or cannot reach Redis) fall back to the database; writes are best
effort.
"""

import logging
from collections.abc import Mapping
from typing import Any

from django.core.cache import cache
from django.db import transaction

from mutiroes.core.metrics import CACHE_REQUESTS

logger = logging.getLogger(__name__)


def cache_get(key: str) -> Any:
    try:
        value = cache.get(key)
    except Exception:  # Redis down: behave as a miss
        logger.warning("cache unavailable on get(%s)", key, exc_info=True)
        CACHE_REQUESTS.labels(result="error").inc()
        return None
    CACHE_REQUESTS.labels(result="miss" if value is None else "hit").inc()
    return value


def cache_set(key: str, value: Any, *, timeout: int) -> None:
    try:
        cache.set(key, value, timeout=timeout)
    except Exception:  # Redis down: skip caching
        logger.warning("cache unavailable on set(%s)", key, exc_info=True)


def generation_get(name: str) -> int | None:
    """The current generation of a family of cached values; None if Redis is down."""
    key = f"generation:{name}"
    try:
        value = cache.get(key)
        if value is None:
            cache.add(key, 1, timeout=None)
            value = cache.get(key)
        return int(value) if value is not None else None
    except Exception:
        logger.warning("cache unavailable on generation(%s)", name, exc_info=True)
        return None


def generation_bump(name: str) -> None:
    key = f"generation:{name}"
    try:
        try:
            cache.incr(key)
        except ValueError:  # not set yet
            cache.add(key, 2, timeout=None)
    except Exception:
        # Without Redis nothing is cached either; cached entries also expire on their own.
        logger.warning("cache unavailable on bump(%s)", name, exc_info=True)


def generation_bump_on_commit(name: str) -> None:
    transaction.on_commit(lambda: generation_bump(name), robust=True)


def generational_keys(name: str, key: str) -> list[str]:
    """The cache keys `generational_get` reads (to read them ahead: `prefetched` below)."""
    return [f"generation:{name}", key]


def generational_get(name: str, key: str, *, prefetched: Mapping[str, Any] | None = None) -> tuple[int | None, Any]:
    """A value cached under a family's generation, in one round trip to Redis.

    Returns (generation, value): the value only if it was stored under the current generation
    (a bump since then makes it a miss), None otherwise; generation None if Redis is down (then
    nothing is to be cached either). Store with `generational_set` and the generation returned.
    `prefetched` holds keys already read in this request (None for absent ones: see
    `core.throttling.prefetched`); when it has both keys, no round trip is made.
    """
    keys = generational_keys(name, key)
    generation_key = keys[0]
    if prefetched is not None and generation_key in prefetched and key in prefetched:
        found = {k: prefetched[k] for k in keys if prefetched[k] is not None}
    else:
        try:
            found = cache.get_many(keys)
        except Exception:  # Redis down: behave as a miss
            logger.warning("cache unavailable on get(%s)", key, exc_info=True)
            CACHE_REQUESTS.labels(result="error").inc()
            return None, None
    generation = found.get(generation_key)
    if generation is None:  # first use of the family (or Redis was flushed)
        CACHE_REQUESTS.labels(result="miss").inc()
        return generation_get(name), None
    entry = found.get(key)
    if entry is not None and entry[0] == generation:
        CACHE_REQUESTS.labels(result="hit").inc()
        return generation, entry[1]
    CACHE_REQUESTS.labels(result="miss").inc()
    return generation, None


def generational_set(key: str, value: Any, *, generation: int, timeout: int) -> None:
    cache_set(key, (generation, value), timeout=timeout)
