from collections.abc import Callable
from datetime import timedelta

import pytest
from django.core.cache import cache, caches
from django.utils import timezone
from redis.connection import Connection
from rest_framework.test import APIClient
from rest_framework_simplejwt.tokens import RefreshToken

from mutiroes.events.models import Category, Event
from mutiroes.users.models import User

PASSWORD = "uma-senha-bem-forte-42"


@pytest.fixture(autouse=True)
def _clean_cache() -> None:
    cache.clear()


@pytest.fixture
def redis_down(settings):
    """The cache's Redis unreachable (a closed port, short timeouts)."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    caches._settings = None
    yield
    caches._settings = None


@pytest.fixture
def round_trips(monkeypatch):
    """How many times a request went to Redis (a pipeline is one)."""
    sent: list[int] = []
    original = Connection.send_packed_command

    def counting(self, command, *args, **kwargs):
        sent.append(1)
        return original(self, command, *args, **kwargs)

    monkeypatch.setattr(Connection, "send_packed_command", counting)
    return sent


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def api() -> APIClient:
    return APIClient()


@pytest.fixture
def make_user(db) -> Callable[..., User]:
    counter = {"n": 0}

    def make(**kwargs: object) -> User:
        counter["n"] += 1
        kwargs.setdefault("email", f"pessoa{counter['n']}@exemplo.com.br")
        kwargs.setdefault("first_name", f"Pessoa{counter['n']}")
        kwargs.setdefault("last_name", "Silva")
        password = kwargs.pop("password", PASSWORD)
        return User.objects.create_user(password=password, **kwargs)

    return make


@pytest.fixture
def user(make_user) -> User:
    return make_user(email="volunteer@exemplo.com.br", first_name="Vera")


@pytest.fixture
def organizer(make_user) -> User:
    return make_user(email="organizer@exemplo.com.br", first_name="Otávio")


@pytest.fixture
def staff(make_user) -> User:
    return make_user(email="staff@exemplo.com.br", first_name="Sofia", is_staff=True)


@pytest.fixture
def client_for() -> Callable[[User | None], APIClient]:
    def make(user: User | None) -> APIClient:
        client = APIClient()
        if user is not None:
            client.credentials(HTTP_AUTHORIZATION=f"Bearer {RefreshToken.for_user(user).access_token}")
        return client

    return make


@pytest.fixture
def category(db) -> Category:
    return Category.objects.get(slug="limpeza-de-praias")


@pytest.fixture
def make_event(db, organizer, category) -> Callable[..., Event]:
    def make(**kwargs: object) -> Event:
        start = kwargs.pop("start", timezone.now() + timedelta(days=7))
        fields = {
            "title": "Limpeza da praia",
            "description": "Vamos limpar a praia juntos.",
            "category": category,
            "organizer": organizer,
            "address": "Av. Atlântica, Posto 4",
            "city": "Rio de Janeiro",
            "state": "RJ",
            "latitude": -22.9711,
            "longitude": -43.1822,
            "start": start,
            "end": start + timedelta(hours=3),
            "registration_deadline": start,
            "capacity": 10,
            "status": Event.Status.PUBLISHED,
        }
        fields.update(kwargs)
        return Event.objects.create(**fields)

    return make


@pytest.fixture
def event(make_event) -> Event:
    return make_event()
