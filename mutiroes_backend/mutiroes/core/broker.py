"""Celery's Redis transport, publishing through one Redis client per channel.

kombu's Redis channel builds a new `redis.Redis` object for every command it sends outside its
consumer's connection: each publish (`LPUSH`), each acknowledgement, each queue-size check. As
with Django's cache (core/redis_cache.py), redis-py 8 fills a dict of ~170 response callbacks in
that constructor: ~1.2 ms of CPU on this project's bench host, a sixth of a join's (bench/README.md,
"A Redis client per published task"). A `redis.Redis` object is thread-safe (each command takes a
connection from the pool) and holds no state of its own when built on a pool, so one per channel
and pool gives the same commands on the same connections. The consumer's asynchronous client
(`BRPOP`) is kombu's, already one per channel.

Used for `redis://` brokers only (settings: CELERY_BROKER_TRANSPORT); `rediss://` and the
sentinel keep kombu's own transport.
"""

from typing import Any

from kombu.transport import redis as kombu_redis


class Channel(kombu_redis.Channel):
    _reused_client: Any = None
    _reused_client_pool: Any = None

    def _create_client(self, asynchronous: bool = False) -> Any:
        if asynchronous:
            return super()._create_client(asynchronous=True)
        pool = self.pool  # a new pool after the channel's pools were disconnected: a new client
        if self._reused_client is None or self._reused_client_pool is not pool:
            # a race between two threads on one channel only builds a spare client
            self._reused_client, self._reused_client_pool = super()._create_client(), pool
        return self._reused_client


class Transport(kombu_redis.Transport):
    Channel = Channel
