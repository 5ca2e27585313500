"""A report's life: a mutirão organized from it, cleaned after its impact report (with the
after-photos, the reporter and confirmers told), the 30-day re-survey, reopening with history."""

import io
from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.utils import timezone

from mutiroes.community import services as community
from mutiroes.core.tests.refusals import assert_refused
from mutiroes.events.models import Event
from mutiroes.litter import selectors, services
from mutiroes.litter.models import LitterHistory, LitterReport
from mutiroes.litter.tests.conftest import jpeg, upload
from mutiroes.notifications.models import Notification

pytestmark = pytest.mark.django_db


def _schedule(client, event, *report_ids):
    return client.post(f"/api/events/{event.id}/litter-reports/", {"report_ids": list(report_ids)}, format="json")


def _hold(event: Event) -> None:
    """The mutirão took place: it started and ended a few hours ago."""
    start = timezone.now() - timedelta(hours=5)
    Event.objects.filter(pk=event.pk).update(start=start, registration_deadline=start, end=start + timedelta(hours=3))


def _file_report(client, event, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.put(f"/api/events/{event.id}/report/", {"materials_kg": {"plastic": "12.5"}}, format="json")
    assert response.status_code == 200, response.json()


def test_organizer_creates_a_mutirao_from_reports(client_for, api, make_report, upcoming, organizer, make_user):
    first, second = make_report(), make_report(latitude=-22.98)
    response = _schedule(client_for(organizer), upcoming, first.id, second.id)
    assert response.status_code == 200, response.json()
    assert [r["id"] for r in response.json()] == [first.id, second.id]
    shown = api.get(f"/api/litter-reports/{first.id}/").json()
    assert shown["scheduled_event"] == {
        "id": upcoming.id,
        "title": "Limpeza do ponto",
        "start": shown["scheduled_event"]["start"],
    }
    assert [h["kind"] for h in shown["history"]] == ["reported", "scheduled"]
    assert [r["id"] for r in api.get(f"/api/events/{upcoming.id}/litter-reports/").json()] == [first.id, second.id]
    # Again: nothing new.
    assert _schedule(client_for(organizer), upcoming, first.id).status_code == 200
    assert LitterHistory.objects.filter(kind="scheduled").count() == 2


def test_only_the_organizer_schedules_and_a_scheduled_report_stays_with_its_mutirao(
    client_for, make_report, upcoming, make_event, make_user
):
    report = make_report()
    stranger = make_user()
    response = _schedule(client_for(stranger), upcoming, report.id)
    assert_refused(response, 403, "permission_denied", "Só a organização pode gerenciar este mutirão.")
    assert LitterReport.objects.get().event is None
    other_event = make_event(organizer=stranger, title="Outro")
    services.reports_schedule(event_id=upcoming.id, user=upcoming.organizer, report_ids=[report.id])
    response = _schedule(client_for(stranger), other_event, report.id)
    assert_refused(response, 409, "already_scheduled", f"O ponto #{report.id} já tem um mutirão marcado.")
    assert LitterReport.objects.get().event == upcoming
    # Once that mutirão is cancelled, another may take the report.
    Event.objects.filter(pk=upcoming.pk).update(status=Event.Status.CANCELLED)
    assert _schedule(client_for(stranger), other_event, report.id).status_code == 200
    assert LitterReport.objects.get().event == other_event


def test_unknown_or_past_reports_and_past_mutiroes_are_refused(client_for, make_report, upcoming, organizer):
    report = make_report()
    response = _schedule(client_for(organizer), upcoming, report.id, 999999)
    assert response.status_code == 400 and response.json()["code"] == "unknown_report"
    _hold(upcoming)
    response = _schedule(client_for(organizer), upcoming, report.id)
    assert_refused(
        response, 409, "event_not_upcoming", "Só um mutirão que ainda vai acontecer pode receber pontos de lixo."
    )
    assert not LitterHistory.objects.filter(kind="scheduled").exists()


def test_after_the_impact_report_the_places_are_cleaned_with_after_photos_and_people_told(
    client_for, api, make_report, upcoming, organizer, make_user, django_capture_on_commit_callbacks
):
    reporter, confirmer = make_user(), make_user()
    report = make_report(reporter=reporter)
    services.report_confirm(report_id=report.id, user=confirmer, uploads=[])
    services.reports_schedule(event_id=upcoming.id, user=organizer, report_ids=[report.id])
    _hold(upcoming)
    after = community.photo_create(
        event_id=upcoming.id,
        user=organizer,
        upload=io.BytesIO(jpeg()),
        size=len(jpeg()),
        stage="after",
        caption="Limpo!",
    )
    community.photo_create(
        event_id=upcoming.id, user=organizer, upload=io.BytesIO(jpeg()), size=len(jpeg()), stage="before"
    )
    _file_report(client_for(organizer), upcoming, django_capture_on_commit_callbacks)

    body = api.get(f"/api/litter-reports/{report.id}/").json()
    assert body["status"] == "cleaned" and body["cleaned_at"] is not None
    assert body["scheduled_event"] is None
    assert [(p["id"], p["caption"], p["event_id"]) for p in body["after_photos"]] == [(after.id, "Limpo!", upcoming.id)]
    assert [h["kind"] for h in body["history"]] == ["reported", "confirmed", "scheduled", "cleaned"]
    assert body["history"][-1]["event"]["id"] == upcoming.id
    told = Notification.objects.filter(kind="litter_cleaned")
    assert sorted(told.values_list("user_id", flat=True)) == sorted([reporter.id, confirmer.id])
    assert {n.url for n in told} == {f"/pontos/{report.id}"}
    assert told.first().title == "Um ponto que você registrou foi limpo"
    stored = LitterReport.objects.get()
    assert stored.resurvey_due_at == stored.cleaned_at + timedelta(days=30)
    # The task and beat's safety net run again: nothing changes, nobody is told twice.
    assert services.reports_close_for_event(event_id=upcoming.id) == 0
    assert services.reports_close_due() == 0
    assert told.count() == 2 and LitterHistory.objects.filter(kind="cleaned").count() == 1
    assert api.get("/api/litter-reports/").json()["count"] == 0
    assert api.get("/api/litter-reports/?status=cleaned").json()["count"] == 1


def test_beat_closes_reports_whose_task_was_lost(make_report, upcoming, organizer, past_report):
    report = make_report()
    services.reports_schedule(event_id=upcoming.id, user=organizer, report_ids=[report.id])
    _hold(upcoming)
    past_report(upcoming)  # published without the task running
    assert LitterReport.objects.get().status == "open"
    assert services.reports_close_due() == 1
    assert LitterReport.objects.get().status == "cleaned"


def test_a_report_is_not_closed_before_the_impact_report_is_published(make_report, upcoming, organizer):
    report = make_report()
    services.reports_schedule(event_id=upcoming.id, user=organizer, report_ids=[report.id])
    assert services.reports_close_for_event(event_id=upcoming.id) == 0
    assert services.reports_close_due() == 0
    assert LitterReport.objects.get(pk=report.pk).status == "open"


@pytest.fixture
def past_report(organizer):
    from mutiroes.impact.models import CO2eFactorSet, ImpactReport

    def make(event: Event) -> ImpactReport:
        Event.objects.filter(pk=event.pk).update(status=Event.Status.COMPLETED)
        return ImpactReport.objects.create(
            event=event,
            factor_set=CO2eFactorSet.objects.get(is_current=True),
            filed_by=organizer,
            published_at=timezone.now(),
        )

    return make


@pytest.fixture
def cleaned(make_report, upcoming, organizer, make_user, past_report):
    reporter = make_user()
    report = make_report(reporter=reporter)
    services.reports_schedule(event_id=upcoming.id, user=organizer, report_ids=[report.id])
    _hold(upcoming)
    past_report(upcoming)
    services.reports_close_for_event(event_id=upcoming.id)
    report.refresh_from_db()
    return report


def test_the_resurvey_is_asked_once_30_days_after_the_cleanup(cleaned, organizer):
    now = cleaned.cleaned_at
    assert services.resurveys_ask(now=now + timedelta(days=29)) == 0
    assert not Notification.objects.filter(kind="litter_resurvey").exists()
    assert services.resurveys_ask(now=now + timedelta(days=30)) == 1
    asked = Notification.objects.filter(kind="litter_resurvey")
    assert sorted(asked.values_list("user_id", flat=True)) == sorted([cleaned.reporter_id, organizer.id])
    assert asked.first().title == "O ponto continua limpo?"
    # Beat runs again (or twice at once): nobody is asked twice.
    assert services.resurveys_ask(now=now + timedelta(days=31)) == 0
    assert asked.count() == 2


def test_the_resurvey_task_is_idempotent_even_if_the_claim_is_lost(cleaned):
    """A second run after a crash between the claim and the notifications dedupes by key."""
    now = cleaned.cleaned_at + timedelta(days=30)
    services.resurveys_ask(now=now)
    LitterReport.objects.filter(pk=cleaned.pk).update(resurvey_asked_at=None)  # the claim "lost"
    assert services.resurveys_ask(now=now) == 1
    assert Notification.objects.filter(kind="litter_resurvey").count() == 2


def test_dirty_again_reopens_the_report_with_its_history(client_for, api, cleaned, make_user):
    reporter = cleaned.reporter
    url = f"/api/litter-reports/{cleaned.id}/resurvey/"
    early = client_for(reporter).post(url, {"still_clean": "false"}, format="multipart")
    assert_refused(early, 409, "resurvey_not_due", "Este ponto não está aguardando revistoria.")
    services.resurveys_ask(now=cleaned.cleaned_at + timedelta(days=30))
    stranger = client_for(make_user()).post(url, {"still_clean": "false"}, format="multipart")
    assert_refused(
        stranger, 403, "permission_denied", "Só quem registrou o ponto ou organizou a limpeza pode revistoriá-lo."
    )
    assert LitterReport.objects.get().status == "cleaned"
    detail = client_for(reporter).get(f"/api/litter-reports/{cleaned.id}/").json()
    assert detail["awaiting_resurvey"] is True and detail["can_resurvey"] is True
    response = client_for(reporter).post(url, {"still_clean": "false", "images": [upload("brown")]}, format="multipart")
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["status"] == "open" and body["scheduled_event"] is None and body["cleaned_at"] is None
    assert [h["kind"] for h in body["history"]] == ["reported", "scheduled", "cleaned", "reopened"]
    assert body["photos"][-1]["stage"] == "resurvey"
    assert len(body["after_photos"]) == 0  # the mutirão posted none
    stored = LitterReport.objects.get()
    assert (stored.event, stored.resurvey_due_at, stored.resurvey_asked_at) == (None, None, None)
    assert api.get("/api/litter-reports/").json()["count"] == 1  # back on the map


def test_still_clean_is_recorded_once_by_the_organizer(client_for, cleaned, organizer):
    services.resurveys_ask(now=cleaned.cleaned_at + timedelta(days=30))
    url = f"/api/litter-reports/{cleaned.id}/resurvey/"
    response = client_for(organizer).post(url, {"still_clean": "true"}, format="multipart")
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "cleaned" and response.json()["awaiting_resurvey"] is False
    assert [h["kind"] for h in response.json()["history"]][-1] == "still_clean"
    again = client_for(cleaned.reporter).post(url, {"still_clean": "false"}, format="multipart")
    assert_refused(again, 409, "resurvey_not_due", "Este ponto não está aguardando revistoria.")
    assert services.resurveys_ask(now=cleaned.cleaned_at + timedelta(days=90)) == 0
    assert LitterReport.objects.get().status == "cleaned"


def test_per_place_history_lists_the_other_reports_of_the_place(api, cleaned, make_report):
    newer = make_report()  # the place is dirty again, reported anew next to the cleaned one
    body = api.get(f"/api/litter-reports/{newer.id}/").json()
    assert [(r["id"], r["status"]) for r in body["place_history"]] == [(cleaned.id, "cleaned")]


def test_the_map_box_is_served_by_the_partial_coordinates_index(make_report):
    for i in range(30):
        make_report(latitude=-30 + i * 0.5, longitude=-55 + i * 0.3)
    box = selectors.Bbox(min_lat=-23.1, min_lng=-43.3, max_lat=-22.9, max_lng=-43.1)
    queryset = selectors.report_list(filters=selectors.ReportFilters(bbox=box))[:100]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("ANALYZE litter_litterreport")
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = queryset.explain()
    assert "litter_open_lat_lng_idx" in plan, plan
    assert "Seq Scan on litter_litterreport" not in plan, plan


def test_the_cleanup_and_resurvey_emails_are_sent(cleaned, mailoutbox):
    from mutiroes.notifications.services import outbox_sweep

    services.resurveys_ask(now=cleaned.cleaned_at + timedelta(days=30))
    outbox_sweep(now=timezone.now() + timedelta(hours=1))
    subjects = sorted(m.subject for m in mailoutbox)
    assert "Mutirões: Um ponto que você registrou foi limpo" in subjects
    assert subjects.count("Mutirões: O ponto continua limpo?") == 2
    cleaned_mail = next(m for m in mailoutbox if m.subject.endswith("foi limpo"))
    assert f"/pontos/{cleaned.id}" in cleaned_mail.body and "limpou o ponto em Rio de Janeiro" in cleaned_mail.body
    assert Notification.objects.filter(kind__startswith="litter_", email_status="sent").count() == 3
