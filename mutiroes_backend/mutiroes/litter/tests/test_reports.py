"""Reporting a place: photos, validation, the 50 m duplicate rule, "também vi isto", rate limits,
the public list and its filters, moderation."""

from datetime import timedelta

import pytest
from django.utils import timezone

from mutiroes.core.tests.refusals import assert_refused
from mutiroes.litter import services
from mutiroes.litter.models import LitterAbuse, LitterConfirmation, LitterHistory, LitterPhoto, LitterReport
from mutiroes.litter.tests.conftest import LAT, LNG, form, upload

pytestmark = pytest.mark.django_db
M_PER_DEG_LAT = 111_045


def _post(client, **overrides):
    return client.post("/api/litter-reports/", form(**overrides), format="multipart")


def test_a_signed_in_person_reports_a_place_with_photos(client_for, user):
    response = _post(client_for(user), images=[upload(), upload("red")])
    assert response.status_code == 201, response.json()
    body = response.json()
    report = LitterReport.objects.get()
    assert body["id"] == report.id
    assert (body["latitude"], body["longitude"], body["city"], body["state"]) == (LAT, LNG, "Rio de Janeiro", "RJ")
    assert (body["size"], body["materials"], body["status"]) == ("car", ["glass", "plastic"], "open")
    assert body["scheduled_event"] is None and body["confirmations_count"] == 0
    assert body["is_mine"] is True and body["can_confirm"] is False
    assert [p["stage"] for p in body["photos"]] == ["report", "report"]
    assert all(p["image"].startswith(f"/media/litter/{report.id}/") for p in body["photos"])
    assert [h["kind"] for h in body["history"]] == ["reported"]
    assert report.reporter == user and LitterPhoto.objects.filter(report=report).count() == 2


def test_anonymous_cannot_report(api):
    response = _post(api)
    assert response.status_code == 401
    assert not LitterReport.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"images": []}, "images"),
        ({"materials": ["concrete"]}, "materials.0"),
        ({"size": "ship"}, "size"),
        ({"state": "XX"}, "state"),
        ({"latitude": "abc"}, "latitude"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_stored(client_for, user, overrides, field):
    response = _post(client_for(user), **overrides)
    assert response.status_code == 400, response.json()
    assert field in response.json()["errors"]
    assert not LitterReport.objects.exists() and not LitterPhoto.objects.exists()


def test_a_place_outside_brazil_is_refused(client_for, user):
    response = _post(client_for(user), latitude="48.85", longitude="2.35")
    assert_refused(
        response,
        400,
        "outside_brazil",
        "O lugar precisa ficar no Brasil.",
        latitude=["O lugar precisa ficar no Brasil."],
    )
    assert not LitterReport.objects.exists()


def test_a_file_that_is_not_an_image_is_refused(client_for, user):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("x.jpg", b"<html><script>alert(1)</script></html>", content_type="image/jpeg")
    response = _post(client_for(user), images=[fake])
    assert response.status_code == 400 and response.json()["code"] == "invalid_image"
    assert not LitterReport.objects.exists() and not LitterPhoto.objects.exists()


def test_within_50_m_of_an_open_report_it_is_offered_as_seen_too(client_for, make_report, user):
    existing = make_report()
    at_40_m = LAT + 40 / M_PER_DEG_LAT
    response = _post(client_for(user), latitude=str(at_40_m))
    message = "Já registraram um ponto a 40 m daqui. Confirme aquele ponto em vez de criar outro."
    assert_refused(response, 409, "duplicate_nearby", message, latitude=[message])
    assert list(LitterReport.objects.all()) == [existing]
    nearby = client_for(user).get(f"/api/litter-reports/nearby/?latitude={at_40_m}&longitude={LNG}").json()
    assert [(r["id"], r["distance_m"]) for r in nearby] == [(existing.id, 40)]
    # 60 m away is another place.
    at_60_m = LAT + 60 / M_PER_DEG_LAT
    assert _post(client_for(user), latitude=str(at_60_m)).status_code == 201
    assert client_for(user).get(f"/api/litter-reports/nearby/?latitude={at_60_m + 0.01}&longitude={LNG}").json() == []


def test_near_a_cleaned_or_hidden_report_a_new_one_is_created(client_for, make_report, user):
    cleaned = make_report()
    LitterReport.objects.filter(pk=cleaned.pk).update(status="cleaned", cleaned_at=timezone.now())
    assert _post(client_for(user)).status_code == 201
    hidden = LitterReport.objects.exclude(pk=cleaned.pk).get()
    services.reports_hide(report_ids=[hidden.id], hidden=True)
    assert _post(client_for(user)).status_code == 201
    assert LitterReport.objects.count() == 3


def test_seen_too_confirms_once_with_a_photo(client_for, make_report, make_user):
    reporter, other = make_user(), make_user()
    report = make_report(reporter=reporter)
    url = f"/api/litter-reports/{report.id}/confirm/"
    response = client_for(other).post(url, {"images": [upload("blue")]}, format="multipart")
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["confirmations_count"] == 1 and body["can_confirm"] is False
    assert [p["stage"] for p in body["photos"]] == ["report", "confirm"]
    assert [h["kind"] for h in body["history"]] == ["reported", "confirmed"]
    again = client_for(other).post(url, {}, format="multipart")
    assert_refused(again, 409, "already_confirmed", "Você já confirmou este ponto.")
    own = client_for(reporter).post(url, {}, format="multipart")
    assert_refused(own, 409, "own_report", "Foi você quem registrou este ponto.")
    assert LitterConfirmation.objects.filter(report=report).count() == 1
    assert LitterReport.objects.get().confirmations_count == 1


def test_a_cleaned_place_cannot_be_confirmed(client_for, make_report, user):
    report = make_report()
    LitterReport.objects.filter(pk=report.pk).update(status="cleaned", cleaned_at=timezone.now())
    response = client_for(user).post(f"/api/litter-reports/{report.id}/confirm/", {}, format="multipart")
    assert_refused(response, 409, "not_open", "Este ponto já foi limpo.")
    assert not LitterConfirmation.objects.exists()


def test_creation_is_rate_limited_per_person(client_for, make_report, user):
    for i in range(services.REPORTS_PER_DAY):
        make_report(reporter=user, latitude=LAT + i * 0.01)
    response = _post(client_for(user), latitude=str(LAT + 0.5))
    assert_refused(response, 429, "throttled", "Você registrou 10 pontos nas últimas 24 horas. Tente de novo amanhã.")
    assert LitterReport.objects.count() == services.REPORTS_PER_DAY
    LitterReport.objects.update(created_at=timezone.now() - timedelta(days=1, minutes=1))
    assert _post(client_for(user), latitude=str(LAT + 0.5)).status_code == 201


def test_public_list_filters_by_city_size_age_and_map_area(api, make_report):
    rio = make_report(size="bag")
    niteroi = make_report(latitude=-22.8832, longitude=-43.1034, city="Niterói", size="truck")
    old = make_report(latitude=-23.0, longitude=-43.3, size="bag")
    LitterReport.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=40))
    hidden = make_report(latitude=-22.95, longitude=-43.2)
    services.reports_hide(report_ids=[hidden.id], hidden=True)

    def ids(query: str = "") -> list[int]:
        response = api.get(f"/api/litter-reports/{query}")
        assert response.status_code == 200, response.json()
        return [r["id"] for r in response.json()["results"]]

    assert ids() == [niteroi.id, rio.id, old.id] or ids() == sorted([niteroi.id, rio.id, old.id], reverse=True)
    assert ids("?city=niteroi") == [niteroi.id]
    assert ids("?size=truck") == [niteroi.id]
    assert set(ids("?max_age_days=30")) == {rio.id, niteroi.id}
    assert ids("?bbox=-22.98,-43.19,-22.96,-43.17") == [rio.id]
    assert ids("?status=cleaned") == []


@pytest.mark.parametrize(
    "query", ["bbox=1,2,3", "bbox=-30,-60,-5,-30", "bbox=a,b,c,d", "max_age_days=0", "size=huge", "city="]
)
def test_bad_filters_are_a_400(api, query):
    response = api.get(f"/api/litter-reports/?{query}")
    assert response.status_code == 400 and response.json()["code"] == "invalid"


def test_the_list_runs_a_constant_number_of_queries(api, make_report, upcoming, organizer, django_assert_num_queries):
    for i in range(3):
        make_report(latitude=LAT + i * 0.01)
    services.reports_schedule(event_id=upcoming.id, user=organizer, report_ids=[LitterReport.objects.first().id])
    with django_assert_num_queries(3):  # count, page, photos
        assert len(api.get("/api/litter-reports/?page_size=100").json()["results"]) == 3
    for i in range(3, 12):
        make_report(latitude=LAT + i * 0.01)
    with django_assert_num_queries(3):
        assert len(api.get("/api/litter-reports/?page_size=100").json()["results"]) == 12


def test_a_hidden_report_and_hidden_photos_are_not_shown(api, client_for, make_report, staff):
    report = make_report()
    photo = report.photos.get()
    services.photos_hide(photo_ids=[photo.id], hidden=True)
    assert api.get(f"/api/litter-reports/{report.id}/").json()["photos"] == []
    services.reports_hide(report_ids=[report.id], hidden=True)
    assert_refused(api.get(f"/api/litter-reports/{report.id}/"), 404, "not_found", "Ponto não encontrado.")
    assert client_for(staff).get(f"/api/litter-reports/{report.id}/").status_code == 200
    assert api.get("/api/litter-reports/").json()["count"] == 0


def test_abuse_is_flagged_once(client_for, make_report, user):
    report = make_report()
    url = f"/api/litter-reports/{report.id}/flag/"
    assert client_for(user).post(url, {"reason": "Foto ofensiva"}, format="json").status_code == 204
    again = client_for(user).post(url, {"reason": "De novo"}, format="json")
    assert_refused(again, 409, "already_flagged", "Você já denunciou este ponto.")
    assert list(LitterAbuse.objects.values_list("user_id", "reason")) == [(user.id, "Foto ofensiva")]
    assert LitterHistory.objects.filter(report=report).count() == 1


def test_a_hostile_photo_leaves_no_confirmation(client_for, make_report, user):
    from django.core.files.uploadedfile import SimpleUploadedFile

    report = make_report()
    fake = SimpleUploadedFile("x.png", b"GIF89a<svg onload=alert(1)>", content_type="image/png")
    response = client_for(user).post(
        f"/api/litter-reports/{report.id}/confirm/", {"images": [fake]}, format="multipart"
    )
    assert response.status_code == 400 and response.json()["code"] == "invalid_image"
    assert not LitterConfirmation.objects.exists()
    assert LitterReport.objects.get().confirmations_count == 0
    assert LitterPhoto.objects.count() == 1


def test_the_event_and_nearby_lists_run_a_constant_number_of_queries(
    api, make_report, upcoming, organizer, django_assert_num_queries
):
    made = iter(range(100))

    def grow(n: int) -> None:
        ids = [make_report(latitude=LAT + next(made) * 0.01).id for _ in range(n)]
        services.reports_schedule(event_id=upcoming.id, user=organizer, report_ids=ids)

    grow(2)
    counts = []
    for _ in range(2):
        for path in (
            f"/api/events/{upcoming.id}/litter-reports/",
            f"/api/litter-reports/nearby/?latitude={LAT}&longitude={LNG}",
        ):
            from django.db import connection
            from django.test.utils import CaptureQueriesContext

            with CaptureQueriesContext(connection) as captured:
                assert api.get(path).status_code == 200
            counts.append(len(captured))
        grow(6)
    assert counts[:2] == counts[2:]


def test_staff_hide_reports_and_photos_from_the_admin(client, make_user, make_report, api):
    from django.contrib.auth.models import Permission

    staff = make_user(is_staff=True)
    staff.user_permissions.set(Permission.objects.filter(content_type__app_label="litter"))
    report = make_report()
    other = make_report(latitude=LAT + 0.01)
    photo = other.photos.get()
    client.force_login(staff)
    changelist = "/admin/litter/litterreport/"
    assert client.get(changelist).status_code == 200
    response = client.post(changelist, {"action": "hide", "_selected_action": [report.id]})
    assert response.status_code == 302
    response = client.post("/admin/litter/litterphoto/", {"action": "hide", "_selected_action": [photo.id]})
    assert response.status_code == 302
    assert list(LitterReport.objects.filter(is_hidden=True).values_list("id", flat=True)) == [report.id]
    assert LitterPhoto.objects.get(pk=photo.id).is_hidden is True
    assert [r["id"] for r in api.get("/api/litter-reports/").json()["results"]] == [other.id]
    assert api.get(f"/api/litter-reports/{other.id}/").json()["photos"] == []


def test_the_account_export_holds_the_places_reported_and_confirmed(client_for, make_report, make_user):
    reporter, other = make_user(), make_user()
    mine = make_report(reporter=reporter, notes="Sacos de lixo na areia")
    theirs = make_report(reporter=other, latitude=-23.0)
    assert (
        client_for(reporter).post(f"/api/litter-reports/{theirs.id}/confirm/", {}, format="multipart").status_code
        == 200
    )
    body = client_for(reporter).get("/api/users/me/export/").json()
    assert [(r["id"], r["notes"], r["city"]) for r in body["litter_reports"]] == [
        (mine.id, "Sacos de lixo na areia", "Rio de Janeiro")
    ]
    assert [c["report_id"] for c in body["litter_confirmations"]] == [theirs.id]
    other_body = client_for(other).get("/api/users/me/export/").json()
    assert [r["id"] for r in other_body["litter_reports"]] == [theirs.id] and other_body["litter_confirmations"] == []
