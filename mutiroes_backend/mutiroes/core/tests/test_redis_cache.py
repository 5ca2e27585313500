from django.core.cache import caches

from mutiroes.core.redis_cache import RedisCache


def test_the_cache_reuses_one_client_per_pool():
    cache = caches["default"]
    assert isinstance(cache, RedisCache)
    client = cache._cache.get_client(write=True)
    cache.set("reuse-probe", {"n": 1}, timeout=30)
    assert cache.get("reuse-probe") == {"n": 1}
    assert cache._cache.get_client(write=True) is client
    assert cache._cache.get_client() is client  # one server: reads use the same pool
