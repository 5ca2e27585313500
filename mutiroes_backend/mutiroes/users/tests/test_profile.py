import icalendar
import pytest
from rest_framework_simplejwt.token_blacklist.models import BlacklistedToken, OutstandingToken

from conftest import PASSWORD
from mutiroes.core.tests.refusals import assert_refused
from mutiroes.events import services
from mutiroes.events.models import Participation
from mutiroes.users.models import User

pytestmark = pytest.mark.django_db


def test_me_requires_auth(api):
    response = api.get("/api/users/me/")
    assert_refused(response, 401, "not_authenticated", "As credenciais de autenticação não foram fornecidas.")
    assert response.json()["code"] == "not_authenticated"


def test_me_read_and_update(client_for, user, category):
    client = client_for(user)
    body = client.get("/api/users/me/").json()
    assert body["email"] == user.email
    response = client.patch(
        "/api/users/me/",
        {"bio": "Surfista", "city": "Niterói", "state": "rj", "interests": ["limpeza-de-praias"], "is_public": False},
        format="json",
    )
    assert response.status_code == 200, response.content
    assert (response.json()["state"], response.json()["interests"]) == ("RJ", ["limpeza-de-praias"])
    user.refresh_from_db()
    assert (user.bio, user.city, user.is_public) == ("Surfista", "Niterói", False)


@pytest.mark.parametrize(
    "body",
    [
        {"state": "ZZ"},
        {"interests": ["nao-existe"]},
        {"birth_date": "2999-01-01"},
        {"first_name": "x" * 81},
    ],
)
def test_me_update_invalid(client_for, user, body):
    response = client_for(user).patch("/api/users/me/", body, format="json")
    assert_refused(response, 400, "invalid", "Dados inválidos. Confira os campos.")
    user.refresh_from_db()
    assert user.state == "" and user.first_name == "Vera"


def test_me_update_cannot_escalate(client_for, user):
    client_for(user).patch("/api/users/me/", {"is_staff": True, "email": "x@y.com", "id": 1}, format="json")
    user.refresh_from_db()
    assert (user.is_staff, user.email) == (False, "volunteer@exemplo.com.br")


def test_new_accounts_start_private(api):
    response = api.post(
        "/api/auth/register/",
        {"email": "nova@exemplo.com.br", "password": "Mutirao-seguro-2025", "first_name": "Nova"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    user = User.objects.get(email="nova@exemplo.com.br")
    assert (user.is_public, user.show_history) == (False, False)
    assert api.get(f"/api/users/{user.id}/").status_code == 404


def test_public_profile_respects_privacy(api, user):
    User.objects.filter(pk=user.pk).update(is_public=True)
    response = api.get(f"/api/users/{user.id}/")
    assert response.status_code == 200
    body = response.json()
    assert body["name"] == user.name
    assert "email" not in body and "birth_date" not in body
    assert body["stats"]["events_attended"] == 0
    User.objects.filter(pk=user.pk).update(is_public=False)
    assert_refused(api.get(f"/api/users/{user.id}/"), 404, "not_found", "Perfil não encontrado.")


def test_export_contains_own_data(client_for, user, event):
    services.participation_join(event_id=event.id, user=user, emergency_contact="Irmã", notes="Vegano")
    response = client_for(user).get("/api/users/me/export/")
    assert response.status_code == 200
    body = response.json()
    assert body["profile"]["email"] == user.email
    (participation,) = body["participations"]
    assert (participation["event_id"], participation["emergency_contact"]) == (event.id, "Irmã")
    assert body["notifications"][0]["kind"] == "confirmed"


def test_delete_account_erases_personal_data_and_frees_seats(client_for, user, make_user, make_event):
    event = make_event(capacity=1)
    waiting = make_user()
    services.participation_join(event_id=event.id, user=user, emergency_contact="Mãe 2199", notes="Asma")
    services.participation_join(event_id=event.id, user=waiting)
    client = client_for(user)
    wrong = client.delete("/api/users/me/", {"password": "errada"}, format="json")
    assert_refused(wrong, 400, "wrong_password", "A senha está incorreta.")
    assert User.objects.get(pk=user.pk).is_active
    response = client.delete("/api/users/me/", {"password": PASSWORD}, format="json")
    assert response.status_code == 204
    erased = User.objects.get(pk=user.pk)
    assert not erased.is_active
    assert erased.email.endswith(".invalid") and "volunteer" not in erased.email
    assert (erased.first_name, erased.last_name, erased.bio, erased.birth_date) == ("", "", "", None)
    assert not erased.has_usable_password()
    mine = Participation.objects.get(user=erased)
    assert (mine.status, mine.emergency_contact, mine.notes) == ("cancelled", "", "")
    assert Participation.objects.get(user=waiting).status == "confirmed"
    assert_refused(client.get("/api/users/me/"), 401, "authentication_failed", "User is inactive")
    assert OutstandingToken.objects.filter(user=erased).count() == 0
    assert BlacklistedToken.objects.count() == 0


def test_personal_calendar_feed_and_rotation(api, client_for, user, make_event):
    confirmed = make_event(title="Confirmado")
    make_event(title="Outro")
    services.participation_join(event_id=confirmed.id, user=user)
    client = client_for(user)
    token = client.get("/api/users/me/calendar-token/").json()["token"]
    assert token == user.calendar_token
    response = api.get(f"/api/users/me/calendar.ics?token={token}")
    assert response.status_code == 200
    calendar = icalendar.Calendar.from_ical(response.content)
    assert [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")] == ["Confirmado"]
    assert_refused(api.get("/api/users/me/calendar.ics?token=wrong"), 404, "not_found", "Calendário não encontrado.")
    assert_refused(api.get("/api/users/me/calendar.ics"), 404, "not_found", "Calendário não encontrado.")
    rotated = client.post("/api/users/me/calendar-token/").json()["token"]
    assert rotated != token
    assert_refused(api.get(f"/api/users/me/calendar.ics?token={token}"), 404, "not_found", "Calendário não encontrado.")
    assert api.get(f"/api/users/me/calendar.ics?token={rotated}").status_code == 200


def test_the_calendar_link_is_the_public_address_of_the_feed(settings, api, client_for, user):
    settings.API_PUBLIC_URL = "http://127.0.0.1:8000"
    body = client_for(user).get("/api/users/me/calendar-token/").json()
    assert body["url"] == f"http://127.0.0.1:8000/api/users/me/calendar.ics?token={user.calendar_token}"
    assert api.get(body["url"].removeprefix(settings.API_PUBLIC_URL)).status_code == 200


def test_stats(client_for, user):
    body = client_for(user).get("/api/users/me/stats/").json()
    assert body == {
        "events_attended": 0,
        "volunteer_hours": "0.00",
        "kg_collected": "0.00",
        "trees_planted": 0,
        "categories_attended": 0,
        "events_organized": 0,
        "events_organized_completed": 0,
        "badges": [],
    }


def test_delete_account_with_a_cancelled_upcoming_mutirao(client_for, user, make_event):
    from mutiroes.events.models import Event

    event = make_event()
    services.participation_join(event_id=event.id, user=user, emergency_contact="Tia")
    Event.objects.filter(pk=event.pk).update(status=Event.Status.CANCELLED)
    response = client_for(user).delete("/api/users/me/", {"password": PASSWORD}, format="json")
    assert response.status_code == 204
    assert Participation.objects.get(user=user).emergency_contact == ""
