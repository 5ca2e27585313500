"""The areas someone watches and their e-mail rhythm, over HTTP."""

import pytest

from conftest import PASSWORD
from mutiroes.alerts.models import MAX_AREAS_PER_USER, AlertArea, AlertSettings
from mutiroes.core.tests.refusals import assert_refused
from mutiroes.events.models import Category

pytestmark = pytest.mark.django_db
URL = "/api/alerts/areas/"
SAO_PAULO = {"kind": "radius", "label": "Perto de casa", "latitude": -23.55, "longitude": -46.63, "radius_km": 10}


def test_save_a_circle_and_a_city_and_list_them(client_for, user):
    client = client_for(user)
    beach = Category.objects.get(slug="limpeza-de-praias")
    circle = client.post(URL, {**SAO_PAULO, "categories": [beach.id]}, format="json")
    assert circle.status_code == 201, circle.json()
    body = circle.json()
    assert body == {
        "id": body["id"],
        "label": "Perto de casa",
        "kind": "radius",
        "latitude": -23.55,
        "longitude": -46.63,
        "radius_km": 10,
        "city": "",
        "state": "",
        "categories": [beach.id],
        "created_at": body["created_at"],
    }
    city = client.post(URL, {"kind": "city", "city": " São Paulo ", "state": "SP"}, format="json")
    assert city.status_code == 201
    assert city.json()["city"] == "São Paulo" and city.json()["latitude"] is None
    assert AlertArea.objects.get(pk=city.json()["id"]).city_key == "sao paulo"
    listed = client.get(URL).json()
    assert [a["id"] for a in listed["results"]] == [body["id"], city.json()["id"]]


def test_a_circle_keeps_only_its_own_fields(client_for, user):
    response = client_for(user).post(URL, {**SAO_PAULO, "city": "Santos", "state": "SP"}, format="json")
    assert response.status_code == 201
    area = AlertArea.objects.get()
    assert (area.city, area.state, area.city_key) == ("", "", "")


@pytest.mark.parametrize(
    ("body", "errors"),
    [
        (
            {"kind": "radius", "latitude": -23.5},
            {"longitude": ["Este campo é obrigatório."], "radius_km": ["Este campo é obrigatório."]},
        ),
        (
            {**SAO_PAULO, "latitude": 48.85, "longitude": 2.35},
            {"latitude": ["O local precisa estar no Brasil: em terra ou a até 12 milhas náuticas da costa."]},
        ),
        ({"kind": "city", "city": "  ", "state": "SP"}, {"city": ["Este campo é obrigatório."]}),
        ({"kind": "city", "city": "Recife"}, {"state": ["Escolha um estado (UF)."]}),
    ],
)
def test_bad_areas_are_refused_and_nothing_is_saved(client_for, user, body, errors):
    response = client_for(user).post(URL, body, format="json")
    assert_refused(response, 400, "invalid", "Confira a área.", **errors)
    assert not AlertArea.objects.exists()


def test_a_radius_over_the_limit_is_refused(client_for, user):
    response = client_for(user).post(URL, {**SAO_PAULO, "radius_km": 51}, format="json")
    assert response.status_code == 400 and "radius_km" in response.json()["errors"]
    assert not AlertArea.objects.exists()


def test_at_most_ten_areas(client_for, user):
    client = client_for(user)
    for _ in range(MAX_AREAS_PER_USER):
        assert client.post(URL, SAO_PAULO, format="json").status_code == 201
    response = client.post(URL, SAO_PAULO, format="json")
    assert_refused(response, 409, "too_many_areas", "Você pode acompanhar no máximo 10 áreas; remova uma antes.")
    assert AlertArea.objects.count() == MAX_AREAS_PER_USER


def test_change_and_remove_an_area(client_for, user):
    client = client_for(user)
    area_id = client.post(URL, SAO_PAULO, format="json").json()["id"]
    changed = client.patch(f"{URL}{area_id}/", {"kind": "city", "city": "Niterói", "state": "RJ"}, format="json")
    assert changed.status_code == 200
    assert changed.json()["kind"] == "city" and changed.json()["radius_km"] is None
    assert AlertArea.objects.get().city_key == "niteroi"
    bad = client.patch(f"{URL}{area_id}/", {"state": "XX"}, format="json")
    assert bad.status_code == 400
    assert AlertArea.objects.get().state == "RJ"
    assert client.delete(f"{URL}{area_id}/").status_code == 204
    assert not AlertArea.objects.exists()


def test_another_persons_area_is_not_found(client_for, user, make_user):
    area_id = client_for(user).post(URL, SAO_PAULO, format="json").json()["id"]
    other = client_for(make_user())
    assert_refused(
        other.patch(f"{URL}{area_id}/", {"radius_km": 5}, format="json"), 404, "not_found", "Área não encontrada."
    )
    assert_refused(other.delete(f"{URL}{area_id}/"), 404, "not_found", "Área não encontrada.")
    assert other.get(URL).json()["count"] == 0
    assert AlertArea.objects.get().radius_km == 10


def test_the_list_takes_the_same_queries_for_any_number_of_areas(client_for, user, django_assert_num_queries):
    client = client_for(user)
    beach = Category.objects.get(slug="limpeza-de-praias")
    client.post(URL, {**SAO_PAULO, "categories": [beach.id]}, format="json")
    with django_assert_num_queries(4):  # user, count, page, categories
        assert client.get(URL).status_code == 200
    for _ in range(5):
        client.post(URL, {**SAO_PAULO, "categories": [beach.id]}, format="json")
    with django_assert_num_queries(4):
        assert client.get(URL).json()["count"] == 6


def test_settings_default_to_at_once_and_can_be_daily(client_for, user, api):
    client = client_for(user)
    assert client.get("/api/alerts/settings/").json() == {"email_frequency": "immediate"}
    assert not AlertSettings.objects.exists()
    response = client.put("/api/alerts/settings/", {"email_frequency": "daily"}, format="json")
    assert response.json() == {"email_frequency": "daily"}
    assert AlertSettings.objects.get(user=user).email_frequency == "daily"
    bad = client.put("/api/alerts/settings/", {"email_frequency": "weekly"}, format="json")
    assert bad.status_code == 400
    assert AlertSettings.objects.get(user=user).email_frequency == "daily"
    assert api.get("/api/alerts/settings/").status_code == 401


def test_the_areas_are_in_the_export_and_gone_with_the_account(client_for, user):
    client = client_for(user)
    client.post(URL, SAO_PAULO, format="json")
    client.put("/api/alerts/settings/", {"email_frequency": "daily"}, format="json")
    exported = client.get("/api/users/me/export/").json()["alert_areas"]
    assert exported == [
        {
            "label": "Perto de casa",
            "kind": "radius",
            "latitude": -23.55,
            "longitude": -46.63,
            "radius_km": 10,
            "city": "",
            "state": "",
            "categories": [],
            "created_at": exported[0]["created_at"],
        }
    ]
    assert client.delete("/api/users/me/", {"password": PASSWORD}, format="json").status_code == 204
    assert not AlertArea.objects.exists() and not AlertSettings.objects.exists()
