from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from mutiroes.core.tests.refusals import assert_refused
from mutiroes.events.models import Event
from mutiroes.impact import services
from mutiroes.impact.models import CO2eFactorSet, ImpactReport
from mutiroes.notifications.models import Notification

REPORT = {
    "materials_kg": {"plastic": "12.50", "glass": "4", "metal": "1.5", "paper": "2", "organic": "3", "landfill": "7"},
    "bags": 9,
    "trees_planted": 0,
    "area_m2": "1500",
    "summary": "Praia limpa.",
    "achievements": "Muita gente nova.",
    "challenges": "Chuva.",
}


@pytest.fixture
def held(past_event, make_user, attend):
    event = past_event()
    attend(event, make_user(), "3.00")
    attend(event, make_user(), "2.50")
    attend(event, make_user(), None)  # checked in, never out: counts as a volunteer, no hours
    return event


def test_organizer_files_report_with_derived_figures(client_for, organizer, held):
    response = client_for(organizer).put(f"/api/events/{held.id}/report/", REPORT, format="json")
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["materials_kg"] == {
        "plastic": "12.50",
        "glass": "4.00",
        "metal": "1.50",
        "paper": "2.00",
        "organic": "3.00",
        "landfill": "7.00",
        "other": "0.00",
    }
    factors = CO2eFactorSet.objects.get(is_current=True)
    co2e = (
        Decimal("12.5") * factors.plastic
        + 4 * factors.glass
        + Decimal("1.5") * factors.metal
        + 2 * factors.paper
        + 3 * factors.organic
        + 7 * factors.landfill
    ).quantize(Decimal("0.01"))
    assert body["derived"] == {
        "total_kg": "30.00",
        "recyclable_kg": "20.00",
        "diverted_kg": "23.00",
        "co2e_avoided_kg": str(co2e),
        "volunteers": 3,
        "volunteer_hours": "5.50",
    }
    assert body["co2e_factors"]["version"] == factors.version
    assert body["co2e_factors"]["source"].startswith("U.S. EPA")
    assert body["is_public"] is True and body["published_at"]
    report = ImpactReport.objects.get(event=held)
    assert (report.total_kg, report.diverted_kg, report.filed_by_id) == (
        Decimal("30.00"),
        Decimal("23.00"),
        organizer.id,
    )


def test_derived_figures_cannot_be_typed(client_for, organizer, held):
    body = {**REPORT, "total_kg": "999", "derived": {"total_kg": "999"}, "volunteers": 500}
    response = client_for(organizer).put(f"/api/events/{held.id}/report/", body, format="json")
    assert response.status_code == 200
    assert response.json()["derived"]["total_kg"] == "30.00"
    assert response.json()["derived"]["volunteers"] == 3


@pytest.mark.parametrize(
    "change",
    [
        {"materials_kg": {"plastic": "-1"}},
        {"materials_kg": {"plastic": "abc"}},
        {"bags": -2},
        {"area_m2": "-10"},
        {"summary": "x" * 5001},
        {"materials_kg": "lots"},
    ],
)
def test_bad_report_is_refused_and_nothing_stored(client_for, organizer, held, change):
    response = client_for(organizer).put(f"/api/events/{held.id}/report/", {**REPORT, **change}, format="json")
    assert_refused(response, 400, "invalid", "Dados inválidos. Confira os campos.")
    assert response.json()["code"] == "invalid" and response.json()["errors"]
    assert not ImpactReport.objects.exists()


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"materials_kg": {"plastic": "-5"}}, "materials_kg.plastic", "Informe um valor maior ou igual a 0."),
        ({"materials_kg": {"plastic": "abc"}}, "materials_kg.plastic", "Um número válido é necessário."),
        ({"trees_planted": 2.5}, "trees_planted", "Esperado: um número inteiro."),
        ({"area_m2": "1.500,5"}, "area_m2", "Um número válido é necessário."),
    ],
)
def test_bad_numbers_refused_on_their_field_in_portuguese(client_for, organizer, held, change, field, message):
    response = client_for(organizer).put(f"/api/events/{held.id}/report/", {**REPORT, **change}, format="json")
    assert_refused(response, 400, "invalid", "Dados inválidos. Confira os campos.")
    assert response.json()["errors"] == {field: [message]}
    assert not ImpactReport.objects.exists()


def test_service_refuses_negative_kilos_too(organizer, held):
    from mutiroes.core.exceptions import ApplicationError

    with pytest.raises(ApplicationError):
        services.report_save(event_id=held.id, user=organizer, data={"materials_kg": {"glass": Decimal("-0.01")}})
    assert not ImpactReport.objects.exists()


def test_report_on_someone_elses_event_is_forbidden(client_for, make_user, held):
    participant = held.participations.first().user
    for who in (make_user(), participant):
        response = client_for(who).put(f"/api/events/{held.id}/report/", REPORT, format="json")
        assert_refused(response, 403, "permission_denied", "Só a organização pode gerenciar este mutirão.")
    assert_refused(
        client_for(None).put(f"/api/events/{held.id}/report/", REPORT, format="json"),
        401,
        "not_authenticated",
        "As credenciais de autenticação não foram fornecidas.",
    )
    assert not ImpactReport.objects.exists()


def test_staff_and_co_organizers_may_file(client_for, staff, make_user, held):
    co = make_user()
    held.co_organizers.add(co)
    assert client_for(co).put(f"/api/events/{held.id}/report/", REPORT, format="json").status_code == 200
    assert client_for(staff).put(f"/api/events/{held.id}/report/", REPORT, format="json").status_code == 200
    assert ImpactReport.objects.count() == 1


def test_report_only_once_started(client_for, organizer, make_event, past_event):
    future = make_event()
    response = client_for(organizer).put(f"/api/events/{future.id}/report/", REPORT, format="json")
    assert (response.status_code, response.json()["code"]) == (409, "event_not_started")
    cancelled = past_event(status=Event.Status.CANCELLED)
    response = client_for(organizer).put(f"/api/events/{cancelled.id}/report/", REPORT, format="json")
    assert (response.status_code, response.json()["code"]) == (409, "event_not_held")
    assert not ImpactReport.objects.exists()


def test_draft_of_someone_else_is_not_found(client_for, make_user, past_event):
    draft = past_event(status=Event.Status.DRAFT)
    assert_refused(
        client_for(make_user()).put(f"/api/events/{draft.id}/report/", REPORT, format="json"),
        404,
        "not_found",
        "Mutirão não encontrado.",
    )
    assert_refused(client_for(None).get(f"/api/events/{draft.id}/report/"), 404, "not_found", "Mutirão não encontrado.")


def test_report_during_event_is_private_until_completed(client_for, organizer, make_user, past_event):
    running = past_event(days_ago=0, status=Event.Status.PUBLISHED)
    assert client_for(organizer).put(f"/api/events/{running.id}/report/", REPORT, format="json").status_code == 200
    assert_refused(
        client_for(None).get(f"/api/events/{running.id}/report/"),
        404,
        "report_not_found",
        "Este mutirão ainda não tem relatório de impacto publicado.",
    )
    assert_refused(
        client_for(make_user()).get(f"/api/events/{running.id}/report/"),
        404,
        "report_not_found",
        "Este mutirão ainda não tem relatório de impacto publicado.",
    )
    mine = client_for(organizer).get(f"/api/events/{running.id}/report/")
    assert mine.status_code == 200
    assert (mine.json()["is_public"], mine.json()["published_at"]) == (False, None)
    Event.objects.filter(pk=running.pk).update(status=Event.Status.COMPLETED)
    public = client_for(None).get(f"/api/events/{running.id}/report/")
    assert public.status_code == 200 and public.json()["is_public"] is True


def test_no_report_yet_is_not_found(api, held):
    response = api.get(f"/api/events/{held.id}/report/")
    assert (response.status_code, response.json()["code"]) == (404, "report_not_found")


def test_editing_keeps_one_report_and_its_factor_version(client_for, organizer, held):
    client = client_for(organizer)
    client.put(f"/api/events/{held.id}/report/", REPORT, format="json")
    old = CO2eFactorSet.objects.get(is_current=True)
    CO2eFactorSet.objects.filter(pk=old.pk).update(is_current=False)
    CO2eFactorSet.objects.create(
        version="v2",
        source="Teste",
        valid_from=timezone.localdate(),
        is_current=True,
        **{m: Decimal("9") for m in ["plastic", "glass", "metal", "paper", "organic", "landfill", "other"]},
    )
    response = client.put(f"/api/events/{held.id}/report/", {"materials_kg": {"glass": "10"}}, format="json")
    assert response.status_code == 200
    assert response.json()["derived"]["total_kg"] == "10.00"
    assert response.json()["co2e_factors"]["version"] == old.version
    assert ImpactReport.objects.get().factor_set == old


def test_first_publication_notifies_participants_once(client_for, organizer, held, django_capture_on_commit_callbacks):
    client = client_for(organizer)
    with django_capture_on_commit_callbacks(execute=True):
        client.put(f"/api/events/{held.id}/report/", REPORT, format="json")
    published = Notification.objects.filter(kind=Notification.Kind.REPORT_PUBLISHED, event=held)
    assert published.count() == 3
    first = ImpactReport.objects.get().published_at
    with django_capture_on_commit_callbacks(execute=True):
        client.put(f"/api/events/{held.id}/report/", {**REPORT, "bags": 10}, format="json")
    assert published.count() == 3
    assert ImpactReport.objects.get().published_at == first


def test_report_filed_early_is_published_when_the_event_completes(
    organizer, past_event, attend, make_user, django_capture_on_commit_callbacks
):
    running = past_event(days_ago=0, status=Event.Status.PUBLISHED)
    attend(running, make_user())
    services.report_save(event_id=running.id, user=organizer, data={"materials_kg": {"plastic": Decimal("1")}})
    assert services.events_complete_due() == 0
    assert ImpactReport.objects.get().published_at is None
    after_the_end = running.end + timedelta(minutes=1)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.events_complete_due(now=after_the_end) == 1
    assert services.events_complete_due(now=after_the_end) == 0
    assert Event.objects.get(pk=running.pk).status == Event.Status.COMPLETED
    assert ImpactReport.objects.get().published_at == after_the_end
    assert Notification.objects.filter(kind=Notification.Kind.REPORT_PUBLISHED).count() == 1


def test_database_refuses_negative_kilos(held):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        ImpactReport.objects.create(
            event=held, factor_set=CO2eFactorSet.objects.get(is_current=True), metal_kg=Decimal("-1")
        )


def test_one_current_factor_set(db):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        CO2eFactorSet.objects.create(
            version="x",
            source="x",
            valid_from=timezone.localdate() - timedelta(days=1),
            is_current=True,
            **dict.fromkeys(["plastic", "glass", "metal", "paper", "organic", "landfill", "other"], 0),
        )


def test_the_materials_are_listed_once_with_their_labels(api):
    response = api.get("/api/materials/")
    assert response.status_code == 200
    assert response.json() == [
        {"key": "plastic", "label": "Plástico"},
        {"key": "glass", "label": "Vidro"},
        {"key": "metal", "label": "Metal"},
        {"key": "paper", "label": "Papel/papelão"},
        {"key": "organic", "label": "Orgânico"},
        {"key": "landfill", "label": "Rejeito"},
        {"key": "other", "label": "Outros"},
    ]
    schema = api.get("/api/schema/?format=json").json()["components"]["schemas"]
    assert list(schema["MaterialsKg"]["properties"]) == [m["key"] for m in response.json()]
