"""Per-mutirão co-organizers: the organizer adds and removes them; they manage the mutirão."""

from datetime import timedelta

import pytest
from django.utils import timezone

from mutiroes.events.services import participation_join

pytestmark = pytest.mark.django_db


def test_the_organizer_adds_a_co_organizer_who_then_checks_someone_in(
    client_for, organizer, make_event, make_user, user
):
    event = make_event(start=timezone.now() + timedelta(minutes=10))
    co = make_user(email="co@exemplo.com.br", first_name="Cora")
    participation = participation_join(event_id=event.id, user=user)
    response = client_for(organizer).post(
        f"/api/events/{event.id}/co-organizers/", {"email": "CO@exemplo.com.br"}, format="json"
    )
    assert response.status_code == 201
    assert response.json() == [{"id": co.id, "name": "Cora Silva", "email": "co@exemplo.com.br"}]
    detail = client_for(co).get(f"/api/events/{event.id}/").json()
    assert detail["can_manage"] is True and detail["can_manage_team"] is False
    assert client_for(co).post(f"/api/events/{event.id}/participants/{participation.id}/check-in/").status_code == 200
    # A co-organizer does not add or remove others.
    other = make_user()
    assert (
        client_for(co).post(f"/api/events/{event.id}/co-organizers/", {"email": other.email}, format="json").status_code
        == 403
    )
    assert client_for(co).delete(f"/api/events/{event.id}/co-organizers/{co.id}/").status_code == 403
    assert list(event.co_organizers.values_list("id", flat=True)) == [co.id]
    assert client_for(organizer).delete(f"/api/events/{event.id}/co-organizers/{co.id}/").status_code == 204
    assert not event.co_organizers.exists()
    assert client_for(co).get(f"/api/events/{event.id}/participants/").status_code == 403


@pytest.mark.parametrize(
    ("email", "status", "field"),
    [("ninguem@exemplo.com.br", 400, "email"), ("nao-e-email", 400, "email"), ("organizer@exemplo.com.br", 409, None)],
)
def test_bad_co_organizers_are_refused(client_for, organizer, event, email, status, field):
    response = client_for(organizer).post(f"/api/events/{event.id}/co-organizers/", {"email": email}, format="json")
    assert response.status_code == status
    if field:
        assert field in response.json()["errors"]
    assert not event.co_organizers.exists()


def test_adding_twice_is_a_conflict_and_removing_a_stranger_is_not_found(client_for, organizer, event, make_user):
    co = make_user()
    client = client_for(organizer)
    assert client.post(f"/api/events/{event.id}/co-organizers/", {"email": co.email}, format="json").status_code == 201
    again = client.post(f"/api/events/{event.id}/co-organizers/", {"email": co.email}, format="json")
    assert again.status_code == 409 and again.json()["code"] == "already_co_organizer"
    assert client.delete(f"/api/events/{event.id}/co-organizers/{make_user().id}/").status_code == 404
    assert event.co_organizers.count() == 1
