import io
import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone
from pypdf import PdfReader

from mutiroes.core.tests.refusals import assert_refused
from mutiroes.events import services as event_services
from mutiroes.events.models import Category, Event, Participation
from mutiroes.impact import selectors, services
from mutiroes.impact.models import Certificate, UserBadge


def _codes(user) -> set[str]:
    return set(UserBadge.objects.filter(user=user).values_list("code", flat=True))


def test_badges_are_awarded_once(user, past_event, attend):
    attend(past_event(), user, "6.00")
    assert services.badges_award(user_id=user.id) == ["first_mutirao"]
    assert services.badges_award(user_id=user.id) == []
    assert UserBadge.objects.filter(user=user).count() == 1
    attend(past_event(days_ago=5), user, "6.00")
    assert services.badges_award(user_id=user.id) == ["hours_10"]
    assert _codes(user) == {"first_mutirao", "hours_10"}
    badge = UserBadge.objects.get(user=user, code="first_mutirao")
    assert badge.awarded_at <= timezone.now()


def test_database_keeps_a_badge_unique(user):
    UserBadge.objects.create(user=user, code="first_mutirao", awarded_at=timezone.now())
    with pytest.raises(IntegrityError), transaction.atomic():
        UserBadge.objects.create(user=user, code="first_mutirao", awarded_at=timezone.now())


def test_attendance_badges(user, past_event, attend):
    for days in range(1, 21):
        attend(past_event(days_ago=days), user, "3.00")
    services.badges_award(user_id=user.id)
    assert {"first_mutirao", "mutiroes_5", "mutiroes_20", "hours_10", "hours_50"} <= _codes(user)


def test_organizer_and_impact_badges(organizer, user, past_event, attend, make_user):
    categories = list(Category.objects.all()[:3])
    for index, category in enumerate(categories * 2):
        event = past_event(days_ago=index + 1, category=category)
        attend(event, user, "1.00")
        services.report_save(
            event_id=event.id, user=organizer, data={"materials_kg": {"plastic": Decimal("20")}, "trees_planted": 2}
        )
    services.badges_award(user_id=organizer.id)
    assert _codes(organizer) == {"first_organized", "organized_5"}
    services.badges_award(user_id=user.id)
    assert {"kg_100", "trees_10", "categories_3", "mutiroes_5"} <= _codes(user)
    assert "organized_5" not in _codes(user)


def test_drafts_and_future_events_earn_nothing(organizer, make_event):
    make_event(status=Event.Status.DRAFT)
    make_event()
    assert services.badges_award(user_id=organizer.id) == []


def test_completion_awards_the_badges_of_who_attended(
    organizer, user, make_user, make_event, django_capture_on_commit_callbacks
):
    start = timezone.now() - timedelta(minutes=30)
    event = make_event(start=start, end=start + timedelta(hours=3))
    participation = Participation.objects.create(event=event, user=user, status=Participation.Status.CONFIRMED)
    absent = make_user()
    Participation.objects.create(event=event, user=absent, status=Participation.Status.CONFIRMED)
    with django_capture_on_commit_callbacks(execute=True):
        event_services.participation_check_in(event_id=event.id, user=organizer, participation_id=participation.id)
    assert _codes(user) == set()  # attended means: checked in at a mutirão that took place
    with django_capture_on_commit_callbacks(execute=True):
        assert services.event_complete(event_id=event.id, now=event.end) is True
    assert _codes(user) == {"first_mutirao"}
    assert _codes(organizer) == {"first_organized"}
    assert _codes(absent) == set()
    assert services.event_complete(event_id=event.id, now=event.end) is False


def test_a_mutirao_is_completed_only_once_it_is_over(make_event):
    running = make_event(start=timezone.now() - timedelta(hours=1))
    cancelled = make_event(start=timezone.now() - timedelta(hours=9), status=Event.Status.CANCELLED)
    assert services.event_complete(event_id=running.id) is False
    assert services.event_complete(event_id=cancelled.id, now=cancelled.end) is False
    assert services.event_complete(event_id=running.id, now=running.end) is True
    assert list(Event.objects.order_by("id").values_list("status", flat=True)) == ["completed", "cancelled"]


def test_attended_counts_only_check_ins_at_mutiroes_that_took_place(user, past_event, attend):
    attend(past_event(days_ago=3, reported=True), user, "2.00")
    attend(past_event(days_ago=0, status=Event.Status.PUBLISHED), user, "1.00")
    attend(past_event(days_ago=1, status=Event.Status.CANCELLED), user, "1.00")
    stats = selectors.user_impact_stats(user=user)
    assert (stats["events_attended"], stats["volunteer_hours"]) == (1, Decimal("2.00"))
    assert [p.hours for p in selectors.user_attended_participations(user=user)] == [Decimal("2.00")]


def test_report_publication_awards_the_organizer(client_for, organizer, past_event, django_capture_on_commit_callbacks):
    event = past_event()
    with django_capture_on_commit_callbacks(execute=True):
        client_for(organizer).put(f"/api/events/{event.id}/report/", {"materials_kg": {}}, format="json")
    assert _codes(organizer) == {"first_organized"}


def test_my_stats_and_public_profile(api, client_for, organizer, user, past_event, attend):
    event = past_event()
    attend(event, user, "2.75")
    services.report_save(
        event_id=event.id, user=organizer, data={"materials_kg": {"glass": Decimal("8.5")}, "trees_planted": 3}
    )
    services.badges_award(user_id=user.id)
    body = client_for(user).get("/api/users/me/stats/").json()
    assert {k: v for k, v in body.items() if k != "badges"} == {
        "events_attended": 1,
        "volunteer_hours": "2.75",
        "kg_collected": "8.50",
        "trees_planted": 3,
        "categories_attended": 1,
        "events_organized": 0,
        "events_organized_completed": 0,
    }
    (badge,) = body["badges"]
    assert (badge["code"], badge["name"]) == ("first_mutirao", "Primeiro mutirão")
    assert badge["awarded_at"]
    type(user).objects.filter(pk=user.pk).update(is_public=True)  # profiles are private until opted in
    profile = api.get(f"/api/users/{user.id}/").json()
    assert profile["stats"]["kg_collected"] == "8.50"
    assert [b["code"] for b in profile["stats"]["badges"]] == ["first_mutirao"]
    assert_refused(
        api.get("/api/users/me/stats/"),
        401,
        "not_authenticated",
        "As credenciais de autenticação não foram fornecidas.",
    )


# ---------------------------------------------------------------- certificates
def _pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_certificate_hours_equal_the_checked_in_hours(client_for, user, past_event, attend, make_event):
    attend(past_event(days_ago=10, title="Limpeza do Rio Tietê", reported=True), user, "3.25")
    attend(past_event(days_ago=4, title="Plantio no Parque", reported=True), user, "2.50")
    attend(past_event(days_ago=1, title="Sem saída", reported=True), user, None)  # checked in, hours not recorded
    Participation.objects.create(event=make_event(), user=user, status=Participation.Status.CONFIRMED)
    response = client_for(user).get("/api/users/me/certificate.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = _pdf_text(response.content)
    expected = sum(
        Participation.objects.filter(user=user, checked_in_at__isnull=False)
        .values_list("hours", flat=True)
        .exclude(hours=None),
        Decimal("0"),
    )
    assert expected == Decimal("5.75")
    assert "Certificado de horas de voluntariado" in text
    assert "5,75 horas" in text
    assert "Limpeza do Rio Tietê" in text and "Plantio no Parque" in text and "Sem saída" not in text
    code = response["X-Certificate-Code"]
    assert code in text
    certificate = Certificate.objects.get(code=code)
    assert (certificate.hours, certificate.events_count, certificate.user_id) == (expected, 2, user.id)
    assert re.fullmatch(r"[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}", code)


def test_certificate_is_reused_until_hours_change(client_for, user, past_event, attend):
    attend(past_event(days_ago=3, reported=True), user, "2.00")
    client = client_for(user)
    first = client.get("/api/users/me/certificate.pdf")["X-Certificate-Code"]
    assert client.get("/api/users/me/certificate.pdf")["X-Certificate-Code"] == first
    attend(past_event(days_ago=1, reported=True), user, "1.00")
    assert client.get("/api/users/me/certificate.pdf")["X-Certificate-Code"] != first
    assert Certificate.objects.count() == 2


def test_certificate_needs_hours_and_a_login(api, client_for, user):
    response = client_for(user).get("/api/users/me/certificate.pdf")
    assert (response.status_code, response.json()["code"]) == (409, "no_hours")
    assert_refused(
        api.get("/api/users/me/certificate.pdf"),
        401,
        "not_authenticated",
        "As credenciais de autenticação não foram fornecidas.",
    )
    assert not Certificate.objects.exists()


def test_public_verification_exposes_no_private_data(api, client_for, user, past_event, attend):
    user.birth_date = timezone.localdate() - timedelta(days=365 * 30)
    user.save()
    participation = attend(past_event(reported=True), user, "4.00")
    Participation.objects.filter(pk=participation.pk).update(emergency_contact="Mãe 21 99999-0000")
    code = client_for(user).get("/api/users/me/certificate.pdf")["X-Certificate-Code"]
    response = api.get(f"/api/certificates/{code.lower()}/")
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {
        "code",
        "valid",
        "holder_name",
        "hours",
        "events_count",
        "first_event_on",
        "last_event_on",
        "issued_at",
        "revoked_at",
        "events",
    }
    legal_name = f"{user.first_name} {user.last_name}"
    assert (body["valid"], body["holder_name"], body["hours"], body["events_count"]) == (True, legal_name, "4.00", 1)
    raw = response.content.decode()
    assert user.email not in raw and "99999" not in raw and str(user.id) not in body.values()
    missing = api.get("/api/certificates/AAAA-BBBB-CCCC/")
    assert (missing.status_code, missing.json()["code"]) == (404, "certificate_not_found")


def test_a_forged_certificate_no_longer_works(api, client_for, make_user, make_event):
    """Two free accounts: A creates a 14-day mutirão, checks B in and out for 336 hours; B sets any
    display name and downloads a certificate; A cancels; verification used to say valid."""
    a, b = make_user(), make_user(first_name="Bruno", last_name="Souza", display_name="Prefeitura Municipal")
    start = timezone.now() - timedelta(days=15)
    event = make_event(organizer=a, start=start, end=start + timedelta(days=14), status=Event.Status.PUBLISHED)
    Participation.objects.create(
        event=event,
        user=b,
        status=Participation.Status.CONFIRMED,
        checked_in_at=start,
        checked_out_at=event.end,
        hours=Decimal("336.00"),
    )
    # a mutirão that is not completed with a published report certifies nothing
    refused = client_for(b).get("/api/users/me/certificate.pdf")
    assert (refused.status_code, refused.json()["code"]) == (409, "no_hours")
    event_services.event_cancel(event_id=event.id, user=a)
    assert client_for(b).get("/api/users/me/certificate.pdf").status_code == 409
    assert not Certificate.objects.exists()


def test_certified_hours_are_capped_per_day(client_for, user, past_event, attend):
    eight = timezone.localtime(timezone.now()).replace(hour=8, minute=0, second=0, microsecond=0)
    long = past_event(reported=True, title="Três dias")
    Event.objects.filter(pk=long.pk).update(
        start=eight - timedelta(days=20),
        end=eight - timedelta(days=18) + timedelta(hours=10),
        registration_deadline=eight - timedelta(days=21),
    )  # 08:00 on day 1 to 18:00 on day 3: three days, at most 36 h
    long.refresh_from_db()
    attend(long, user, "58.00")
    for i in range(2):  # two 10-hour shifts on one day: at most 12 h in all
        shift = past_event(reported=True, title=f"Turno {i}")
        Event.objects.filter(pk=shift.pk).update(
            start=eight - timedelta(days=5),
            end=eight - timedelta(days=5, hours=-10),
            registration_deadline=eight - timedelta(days=6),
        )
        shift.refresh_from_db()
        attend(shift, user, "10.00")
    response = client_for(user).get("/api/users/me/certificate.pdf")
    certificate = Certificate.objects.get(code=response["X-Certificate-Code"])
    assert [item["hours"] for item in certificate.items] == ["36.00", "10.00", "2.00"]
    assert certificate.hours == Decimal("48.00")  # 36 + 10 + 2


def test_the_certificate_carries_the_legal_name(client_for, make_user, past_event, attend):
    person = make_user(first_name="Ana", last_name="", display_name="Ana Dra. Honoris Causa")
    attend(past_event(reported=True), person, "3.00")
    refused = client_for(person).get("/api/users/me/certificate.pdf")
    assert (refused.status_code, refused.json()["code"]) == (409, "name_required")
    person.last_name = "Pereira"
    person.save()
    response = client_for(person).get("/api/users/me/certificate.pdf")
    text = _pdf_text(response.content)
    assert "Ana Pereira" in text and "Honoris" not in text


def test_verification_lists_what_it_covers_and_revokes_what_no_longer_stands(
    api, client_for, user, organizer, past_event, attend
):
    kept = attend(past_event(days_ago=9, reported=True, title="Limpeza da Lagoa"), user, "3.00")
    corrected = attend(past_event(days_ago=3, reported=True, title="Plantio na Serra"), user, "4.00")
    code = client_for(user).get("/api/users/me/certificate.pdf")["X-Certificate-Code"]
    body = api.get(f"/api/certificates/{code}/").json()
    assert body["valid"] is True and body["revoked_at"] is None
    assert body["events"] == [
        {
            "title": "Limpeza da Lagoa",
            "date": timezone.localtime(kept.event.start).date().isoformat(),
            "organizer": organizer.name,
            "hours": "3.00",
        },
        {
            "title": "Plantio na Serra",
            "date": timezone.localtime(corrected.event.start).date().isoformat(),
            "organizer": organizer.name,
            "hours": "4.00",
        },
    ]
    Participation.objects.filter(pk=corrected.pk).update(hours=Decimal("1.00"))  # the organizer corrected them
    revoked = api.get(f"/api/certificates/{code}/").json()
    assert revoked["valid"] is False and revoked["revoked_at"] is not None
    certificate = Certificate.objects.get(code=code)  # kept, marked
    assert certificate.revoked_at is not None and certificate.hours == Decimal("7.00")
    # a new certificate states what stands now
    fresh = client_for(user).get("/api/users/me/certificate.pdf")["X-Certificate-Code"]
    assert fresh != code and Certificate.objects.get(code=fresh).hours == Decimal("4.00")
