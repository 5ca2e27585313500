"""The event list's page is built from plain rows (`mutiroes.events.list_output`), not through
`EventOutputSerializer`: its bytes must be exactly what the serializer would have written."""

from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import QueryDict
from django.utils import timezone

from mutiroes.collectives import services as collective_services
from mutiroes.core.renderers import FastJSONRenderer
from mutiroes.events import selectors
from mutiroes.events.models import Category, Event
from mutiroes.events.serializers import EventListFilterSerializer, EventOutputSerializer
from mutiroes.events.services import participation_join
from mutiroes.events.services.series import series_create

pytestmark = pytest.mark.django_db

PATHS = [
    "/api/events/",
    "/api/events/?page_size=3",
    "/api/events/?page_size=3&page=2",
    "/api/events/?ordering=-start",
    "/api/events/?ordering=-created&page_size=5",
    "/api/events/?near=-22.97,-43.18&radius_km=50&ordering=distance",
    "/api/events/?near=-23.55,-46.63&radius_km=20",
    "/api/events/?status=completed",
    "/api/events/?q=praia",
    "/api/events/?city=rio&state=RJ",
    "/api/events/?category=plantio-de-arvores",
    "/api/events/?starts_after=2000-01-01T00:00:00Z&ordering=-start",
]


@pytest.fixture
def world(make_event, make_user, organizer, user, category):
    """Mutirões of every kind a listing can hold (and the ones it must leave out)."""
    now = timezone.now()
    other_category = Category.objects.get(slug="plantio-de-arvores")
    named = make_user(display_name='Coletivo <Mata> & "Rio"', is_public=True)
    removed = make_user(first_name="Antiga")
    removed.deleted_at = now
    removed.save(update_fields=["deleted_at"])
    collective = collective_services.collective_create(
        user=organizer, data={"name": "Coletivo Praia Limpa", "description": "Orla.", "city": "Recife", "state": "PE"}
    )
    events = [
        make_event(title="Limpeza da praia\u2028de Copacabana", what_to_bring="Luvas\nprotetor"),
        make_event(title="Plantio", category=other_category, organizer=named, tools_provided="Pás"),
        make_event(title="Praia cheia", capacity=1, requires_approval=True, requires_waiver=True),
        make_event(title="De quem saiu", organizer=removed, min_age=16, asks_image_consent=True),
        make_event(title="Com capa", cover_image="covers/2026/12/capa ção.jpg"),
        make_event(title="Do coletivo", collective=collective),
        make_event(
            title="Em São Paulo", city="São Paulo", state="SP", latitude=-23.5505, longitude=-46.6333, capacity=50
        ),
        make_event(title="Agora", start=now - timedelta(hours=1), registration_deadline=now - timedelta(hours=2)),
        make_event(
            title="Já foi",
            status=Event.Status.COMPLETED,
            start=now - timedelta(days=3),
            registration_deadline=now - timedelta(days=4),
        ),
        make_event(title="Rascunho", status=Event.Status.DRAFT),
        make_event(title="Cancelado", status=Event.Status.CANCELLED),
        make_event(title="Só com o link", visibility=Event.Visibility.UNLISTED),
        make_event(
            title="Longe no tempo", start=now + timedelta(days=300), registration_deadline=now + timedelta(days=299)
        ),
    ]
    first = make_event(title="Toda semana", start=now + timedelta(days=2))
    series_create(event_id=first.id, user=organizer, frequency="weekly", count=3)
    participation_join(event_id=events[0].id, user=user)
    participation_join(event_id=events[2].id, user=make_user(), accept_waiver=True)
    participation_join(event_id=events[2].id, user=user, accept_waiver=True)  # pending: needs approval
    participation_join(event_id=events[6].id, user=user)
    participation_join(event_id=first.id, user=user)
    return {"organizer": organizer, "participant": user, "other": make_user(), "anonymous": None}


def reference_body(path: str, body: dict, user) -> bytes:
    """What the listing rendered through `EventOutputSerializer` (the same query, page and renderer)."""
    query = QueryDict(urlsplit(path).query)
    params = {key: values[-1] for key, values in parse_qs(urlsplit(path).query).items()}
    filters = EventListFilterSerializer(data=query)
    assert filters.is_valid(), filters.errors
    queryset = selectors.event_list(filters=selectors.EventFilters(**filters.validated_data), user=user)
    size, page = int(params.get("page_size", 20)), int(params.get("page", 1))
    page_events = list(queryset[(page - 1) * size : page * size])
    results = EventOutputSerializer(page_events, many=True).data
    expected = {"count": body["count"], "next": body["next"], "previous": body["previous"], "results": results}
    return FastJSONRenderer().render(expected)


@pytest.mark.parametrize("viewer", ["anonymous", "organizer", "participant", "other"])
def test_each_page_is_byte_for_byte_what_the_serializer_writes(world, client_for, viewer):
    user = world[viewer]
    client = client_for(user)
    seen: list[dict] = []
    for path in PATHS:
        response = client.get(path)
        assert response.status_code == 200, (path, response.content)
        body = response.json()
        assert response.content == reference_body(path, body, user or AnonymousUser()), path
        seen.extend(body["results"])
    # The sample covers what the rows turn into values: every listed phase and status, a cover,
    # a distance, a collective's and a series' mutirão, a removed and a named organizer.
    titles = {item["title"] for item in seen}
    assert {"Com capa", "Do coletivo", "Toda semana", "De quem saiu", "Plantio", "Já foi", "Agora"} <= titles
    assert not titles & {"Rascunho", "Cancelado", "Só com o link"}
    assert {item["phase"] for item in seen} == {"upcoming", "running", "ended"}
    assert any(item["cover_image"] for item in seen)
    assert any(item["distance_km"] is not None for item in seen)
    names = {item["title"]: item["organizer"]["name"] for item in seen}
    assert names["Plantio"] == 'Coletivo <Mata> & "Rio"'
    assert names["De quem saiu"] not in ("", "Antiga Silva")
    if viewer == "participant":
        assert {item["my_participation"] for item in seen} >= {"confirmed", "pending", None}
