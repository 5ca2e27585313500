"""What the schema promises is what the API accepts: wrong JSON types and blank filters are 400."""

import pytest

from mutiroes.users.models import User

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "body",
    [
        {"show_history": 0},
        {"is_public": "false"},
        {"first_name": 123},
        {"interests": {}},
        {"interests": "limpeza-de-praias"},
        {"birth_date": 20000101},
    ],
)
def test_wrong_json_types_are_refused(client_for, user, body):
    User.objects.filter(pk=user.pk).update(is_public=True, show_history=True)
    response = client_for(user).patch("/api/users/me/", body, format="json")
    assert response.status_code == 400
    (field,) = body
    assert field in response.json()["errors"]
    fresh = User.objects.get(pk=user.pk)
    assert (fresh.first_name, fresh.is_public, fresh.show_history, fresh.birth_date) == ("Vera", True, True, None)


def test_right_types_are_accepted(client_for, user):
    response = client_for(user).patch("/api/users/me/", {"show_history": False, "first_name": "Vera"}, format="json")
    assert response.status_code == 200


@pytest.mark.parametrize("query", ["status=", "starts_before=", "city=", "ordering="])
def test_blank_query_filters_are_refused(api, query):
    response = api.get(f"/api/events/?{query}")
    assert response.status_code == 400
    assert query.rstrip("=") in response.json()["errors"]


def test_unknown_api_url_is_a_json_404(api):
    response = api.get("/api/nao-existe/")
    assert response.status_code == 404
    assert response.json() == {"detail": "Não encontrado.", "code": "not_found"}


def test_nested_errors_have_dotted_keys(client_for, user):
    response = client_for(user).patch(
        "/api/notifications/preferences/", {"preferences": [{"in_app": False}]}, format="json"
    )
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["preferences.0.kind"]


@pytest.mark.parametrize("query", ["unread=", "unread=talvez"])
def test_bad_boolean_query_is_refused(client_for, user, query):
    assert client_for(user).get(f"/api/notifications/?{query}").status_code == 400
