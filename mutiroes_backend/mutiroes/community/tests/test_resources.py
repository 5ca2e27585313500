import pytest

from mutiroes.community.models import Pledge, Resource
from mutiroes.core.tests.refusals import assert_refused
from mutiroes.events.models import Event, Participation

GLOVES = {"name": "Luvas", "kind": "protection", "quantity_needed": 10, "unit": "pares"}


@pytest.fixture
def gloves(event):
    return Resource.objects.create(event=event, name="Luvas", kind="protection", quantity_needed=10, unit="pares")


def test_organizer_adds_edits_and_removes_resources(client_for, organizer, event):
    client = client_for(organizer)
    created = client.post(f"/api/events/{event.id}/resources/", GLOVES, format="json")
    assert created.status_code == 201
    body = created.json()
    assert {k: body[k] for k in ("name", "kind", "quantity_needed", "unit", "pledged", "missing")} == {
        "name": "Luvas",
        "kind": "protection",
        "quantity_needed": 10,
        "unit": "pares",
        "pledged": 0,
        "missing": 10,
    }
    rid = body["id"]
    edited = client.patch(f"/api/events/{event.id}/resources/{rid}/", {"quantity_needed": 4}, format="json")
    assert (edited.status_code, edited.json()["missing"]) == (200, 4)
    assert Resource.objects.get(pk=rid).quantity_needed == 4
    assert client.delete(f"/api/events/{event.id}/resources/{rid}/").status_code == 204
    assert not Resource.objects.exists()


@pytest.mark.parametrize("body", [{**GLOVES, "quantity_needed": 0}, {**GLOVES, "name": ""}, {**GLOVES, "kind": "x"}])
def test_bad_resource_is_refused(client_for, organizer, event, body):
    assert_refused(
        client_for(organizer).post(f"/api/events/{event.id}/resources/", body, format="json"),
        400,
        "invalid",
        "Dados inválidos. Confira os campos.",
    )
    assert not Resource.objects.exists()


def test_only_the_organizer_manages_resources(client_for, make_user, user, event, gloves, join):
    join(event, user)
    for who, code in ((make_user(), 403), (user, 403), (None, 401)):
        client = client_for(who)
        assert client.post(f"/api/events/{event.id}/resources/", GLOVES, format="json").status_code == code
        url = f"/api/events/{event.id}/resources/{gloves.id}/"
        assert client.patch(url, {"quantity_needed": 1}, format="json").status_code == code
        assert client.delete(url).status_code == code
    assert Resource.objects.count() == 1 and Resource.objects.get().quantity_needed == 10


def test_resources_of_a_closed_event_are_frozen(client_for, organizer, make_event):
    cancelled = make_event(status=Event.Status.CANCELLED)
    response = client_for(organizer).post(f"/api/events/{cancelled.id}/resources/", GLOVES, format="json")
    assert_refused(response, 409, "event_closed", "Os recursos de um mutirão cancelado ou concluído não podem mudar.")
    assert not Resource.objects.exists()


def test_participant_pledges_and_sees_what_is_missing(client_for, user, make_user, event, gloves, join):
    join(event, user)
    response = client_for(user).post(f"/api/events/{event.id}/resources/{gloves.id}/pledge/", {"quantity": 3})
    assert response.status_code == 200
    body = response.json()
    assert (body["pledged"], body["missing"], body["my_pledge"]) == (3, 7, 3)
    assert body["pledges"] == [{"user": {"id": user.id, "name": user.name, "is_public": False}, "quantity": 3}]
    # a second pledge replaces the first
    client_for(user).post(f"/api/events/{event.id}/resources/{gloves.id}/pledge/", {"quantity": 5})
    assert list(Pledge.objects.values_list("quantity", flat=True)) == [5]
    other = make_user()
    join(event, other)
    too_many = client_for(other).post(f"/api/events/{event.id}/resources/{gloves.id}/pledge/", {"quantity": 6})
    assert (too_many.status_code, too_many.json()["code"]) == (409, "too_many")
    assert "5" in too_many.json()["detail"]
    ok = client_for(other).post(f"/api/events/{event.id}/resources/{gloves.id}/pledge/", {"quantity": 5})
    assert ok.json()["missing"] == 0
    withdrawn = client_for(user).post(f"/api/events/{event.id}/resources/{gloves.id}/pledge/", {"quantity": 0})
    assert (withdrawn.json()["missing"], withdrawn.json()["my_pledge"]) == (5, None)
    assert Pledge.objects.count() == 1


def test_pledge_only_by_confirmed_participants(client_for, organizer, user, make_user, event, gloves, join):
    join(event, make_user(), Participation.Status.WAITLISTED)
    waitlisted = Participation.objects.get().user
    for who, code in ((user, 403), (waitlisted, 403), (organizer, 403), (None, 401)):
        response = client_for(who).post(f"/api/events/{event.id}/resources/{gloves.id}/pledge/", {"quantity": 1})
        assert response.status_code == code
    assert not Pledge.objects.exists()


@pytest.mark.parametrize("quantity", [-1, "muitos", None])
def test_bad_pledge_quantity(client_for, user, event, gloves, join, quantity):
    join(event, user)
    response = client_for(user).post(
        f"/api/events/{event.id}/resources/{gloves.id}/pledge/", {"quantity": quantity}, format="json"
    )
    assert_refused(response, 400, "invalid", "Dados inválidos. Confira os campos.")
    assert not Pledge.objects.exists()


def test_resource_of_another_event_is_not_found(client_for, organizer, user, make_event, gloves, join):
    other = make_event()
    join(other, user)
    assert (
        client_for(user).post(f"/api/events/{other.id}/resources/{gloves.id}/pledge/", {"quantity": 1}).status_code
        == 404
    )
    assert_refused(
        client_for(organizer).delete(f"/api/events/{other.id}/resources/{gloves.id}/"),
        404,
        "not_found",
        "Recurso não encontrado.",
    )
    assert Resource.objects.count() == 1 and not Pledge.objects.exists()


def test_resource_list_is_public_and_constant_in_queries(api, event, make_user, join, django_assert_num_queries):
    def add(n: int) -> None:
        for i in range(n):
            resource = Resource.objects.create(event=event, name=f"R{i}", quantity_needed=5)
            person = make_user()
            join(event, person)
            Pledge.objects.create(resource=resource, user=person, quantity=2)

    add(2)
    with django_assert_num_queries(4):
        assert api.get(f"/api/events/{event.id}/resources/").status_code == 200
    add(8)
    with django_assert_num_queries(4):  # same as for two
        response = api.get(f"/api/events/{event.id}/resources/?page_size=100")
    assert response.json()["count"] == 10
    assert response.json()["results"][0]["missing"] == 3


def test_resources_of_a_draft_are_hidden(api, make_event):
    draft = make_event(status=Event.Status.DRAFT)
    assert_refused(api.get(f"/api/events/{draft.id}/resources/"), 404, "not_found", "Mutirão não encontrado.")
