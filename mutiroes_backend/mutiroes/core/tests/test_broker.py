"""Celery's Redis transport with one client per channel (core/broker.py), on the machine's Redis."""

import uuid

import pytest
from django.conf import settings
from kombu import Connection, Exchange, Queue

from config.settings.base import broker_transport_for
from mutiroes.core import broker


def test_only_a_redis_url_gets_the_reusing_transport():
    assert broker_transport_for("redis://127.0.0.1:6379/1") == "mutiroes.core.broker:Transport"
    assert broker_transport_for("rediss://cache.example:6380/1") is None
    assert broker_transport_for("sentinel://127.0.0.1:26379") is None
    assert broker_transport_for("memory://") is None
    # the tests' eager Celery keeps the memory transport
    assert settings.CELERY_BROKER_URL == "memory://" and settings.CELERY_BROKER_TRANSPORT is None


@pytest.fixture
def connection():
    with Connection(settings.CACHES["default"]["LOCATION"], transport=broker_transport_for("redis://")) as conn:
        yield conn


@pytest.fixture
def queue(connection):
    name = f"broker-test-{uuid.uuid4().hex}"
    queue = Queue(name, Exchange(name, type="direct"), routing_key=name)
    yield queue
    queue(connection.default_channel).delete()
    Exchange(name, type="direct")(connection.default_channel).delete()


def test_a_channel_publishes_through_one_client_and_every_message_arrives(connection, queue, monkeypatch):
    channel = connection.default_channel
    assert isinstance(channel, broker.Channel)
    built = []
    make = channel.Client

    def counting_client(**kwargs):
        built.append(kwargs)
        return make(**kwargs)

    monkeypatch.setattr(channel, "Client", counting_client)
    producer = connection.Producer(channel)
    bodies = [{"notification_ids": [n, n + 1]} for n in range(5)]
    for body in bodies:
        producer.publish(body, exchange=queue.exchange, routing_key=queue.routing_key, declare=[queue])
    assert len(built) == 1 and built[0]["connection_pool"] is channel.pool

    received, tags = [], []

    def receive(body, message):
        received.append(body)
        tags.append(message.delivery_tag)
        message.ack()

    with connection.Consumer(queue, callbacks=[receive]):
        while len(received) < len(bodies):
            connection.drain_events(timeout=2)
    assert received == bodies
    assert channel._size(queue.name) == 0  # none left
    redis = channel._create_client()
    assert not any(redis.hexists(channel.unacked_key, tag) for tag in tags)  # each one acknowledged


def test_the_consumer_client_stays_kombus_and_a_new_pool_gets_a_new_client(connection):
    channel = connection.default_channel
    client = channel._create_client()
    assert channel._create_client() is client
    assert channel._create_client(asynchronous=True) is not client
    assert channel._create_client(asynchronous=True).connection_pool is channel.async_pool
    channel._disconnect_pools()  # what kombu does when the channel's connection is lost
    fresh = channel._create_client()
    assert fresh is not client and fresh.connection_pool is channel.pool
    assert fresh.ping() is True
