from datetime import timedelta

import pytest
from django.utils import timezone

from mutiroes.core.tests.refusals import assert_refused
from mutiroes.events.models import Event

pytestmark = pytest.mark.django_db


def event_body(cat, **overrides):
    start = timezone.now() + timedelta(days=10)
    body = {
        "title": "Plantio no parque",
        "description": "Vamos plantar 100 mudas nativas.",
        "category": cat.id,
        "address": "Parque Ibirapuera, portão 10",
        "city": "São Paulo",
        "state": "sp",
        "latitude": -23.5874,
        "longitude": -46.6576,
        "start": start.isoformat(),
        "end": (start + timedelta(hours=3)).isoformat(),
        "capacity": 30,
        "what_to_bring": "Luvas",
    }
    body.update(overrides)
    return body


def test_create_makes_the_caller_organizer_and_starts_as_draft(client_for, user, category):
    response = client_for(user).post("/api/events/", event_body(category), format="json")
    assert response.status_code == 201
    body = response.json()
    event = Event.objects.get(pk=body["id"])
    assert event.organizer_id == user.id
    assert body["organizer"] == {"id": user.id, "name": user.name, "is_public": False}
    assert body["status"] == "draft"
    assert body["state"] == "SP"
    assert body["category"]["slug"] == "limpeza-de-praias"
    assert body["confirmed_count"] == 0
    assert body["spots_left"] == 30
    assert body["can_manage"] is True
    assert len(body["checkin_code"]) == 6
    assert event.registration_deadline == event.start
    assert body["start"].endswith("-03:00")


def test_create_published(client_for, user, category):
    response = client_for(user).post("/api/events/", event_body(category, status="published"), format="json")
    assert response.status_code == 201
    assert response.json()["status"] == "published"
    assert Event.objects.get().published_at is not None


def test_create_ignores_mass_assigned_fields(client_for, user, organizer, category):
    body = event_body(category, organizer=organizer.id, confirmed_count=99, id=12345, checkin_code="AAAAAA")
    response = client_for(user).post("/api/events/", body, format="json")
    assert response.status_code == 201
    event = Event.objects.get()
    assert event.organizer_id == user.id
    assert event.confirmed_count == 0
    assert event.id != 12345
    assert event.checkin_code != "AAAAAA"


def test_create_refuses_status_other_than_draft_or_published(client_for, user, category):
    response = client_for(user).post("/api/events/", event_body(category, status="completed"), format="json")
    assert_refused(response, 400, "invalid", "Dados inválidos. Confira os campos.")
    assert "status" in response.json()["errors"]
    assert Event.objects.count() == 0


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"capacity": 0}, "capacity"),
        ({"capacity": -5}, "capacity"),
        ({"latitude": 91}, "latitude"),
        ({"longitude": -181}, "longitude"),
        ({"state": "XX"}, "state"),
        ({"category": 999999}, "category"),
        ({"title": ""}, "title"),
        ({"capacity": "muitos"}, "capacity"),
        ({"start": "amanhã"}, "start"),
    ],
)
def test_create_invalid_fields(client_for, user, category, overrides, field):
    response = client_for(user).post("/api/events/", event_body(category, **overrides), format="json")
    assert_refused(response, 400, "invalid", "Dados inválidos. Confira os campos.")
    body = response.json()
    assert body["code"] == "invalid"
    assert field in body["errors"]
    assert Event.objects.count() == 0


def test_create_in_the_atlantic_is_refused_in_portuguese(client_for, user, category):
    body = event_body(category, latitude=-25.5, longitude=-40.0)
    response = client_for(user).post("/api/events/", body, format="json")
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "latitude": ["O local precisa estar no Brasil: em terra ou a até 12 milhas náuticas da costa."]
    }
    assert Event.objects.count() == 0


def test_moving_a_mutirao_out_of_brazil_is_refused(client_for, organizer, event):
    response = client_for(organizer).patch(
        f"/api/events/{event.id}/", {"latitude": -12.05, "longitude": -77.04}, format="json"
    )
    assert response.status_code == 400
    event.refresh_from_db()
    assert (event.latitude, event.longitude) != (-12.05, -77.04)


def test_create_dates_in_the_wrong_order(client_for, user, category):
    start = timezone.now() + timedelta(days=3)
    client = client_for(user)
    response = client.post(
        "/api/events/",
        event_body(category, start=start.isoformat(), end=(start - timedelta(hours=1)).isoformat()),
        format="json",
    )
    assert_refused(response, 400, "invalid", "Confira as datas.")
    assert response.json()["errors"]["end"] == ["O fim deve ser depois do início."]
    response = client.post(
        "/api/events/",
        event_body(
            category,
            registration_deadline=(start + timedelta(days=1)).isoformat(),
            start=start.isoformat(),
            end=(start + timedelta(hours=2)).isoformat(),
        ),
        format="json",
    )
    assert_refused(response, 400, "invalid", "Confira as datas.")
    assert "registration_deadline" in response.json()["errors"]
    past = timezone.now() - timedelta(days=1)
    response = client.post(
        "/api/events/",
        event_body(category, start=past.isoformat(), end=(past + timedelta(hours=2)).isoformat()),
        format="json",
    )
    assert_refused(response, 400, "invalid", "Confira as datas.")
    assert "start" in response.json()["errors"]
    assert Event.objects.count() == 0


def test_create_needs_authentication(api, category):
    response = api.post("/api/events/", event_body(category), format="json")
    assert_refused(response, 401, "not_authenticated", "As credenciais de autenticação não foram fornecidas.")
    assert Event.objects.count() == 0


def test_drafts_are_invisible_to_others(api, client_for, user, organizer, staff, make_event):
    draft = make_event(status=Event.Status.DRAFT)
    assert_refused(api.get(f"/api/events/{draft.id}/"), 404, "not_found", "Mutirão não encontrado.")
    assert_refused(client_for(user).get(f"/api/events/{draft.id}/"), 404, "not_found", "Mutirão não encontrado.")
    assert client_for(organizer).get(f"/api/events/{draft.id}/").status_code == 200
    assert client_for(staff).get(f"/api/events/{draft.id}/").status_code == 200
    assert api.get("/api/events/").json()["count"] == 0


def test_unlisted_visible_by_link_but_not_listed(api, make_event):
    unlisted = make_event(visibility=Event.Visibility.UNLISTED)
    detail = api.get(f"/api/events/{unlisted.id}/?share={unlisted.share_token}")
    assert detail.status_code == 200
    assert detail.json()["checkin_code"] is None
    assert detail.json()["share_token"] is None
    assert detail.json()["can_manage"] is False
    assert api.get("/api/events/").json()["count"] == 0


def test_an_unlisted_mutirao_is_not_reachable_by_its_id(api, client_for, organizer, make_user, make_event):
    """Sequential ids used to open every unlisted mutirão: address, coordinates, comments, photos, ICS."""
    unlisted = make_event(visibility=Event.Visibility.UNLISTED, address="Rua Secreta, 42")
    public = make_event()
    stranger = client_for(make_user())
    for path in ("", "comments/", "photos/", "resources/", "report/", "calendar.ics"):
        for client in (api, stranger):
            response = client.get(f"/api/events/{unlisted.id}/{path}")
            assert response.status_code == 404, path
            assert b"Secreta" not in response.content
            wrong = client.get(f"/api/events/{unlisted.id}/{path}", HTTP_X_SHARE_TOKEN=public.share_token)
            assert wrong.status_code == 404, path
        assert api.get(f"/api/events/{public.id}/{path}").status_code in (200, 404), path
    assert stranger.post(f"/api/events/{unlisted.id}/join/", {}, format="json").status_code == 404
    # the link works: the header (web app) or ?share= (calendar apps); joining with it too
    assert api.get(f"/api/events/{unlisted.id}/", HTTP_X_SHARE_TOKEN=unlisted.share_token).status_code == 200
    assert api.get(f"/api/events/{unlisted.id}/calendar.ics?share={unlisted.share_token}").status_code == 200
    joined = stranger.post(
        f"/api/events/{unlisted.id}/join/", {}, format="json", HTTP_X_SHARE_TOKEN=unlisted.share_token
    )
    assert joined.status_code == 201
    # once signed up, and for the organizer, no token is needed; only the organizer sees it
    assert stranger.get(f"/api/events/{unlisted.id}/").status_code == 200
    managed = client_for(organizer).get(f"/api/events/{unlisted.id}/").json()
    assert managed["share_token"] == unlisted.share_token and len(unlisted.share_token) >= 20
    assert client_for(organizer).get(f"/api/events/{public.id}/").json()["share_token"] is None


def test_unknown_event_is_404(api):
    response = api.get("/api/events/999999/")
    assert_refused(response, 404, "not_found", "Mutirão não encontrado.")
    assert response.json() == {"detail": "Mutirão não encontrado.", "code": "not_found"}


def test_only_the_organizer_or_staff_edits(api, client_for, user, organizer, staff, event):
    assert_refused(
        api.patch(f"/api/events/{event.id}/", {"title": "X"}, format="json"),
        401,
        "not_authenticated",
        "As credenciais de autenticação não foram fornecidas.",
    )
    other = client_for(user).patch(f"/api/events/{event.id}/", {"title": "Hackeado"}, format="json")
    assert_refused(other, 403, "permission_denied", "Só a organização pode gerenciar este mutirão.")
    event.refresh_from_db()
    assert event.title == "Limpeza da praia"
    ok = client_for(organizer).patch(f"/api/events/{event.id}/", {"title": "Nova praia"}, format="json")
    assert ok.status_code == 200
    assert ok.json()["title"] == "Nova praia"
    assert client_for(staff).patch(f"/api/events/{event.id}/", {"capacity": 12}, format="json").status_code == 200
    event.refresh_from_db()
    assert (event.title, event.capacity) == ("Nova praia", 12)


def test_co_organizer_can_edit(client_for, make_user, event):
    co = make_user()
    event.co_organizers.add(co)
    assert client_for(co).patch(f"/api/events/{event.id}/", {"title": "Co"}, format="json").status_code == 200


def test_patch_ignores_status_and_counters(client_for, organizer, event):
    response = client_for(organizer).patch(
        f"/api/events/{event.id}/", {"status": "completed", "confirmed_count": 7, "organizer": 1}, format="json"
    )
    assert response.status_code == 200
    event.refresh_from_db()
    assert (event.status, event.confirmed_count, event.organizer_id) == ("published", 0, organizer.id)


def test_patch_capacity_below_confirmed_is_refused(client_for, organizer, make_user, event):
    from mutiroes.events.services import participation_join

    for _ in range(3):
        participation_join(event_id=event.id, user=make_user())
    response = client_for(organizer).patch(f"/api/events/{event.id}/", {"capacity": 2}, format="json")
    assert_refused(response, 400, "invalid", "As vagas não podem ser menos que os 3 participantes confirmados.")
    assert "capacity" in response.json()["errors"]
    event.refresh_from_db()
    assert event.capacity == 10


def test_patch_cancelled_event_conflicts(client_for, organizer, make_event):
    cancelled = make_event(status=Event.Status.CANCELLED)
    response = client_for(organizer).patch(f"/api/events/{cancelled.id}/", {"title": "X"}, format="json")
    assert_refused(response, 409, "event_closed", "Um mutirão cancelado ou concluído não pode mais ser editado.")


def test_delete_only_while_draft(client_for, organizer, user, make_event):
    published = make_event()
    draft = make_event(status=Event.Status.DRAFT)
    assert_refused(
        client_for(organizer).delete(f"/api/events/{published.id}/"),
        409,
        "not_draft",
        "Só rascunhos podem ser excluídos; cancele o mutirão.",
    )
    assert_refused(client_for(user).delete(f"/api/events/{draft.id}/"), 404, "not_found", "Mutirão não encontrado.")
    assert client_for(organizer).delete(f"/api/events/{draft.id}/").status_code == 204
    assert list(Event.objects.values_list("id", flat=True)) == [published.id]


def test_publish_and_cancel(client_for, organizer, user, make_event, django_capture_on_commit_callbacks):
    from django.core import mail

    from mutiroes.events.services import participation_join

    draft = make_event(status=Event.Status.DRAFT)
    client = client_for(organizer)
    assert_refused(
        client_for(user).post(f"/api/events/{draft.id}/publish/"), 404, "not_found", "Mutirão não encontrado."
    )
    response = client.post(f"/api/events/{draft.id}/publish/")
    assert response.status_code == 200
    assert response.json()["status"] == "published"
    assert_refused(
        client.post(f"/api/events/{draft.id}/publish/"), 409, "already_published", "O mutirão já está publicado."
    )
    participation_join(event_id=draft.id, user=user)
    assert_refused(
        client_for(user).post(f"/api/events/{draft.id}/cancel/"),
        403,
        "permission_denied",
        "Só a organização pode gerenciar este mutirão.",
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/api/events/{draft.id}/cancel/", {"reason": "Tempestade"}, format="json")
    assert response.status_code == 200
    assert response.json()["status"] == "cancelled"
    assert response.json()["cancellation_reason"] == "Tempestade"
    assert [m.to for m in mail.outbox] == [[user.email]]
    assert "cancelado" in mail.outbox[0].subject
    assert_refused(
        client.post(f"/api/events/{draft.id}/cancel/"), 409, "already_cancelled", "O mutirão já está cancelado."
    )


def test_categories(api):
    response = api.get("/api/categories/")
    assert response.status_code == 200
    body = response.json()
    assert len(body) == 10
    assert body[0] == {
        "id": body[0]["id"],
        "slug": "limpeza-de-praias",
        "name": "Limpeza de Praias",
        "icon": "waves",
        "color": "#0EA5E9",
        "description": "Recolher lixo da areia e do mar.",
    }
    assert {c["slug"] for c in body} >= {"plantio-de-arvores", "hortas-comunitarias", "preservacao-de-mangues"}


def test_calendar_ics_is_valid(api, event, make_event):
    import icalendar

    response = api.get(f"/api/events/{event.id}/calendar.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.content)
    (vevent,) = calendar.walk("VEVENT")
    assert str(vevent["SUMMARY"]) == event.title
    assert vevent.decoded("DTSTART") == event.start.replace(microsecond=0)
    assert vevent.decoded("DTEND") == event.end.replace(microsecond=0)
    assert "Rio de Janeiro" in str(vevent["LOCATION"])
    alarms = vevent.walk("VALARM")
    assert [(str(a["ACTION"]), a.decoded("TRIGGER")) for a in alarms] == [
        ("DISPLAY", -timedelta(hours=12)),
        ("DISPLAY", -timedelta(hours=2)),
    ]
    draft = make_event(status=Event.Status.DRAFT)
    assert_refused(api.get(f"/api/events/{draft.id}/calendar.ics"), 404, "not_found", "Mutirão não encontrado.")


def test_calendar_escapes_a_lone_carriage_return(api, make_event):
    """A title with a bare CR used to end the content line and add properties of its own."""
    import icalendar

    event = make_event(title="Limpeza\rX-INJECTED:1\rDESCRIPTION:falsa", description="a\rb\nc\r\nd")
    body = api.get(f"/api/events/{event.id}/calendar.ics").content
    assert b"\rX-INJECTED" not in body
    assert b"\r" not in body.replace(b"\r\n", b"")
    (vevent,) = icalendar.Calendar.from_ical(body).walk("VEVENT")
    assert "X-INJECTED" not in vevent
    assert str(vevent["SUMMARY"]) == "Limpeza\nX-INJECTED:1\nDESCRIPTION:falsa"
    assert str(vevent["DESCRIPTION"]).startswith("a\nb\nc\nd")


# ---------------------------------------------------------------- listing
def test_list_shape_and_counts(api, event):
    response = api.get("/api/events/")
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"count", "next", "previous", "results"}
    (item,) = body["results"]
    assert item["id"] == event.id
    assert item["capacity"] == 10
    assert item["confirmed_count"] == 0
    assert item["spots_left"] == 10
    assert item["distance_km"] is None
    assert item["my_participation"] is None
    assert "emergency_contact" not in item


def test_list_filters(api, make_event, category):
    from mutiroes.events.models import Category

    trees = Category.objects.get(slug="plantio-de-arvores")
    soon = timezone.now() + timedelta(days=2)
    later = timezone.now() + timedelta(days=20)
    rio = make_event(title="Praia Vermelha", start=soon)
    sp = make_event(title="Plantio Ibirapuera", city="São Paulo", state="SP", category=trees, start=later)
    make_event(title="Rascunho", status=Event.Status.DRAFT)

    def ids(query: str) -> list[int]:
        response = api.get(f"/api/events/?{query}")
        assert response.status_code == 200, response.content
        return [item["id"] for item in response.json()["results"]]

    assert ids("") == [rio.id, sp.id]
    assert ids("category=plantio-de-arvores") == [sp.id]
    assert ids("city=são paulo") == [sp.id]
    assert ids("state=rj") == [rio.id]
    assert ids("q=vermelha") == [rio.id]
    assert ids("q=ibirapuera plantio") == [sp.id]
    assert ids(f"starts_after={(soon + timedelta(days=1)).isoformat().replace('+', '%2B')}") == [sp.id]
    assert ids(f"starts_before={(soon + timedelta(days=1)).isoformat().replace('+', '%2B')}") == [rio.id]
    assert ids("ordering=-start") == [sp.id, rio.id]


def test_near_returns_events_within_radius_sorted_by_distance(api, make_event):
    copacabana = make_event(title="Copacabana", latitude=-22.9711, longitude=-43.1822)
    niteroi = make_event(title="Niterói", latitude=-22.9035, longitude=-43.1040)
    make_event(title="São Paulo", latitude=-23.5505, longitude=-46.6333, city="São Paulo", state="SP")
    response = api.get("/api/events/?near=-22.9700,-43.1850&radius_km=20&ordering=distance")
    assert response.status_code == 200
    results = response.json()["results"]
    assert [item["id"] for item in results] == [copacabana.id, niteroi.id]
    assert results[0]["distance_km"] < 1
    assert 10 < results[1]["distance_km"] < 12
    far = api.get("/api/events/?near=-22.97,-43.18&radius_km=400").json()["results"]
    assert len(far) == 3
    sp = next(item for item in far if item["title"] == "São Paulo")
    assert 355 < sp["distance_km"] < 362


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("near=abc", "near"),
        ("near=-91,10", "near"),
        ("near=1,2,3", "near"),
        ("radius_km=5", "radius_km"),
        ("near=1,2&radius_km=-1", "radius_km"),
        ("ordering=distance", "ordering"),
        ("ordering=title", "ordering"),
        ("page_size=101", "page_size"),
        ("page_size=0", "page_size"),
        ("page_size=abc", "page_size"),
        ("starts_after=ontem", "starts_after"),
        ("state=ZZ", "state"),
    ],
)
def test_list_bad_query_is_400(api, event, query, field):
    response = api.get(f"/api/events/?{query}")
    assert_refused(response, 400, "invalid", "Dados inválidos. Confira os campos.")
    assert field in response.json()["errors"]


def test_list_page_out_of_range_is_404(api, event):
    assert_refused(api.get("/api/events/?page=99"), 404, "not_found", "Página inválida.")


def test_list_pagination(api, make_event):
    for i in range(5):
        make_event(title=f"E{i}", start=timezone.now() + timedelta(days=i + 1))
    page = api.get("/api/events/?page_size=2&page=2").json()
    assert page["count"] == 5
    assert [item["title"] for item in page["results"]] == ["E2", "E3"]
    assert page["next"].endswith("page=3&page_size=2") or "page=3" in page["next"]


def test_list_my_participation(client_for, user, make_event):
    from mutiroes.events.services import participation_join

    joined = make_event()
    other = make_event()
    participation_join(event_id=joined.id, user=user)
    results = client_for(user).get("/api/events/").json()["results"]
    mine = {item["id"]: item["my_participation"] for item in results}
    assert mine == {joined.id: "confirmed", other.id: None}


@pytest.mark.parametrize("authenticated", [False, True])
def test_list_query_count_is_constant(
    api, client_for, user, make_event, make_user, django_assert_num_queries, authenticated
):
    from mutiroes.events.services import participation_join

    client = client_for(user) if authenticated else api
    for i in range(30):
        event = make_event(title=f"E{i}", organizer=make_user())
        if i % 3 == 0:
            participation_join(event_id=event.id, user=user)
    # The first page of these filters counts them (and reads the token's user state)...
    path = "/api/events/?page_size={}&near=-22.97,-43.18&radius_km=50"
    with django_assert_num_queries(3 if authenticated else 2):
        assert client.get(path.format(1)).json()["count"] == 30
    # ...then a page is one query, whatever its size: the count is cached, the user is the token's.
    for page_size in (2, 30):
        with django_assert_num_queries(1):
            response = client.get(path.format(page_size))
        assert response.status_code == 200
        assert len(response.json()["results"]) == page_size


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("q=um+dois+tres+quatro+cinco+seis", "q"),
        ("q=" + "x" * 101, "q"),
        ("near=-22.9,-43.2&radius_km=501", "radius_km"),
        ("page=101", "page"),
        ("page_size=100&page=21", "page"),
    ],
)
def test_an_anonymous_search_has_a_known_worst_case(api, event, query, field):
    """Varied searches miss the cache: each one's cost is bounded (terms, radius, result window)."""
    response = api.get(f"/api/events/?{query}")
    assert response.status_code == 400, response.content
    assert field in response.json()["errors"]


def test_the_bounds_leave_ordinary_searches_alone(api, event):
    for query in ("q=limpeza+praia+rio+de+janeiro", "near=-22.97,-43.18&radius_km=500", "page_size=100&page=1"):
        assert api.get(f"/api/events/?{query}").status_code == 200, query
    assert api.get("/api/events/?page=100").status_code == 404  # within the window, past the end


def test_the_organizer_says_whether_their_profile_is_public(api, organizer, event):
    """The web app links the organizer's name only to a profile page that exists."""
    assert api.get(f"/api/events/{event.id}/").json()["organizer"] == {
        "id": organizer.id,
        "name": organizer.name,
        "is_public": False,
    }
    organizer.is_public = True
    organizer.save(update_fields=["is_public"])
    assert api.get(f"/api/events/{event.id}/").json()["organizer"]["is_public"] is True
    assert api.get(f"/api/users/{organizer.id}/").status_code == 200
