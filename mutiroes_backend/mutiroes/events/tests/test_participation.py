import csv
import io
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone

from mutiroes.core.tests.refusals import assert_refused
from mutiroes.events import services
from mutiroes.events.models import Event, Participation
from mutiroes.notifications.models import Notification

pytestmark = pytest.mark.django_db
Status = Participation.Status


def join(client, event, **body):
    return client.post(f"/api/events/{event.id}/join/", body, format="json")


def test_join_confirms_and_counts(client_for, user, event, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = join(client_for(user), event, emergency_contact="Mãe: (21) 99999-0000", notes="Asma")
    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "confirmed"
    assert body["user"] == {"id": user.id, "name": user.name}
    assert body["emergency_contact"] == "Mãe: (21) 99999-0000"
    event.refresh_from_db()
    assert (event.confirmed_count, event.waitlist_count) == (1, 0)
    participation = Participation.objects.get()
    assert (participation.user_id, participation.status, participation.notes) == (user.id, "confirmed", "Asma")
    assert [m.to for m in mail.outbox] == [[user.email]]
    assert Notification.objects.get().kind == "confirmed"


def test_join_twice_conflicts_and_changes_nothing(client_for, user, event):
    client = client_for(user)
    assert join(client, event).status_code == 201
    again = join(client, event)
    assert_refused(again, 409, "already_joined", "Você já está inscrito(a) neste mutirão.")
    assert again.json()["code"] == "already_joined"
    event.refresh_from_db()
    assert event.confirmed_count == 1
    assert Participation.objects.count() == 1


def test_join_needs_authentication(api, event):
    assert_refused(join(api, event), 401, "not_authenticated", "As credenciais de autenticação não foram fornecidas.")
    assert Participation.objects.count() == 0


def test_full_event_waitlists_in_order_and_leave_promotes_first(client_for, make_user, make_event):
    event = make_event(capacity=2)
    people = [make_user() for _ in range(4)]
    statuses = [join(client_for(p), event).json()["status"] for p in people]
    assert statuses == ["confirmed", "confirmed", "waitlisted", "waitlisted"]
    event.refresh_from_db()
    assert (event.confirmed_count, event.waitlist_count) == (2, 2)
    detail = client_for(None).get(f"/api/events/{event.id}/").json()
    assert (detail["spots_left"], detail["waitlist_count"]) == (0, 2)

    response = client_for(people[0]).post(f"/api/events/{event.id}/leave/")
    assert response.status_code == 200
    assert response.json()["status"] == "cancelled"
    status_of = dict(Participation.objects.values_list("user_id", "status"))
    assert status_of == {
        people[0].id: "cancelled",
        people[1].id: "confirmed",
        people[2].id: "confirmed",
        people[3].id: "waitlisted",
    }
    event.refresh_from_db()
    assert (event.confirmed_count, event.waitlist_count) == (2, 1)
    promoted = Notification.objects.filter(user=people[2], kind="promoted")
    assert promoted.count() == 1


def test_rejoin_after_leaving(client_for, user, event):
    client = client_for(user)
    join(client, event)
    assert client.post(f"/api/events/{event.id}/leave/").status_code == 200
    again = join(client, event)
    assert again.status_code == 201
    assert again.json()["status"] == "confirmed"
    assert Participation.objects.count() == 1
    event.refresh_from_db()
    assert event.confirmed_count == 1


def test_leave_without_joining_conflicts(client_for, user, event):
    assert_refused(
        client_for(user).post(f"/api/events/{event.id}/leave/"),
        409,
        "not_joined",
        "Você não está inscrito(a) neste mutirão.",
    )


def test_leave_from_waitlist_promotes_nobody(client_for, make_user, make_event):
    event = make_event(capacity=1)
    a, b, c = make_user(), make_user(), make_user()
    for person in (a, b, c):
        join(client_for(person), event)
    client_for(b).post(f"/api/events/{event.id}/leave/")
    assert dict(Participation.objects.values_list("user_id", "status")) == {
        a.id: "confirmed",
        b.id: "cancelled",
        c.id: "waitlisted",
    }


def test_raising_capacity_promotes_waitlist(client_for, organizer, make_user, make_event):
    event = make_event(capacity=1)
    a, b = make_user(), make_user()
    join(client_for(a), event)
    join(client_for(b), event)
    client_for(organizer).patch(f"/api/events/{event.id}/", {"capacity": 2}, format="json")
    assert Participation.objects.get(user=b).status == "confirmed"


@pytest.mark.parametrize(
    "kwargs",
    [
        {"status": Event.Status.CANCELLED},
        {"status": Event.Status.COMPLETED},
        {"registration_deadline": timezone.now() - timedelta(hours=1), "start": timezone.now() + timedelta(days=1)},
    ],
)
def test_join_closed_event_is_400(client_for, user, make_event, kwargs):
    event = make_event(**kwargs)
    response = join(client_for(user), event)
    assert_refused(response, 400, "registration_closed", "As inscrições para este mutirão estão encerradas.")
    assert response.json()["code"] == "registration_closed"
    assert Participation.objects.count() == 0


def test_join_past_event_is_400(client_for, user, make_event):
    start = timezone.now() - timedelta(days=2)
    event = make_event(start=start, registration_deadline=start)
    assert_refused(
        join(client_for(user), event), 400, "registration_closed", "As inscrições para este mutirão estão encerradas."
    )


def test_join_draft_is_404(client_for, user, make_event):
    assert_refused(
        join(client_for(user), make_event(status=Event.Status.DRAFT)), 404, "not_found", "Mutirão não encontrado."
    )


def test_organizer_cannot_join_own_event(client_for, organizer, event):
    response = join(client_for(organizer), event)
    assert_refused(response, 400, "is_organizer", "Você organiza este mutirão; não precisa se inscrever.")
    assert response.json()["code"] == "is_organizer"


def test_min_age(client_for, make_user, make_event):
    event = make_event(min_age=18)
    today = timezone.localdate()
    young = make_user(birth_date=date(today.year - 16, 1, 1))
    adult = make_user(birth_date=date(today.year - 30, 1, 1))
    unknown = make_user()
    response = join(client_for(young), event)
    assert_refused(response, 400, "too_young", "Este mutirão é para pessoas com 18 anos ou mais.")
    assert response.json()["detail"] == "Este mutirão é para pessoas com 18 anos ou mais."
    assert join(client_for(adult), event).status_code == 201
    # an unknown age used to pass every minimum age
    refused = join(client_for(unknown), event)
    assert refused.status_code == 400
    assert refused.json() == {
        "detail": "Este mutirão tem idade mínima: informe sua data de nascimento no perfil para se inscrever.",
        "code": "birth_date_required",
    }
    assert not Participation.objects.filter(event=event, user=unknown).exists()
    assert join(client_for(unknown), make_event(min_age=0)).status_code == 201


def test_join_body_validation(client_for, user, event):
    response = join(client_for(user), event, emergency_contact="x" * 201)
    assert_refused(response, 400, "invalid", "Dados inválidos. Confira os campos.")
    assert "emergency_contact" in response.json()["errors"]
    assert Participation.objects.count() == 0


def test_join_unknown_event_is_404(client_for, user):
    assert_refused(
        client_for(user).post("/api/events/424242/join/", {}, format="json"),
        404,
        "not_found",
        "Mutirão não encontrado.",
    )


# ---------------------------------------------------------------- approval
def test_requires_approval_flow(client_for, organizer, make_user, make_event):
    event = make_event(requires_approval=True, capacity=1)
    a, b, c = make_user(), make_user(), make_user()
    assert [join(client_for(p), event).json()["status"] for p in (a, b, c)] == ["pending"] * 3
    event.refresh_from_db()
    assert (event.confirmed_count, event.pending_count) == (0, 3)
    pa, pb, pc = (Participation.objects.get(user=p) for p in (a, b, c))
    manager = client_for(organizer)
    assert_refused(
        client_for(a).post(f"/api/events/{event.id}/participants/{pa.id}/approve/"),
        403,
        "permission_denied",
        "Só a organização pode gerenciar este mutirão.",
    )
    approved = manager.post(f"/api/events/{event.id}/participants/{pa.id}/approve/")
    assert approved.status_code == 200
    assert approved.json()["status"] == "confirmed"
    assert manager.post(f"/api/events/{event.id}/participants/{pb.id}/approve/").json()["status"] == "waitlisted"
    rejected = manager.post(f"/api/events/{event.id}/participants/{pc.id}/reject/")
    assert rejected.json()["status"] == "rejected"
    assert_refused(
        manager.post(f"/api/events/{event.id}/participants/{pa.id}/approve/"),
        409,
        "not_pending",
        "Só pedidos pendentes podem ser aprovados.",
    )
    event.refresh_from_db()
    assert (event.confirmed_count, event.waitlist_count, event.pending_count) == (1, 1, 0)
    kinds = set(Notification.objects.filter(user=c).values_list("kind", flat=True))
    assert kinds == {"pending", "rejected"}
    again = join(client_for(c), event)
    assert_refused(again, 409, "rejected", "A organização recusou seu pedido para este mutirão.")
    assert again.json()["code"] == "rejected"


def test_rejecting_a_confirmed_participant_promotes_the_waitlist(client_for, organizer, make_user, make_event):
    event = make_event(capacity=1)
    a, b = make_user(), make_user()
    join(client_for(a), event)
    join(client_for(b), event)
    pa = Participation.objects.get(user=a)
    client_for(organizer).post(f"/api/events/{event.id}/participants/{pa.id}/reject/")
    assert Participation.objects.get(user=b).status == "confirmed"


def test_participant_of_another_event_is_404(client_for, organizer, user, make_event):
    first, second = make_event(), make_event()
    join(client_for(user), first)
    participation = Participation.objects.get()
    response = client_for(organizer).post(f"/api/events/{second.id}/participants/{participation.id}/reject/")
    assert_refused(response, 404, "not_found", "Participante não encontrado.")
    assert Participation.objects.get().status == "confirmed"


# ---------------------------------------------------------------- organizer tools
def test_participant_list_private_fields_only_for_the_organizer(api, client_for, organizer, user, make_user, event):
    join(client_for(user), event, emergency_contact="Pai 2199", notes="Alergia a abelha")
    outsider = make_user()
    assert_refused(
        api.get(f"/api/events/{event.id}/participants/"),
        401,
        "not_authenticated",
        "As credenciais de autenticação não foram fornecidas.",
    )
    assert_refused(
        client_for(outsider).get(f"/api/events/{event.id}/participants/"),
        403,
        "permission_denied",
        "Só a organização pode gerenciar este mutirão.",
    )
    assert_refused(
        client_for(user).get(f"/api/events/{event.id}/participants/"),
        403,
        "permission_denied",
        "Só a organização pode gerenciar este mutirão.",
    )
    response = client_for(organizer).get(f"/api/events/{event.id}/participants/")
    assert response.status_code == 200
    (item,) = response.json()["results"]
    assert (item["emergency_contact"], item["notes"], item["status"]) == ("Pai 2199", "Alergia a abelha", "confirmed")
    filtered = client_for(organizer).get(f"/api/events/{event.id}/participants/?status=waitlisted")
    assert filtered.json()["count"] == 0
    assert_refused(
        client_for(organizer).get(f"/api/events/{event.id}/participants/?status=x"),
        400,
        "invalid",
        "Dados inválidos. Confira os campos.",
    )


def test_participant_list_query_count_is_constant(
    client_for, organizer, make_user, make_event, django_assert_num_queries
):
    event = make_event(capacity=100)
    for _ in range(25):
        services.participation_join(event_id=event.id, user=make_user())
    client = client_for(organizer)
    for size in (2, 25):
        # user, event (+ my participation), count, page
        with django_assert_num_queries(4):
            response = client.get(f"/api/events/{event.id}/participants/?page_size={size}")
        assert len(response.json()["results"]) == size


def test_csv_export(client_for, organizer, user, make_user, event):
    join(client_for(user), event, emergency_contact="=HYPERLINK(1)", notes="ok")
    assert_refused(
        client_for(make_user()).get(f"/api/events/{event.id}/participants.csv"),
        403,
        "permission_denied",
        "Só a organização pode gerenciar este mutirão.",
    )
    response = client_for(organizer).get(f"/api/events/{event.id}/participants.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith("\ufeff".encode())  # Excel reads UTF-8
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == [
        "Nome",
        "Situação",
        "Contato de emergência",
        "Observações",
        "Código",
        "Inscrição",
        "Check-in",
        "Check-out",
        "Horas",
        "Ausente",
        "Termo de responsabilidade",
        "Uso de imagem",
        "Autorização do responsável",
        "Versão dos termos",
    ]
    assert rows[1][:4] == [user.name, "Confirmado", "'=HYPERLINK(1)", "ok"]


def test_csv_writes_hours_with_a_decimal_comma(client_for, organizer, user, make_event):
    event = started_event(make_event, hours_ago=5, duration=3)
    Participation.objects.create(event=event, user=user, status=Status.CONFIRMED, hours=Decimal("2.50"))
    response = client_for(organizer).get(f"/api/events/{event.id}/participants.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[1][8] == "2,50"


def started_event(make_event, hours_ago: float = 1, duration: float = 3):
    start = timezone.now() - timedelta(hours=hours_ago)
    return make_event(start=start, end=start + timedelta(hours=duration), registration_deadline=start)


def test_check_in_and_out_records_hours_capped(client_for, organizer, user, make_event):
    event = started_event(make_event, hours_ago=1, duration=3)
    participation = Participation.objects.create(event=event, user=user, status=Status.CONFIRMED)
    manager = client_for(organizer)
    url = f"/api/events/{event.id}/participants/{participation.id}"
    assert_refused(
        manager.post(f"{url}/check-out/"), 409, "not_checked_in", "Faça o check-in do participante primeiro."
    )
    assert_refused(
        client_for(user).post(f"{url}/check-in/"),
        403,
        "permission_denied",
        "Só a organização pode gerenciar este mutirão.",
    )
    response = manager.post(f"{url}/check-in/")
    assert response.status_code == 200
    assert response.json()["checked_in_at"] is not None
    assert_refused(manager.post(f"{url}/check-in/"), 409, "already_checked_in", "Check-in já feito.")
    participation.refresh_from_db()
    Participation.objects.filter(pk=participation.pk).update(checked_in_at=event.start - timedelta(hours=2))
    out = manager.post(f"{url}/check-out/")
    assert out.status_code == 200
    # 3 h since check-in, but the event lasts 3 h: hours never exceed the duration.
    assert Decimal(out.json()["hours"]) <= Decimal("3.00")
    corrected = manager.post(f"{url}/check-out/", {"hours": "2.5"}, format="json")
    assert corrected.json()["hours"] == "2.50"
    too_much = manager.post(f"{url}/check-out/", {"hours": "9"}, format="json")
    assert_refused(too_much, 400, "invalid", "As horas devem ficar entre 0 e a duração do mutirão (3.00 h).")
    participation.refresh_from_db()
    assert participation.hours == Decimal("2.50")


def test_hours_between_is_capped_by_duration(make_event):
    event = started_event(make_event, hours_ago=1, duration=2)
    assert services.hours_between(
        event=event, checked_in_at=event.start, checked_out_at=event.start + timedelta(hours=5)
    ) == Decimal("2.00")
    assert services.hours_between(
        event=event, checked_in_at=event.start, checked_out_at=event.start + timedelta(minutes=90)
    ) == Decimal("1.50")


def test_check_in_by_participant_code(client_for, organizer, user, make_event):
    event = started_event(make_event)
    participation = Participation.objects.create(event=event, user=user, status=Status.CONFIRMED)
    manager = client_for(organizer)
    unknown = manager.post(f"/api/events/{event.id}/participants/check-in/", {"code": "ZZZZZZZZ"}, format="json")
    assert_refused(unknown, 404, "unknown_code", "Nenhum participante com este código neste mutirão.")
    ok = manager.post(
        f"/api/events/{event.id}/participants/check-in/", {"code": participation.code.lower()}, format="json"
    )
    assert ok.status_code == 200
    assert ok.json()["id"] == participation.id


def test_check_in_of_waitlisted_conflicts(client_for, organizer, user, make_event):
    event = started_event(make_event)
    participation = Participation.objects.create(event=event, user=user, status=Status.WAITLISTED)
    response = client_for(organizer).post(f"/api/events/{event.id}/participants/{participation.id}/check-in/")
    assert_refused(response, 409, "not_confirmed", "Só participantes confirmados podem fazer check-in.")
    participation.refresh_from_db()
    assert participation.checked_in_at is None


def test_self_check_in_with_event_code_during_window(client_for, user, make_event):
    event = started_event(make_event)
    Participation.objects.create(event=event, user=user, status=Status.CONFIRMED)
    client = client_for(user)
    wrong = client.post(f"/api/events/{event.id}/check-in/", {"code": "NOPE00"}, format="json")
    assert_refused(wrong, 400, "wrong_code", "Código de check-in incorreto.")
    assert wrong.json()["code"] == "wrong_code"
    ok = client.post(f"/api/events/{event.id}/check-in/", {"code": event.checkin_code}, format="json")
    assert ok.status_code == 200
    assert ok.json()["checked_in_at"] is not None


def test_self_check_in_outside_window(client_for, user, make_event):
    event = make_event(start=timezone.now() + timedelta(days=2))
    Participation.objects.create(event=event, user=user, status=Status.CONFIRMED)
    response = client_for(user).post(f"/api/events/{event.id}/check-in/", {"code": event.checkin_code}, format="json")
    assert_refused(
        response, 400, "checkin_closed", "O check-in abre 60 minutos antes do início e fecha 60 minutos depois do fim."
    )
    assert response.json()["code"] == "checkin_closed"
    assert Participation.objects.get().checked_in_at is None


@pytest.mark.parametrize("situation", ["days_ahead", "pending"])
def test_a_wrong_code_tells_nothing_before_the_window_or_to_a_pending_participant(
    client_for, user, make_event, situation
):
    """The code used to be compared first: `wrong_code` for a wrong one, `checkin_closed` /
    `not_confirmed` for the right one, an oracle to brute-force the code days ahead."""
    if situation == "days_ahead":
        event = make_event(start=timezone.now() + timedelta(days=2))
        Participation.objects.create(event=event, user=user, status=Status.CONFIRMED)
        expected = (400, "checkin_closed")
    else:
        event = started_event(make_event)
        Participation.objects.create(event=event, user=user, status=Status.PENDING)
        expected = (409, "not_confirmed")
    client = client_for(user)
    for code in ("NOPE00", event.checkin_code):
        response = client.post(f"/api/events/{event.id}/check-in/", {"code": code}, format="json")
        assert (response.status_code, response.json()["code"]) == expected, code
    assert Participation.objects.get().checked_in_at is None


def test_wrong_codes_lock_the_person_out_of_that_mutirao(client_for, user, make_user, make_event):
    event = started_event(make_event)
    other = started_event(make_event)
    Participation.objects.create(event=event, user=user, status=Status.CONFIRMED)
    Participation.objects.create(event=other, user=user, status=Status.CONFIRMED)
    neighbour = make_user()
    Participation.objects.create(event=event, user=neighbour, status=Status.CONFIRMED)
    client = client_for(user)
    for guess in range(5):
        wrong = client.post(f"/api/events/{event.id}/check-in/", {"code": f"NOPE0{guess}"}, format="json")
        assert wrong.json()["code"] == "wrong_code"
    locked = client.post(f"/api/events/{event.id}/check-in/", {"code": event.checkin_code}, format="json")
    assert locked.status_code == 429
    assert locked.json() == {
        "detail": "Muitos códigos errados. Peça ao organizador para fazer seu check-in ou tente de novo em 15 minutos.",
        "code": "too_many_attempts",
    }
    assert Participation.objects.get(event=event, user=user).checked_in_at is None
    # the lockout is this person's, on this mutirão only
    assert (
        client.post(f"/api/events/{other.id}/check-in/", {"code": other.checkin_code}, format="json").status_code == 200
    )
    neighbour_ok = client_for(neighbour).post(
        f"/api/events/{event.id}/check-in/", {"code": event.checkin_code}, format="json"
    )
    assert neighbour_ok.status_code == 200


def test_the_organizer_rotates_the_check_in_code(client_for, organizer, user, make_event):
    event = started_event(make_event)
    Participation.objects.create(event=event, user=user, status=Status.CONFIRMED)
    old = event.checkin_code
    assert client_for(user).post(f"/api/events/{event.id}/check-in-code/").status_code == 403
    response = client_for(organizer).post(f"/api/events/{event.id}/check-in-code/")
    assert response.status_code == 200
    new = response.json()["checkin_code"]
    assert new != old
    event.refresh_from_db()
    assert event.checkin_code == new
    stale = client_for(user).post(f"/api/events/{event.id}/check-in/", {"code": old}, format="json")
    assert stale.json()["code"] == "wrong_code"
    assert client_for(user).post(f"/api/events/{event.id}/check-in/", {"code": new}, format="json").status_code == 200


def test_self_check_in_not_joined(client_for, user, make_event):
    event = started_event(make_event)
    response = client_for(user).post(f"/api/events/{event.id}/check-in/", {"code": event.checkin_code}, format="json")
    assert_refused(response, 409, "not_joined", "Você não está inscrito(a) neste mutirão.")


def test_my_events(client_for, user, organizer, make_event):
    mine = make_event(organizer=user, title="Meu")
    joined = make_event(title="Participo")
    services.participation_join(event_id=joined.id, user=user)
    cancelled = make_event(organizer=user, title="Cancelado", status=Event.Status.CANCELLED)
    body = client_for(user).get("/api/users/me/events/").json()
    # What the organizer may still edit is stated by the API (the detail's rule), not decided by the web app.
    assert {e["id"]: e["can_edit"] for e in body["organized"]} == {mine.id: True, cancelled.id: False}
    assert all(
        e["can_edit"] == client_for(user).get(f"/api/events/{e['id']}/").json()["can_edit"] for e in body["organized"]
    )
    assert [(e["id"], e["my_participation"]) for e in body["participating"]] == [(joined.id, "confirmed")]
    assert "can_edit" not in body["participating"][0]


def test_leave_and_self_check_in_on_a_hidden_draft_are_404(client_for, user, make_event):
    draft = make_event(status=Event.Status.DRAFT)
    client = client_for(user)
    assert_refused(client.post(f"/api/events/{draft.id}/leave/"), 404, "not_found", "Mutirão não encontrado.")
    response = client.post(f"/api/events/{draft.id}/check-in/", {"code": draft.checkin_code}, format="json")
    assert_refused(response, 404, "not_found", "Mutirão não encontrado.")


def test_the_participant_sees_their_own_check_in_code_and_nobody_else_does(api, client_for, user, make_user, event):
    joined = join(client_for(user), event).json()
    mine = client_for(user).get(f"/api/events/{event.id}/").json()
    assert mine["my_participation_code"] == joined["code"]
    assert client_for(make_user()).get(f"/api/events/{event.id}/").json()["my_participation_code"] is None
    assert api.get(f"/api/events/{event.id}/").json()["my_participation_code"] is None


def test_the_participant_sees_when_they_were_checked_in(client_for, organizer, user, make_user, make_event):
    event = started_event(make_event)
    participation = Participation.objects.create(event=event, user=user, status=Status.CONFIRMED)
    volunteer = client_for(user)
    assert volunteer.get(f"/api/events/{event.id}/").json()["my_checked_in_at"] is None
    response = client_for(organizer).post(
        f"/api/events/{event.id}/participants/check-in/", {"code": participation.code}, format="json"
    )
    assert response.status_code == 200
    participation.refresh_from_db()
    seen = volunteer.get(f"/api/events/{event.id}/").json()["my_checked_in_at"]
    assert seen is not None
    assert datetime.fromisoformat(seen) == participation.checked_in_at
    # Nobody else sees it, not even the organizer on the detail (they have the participants list).
    assert client_for(make_user()).get(f"/api/events/{event.id}/").json()["my_checked_in_at"] is None
    assert client_for(organizer).get(f"/api/events/{event.id}/").json()["my_checked_in_at"] is None


def test_csv_export_defuses_formulas_after_every_separator(client_for, organizer, user, event):
    """Brazilian spreadsheets split on ";": "ok;=HYPERLINK(...)" became a formula cell."""
    join(client_for(user), event, emergency_contact='Ana, -2+3 , "@SUM(A1)', notes='ok;=HYPERLINK("http://x")')
    body = client_for(organizer).get(f"/api/events/{event.id}/participants.csv").content.decode("utf-8-sig")
    for delimiter in (",", ";"):
        cells = [cell for row in csv.reader(io.StringIO(body), delimiter=delimiter) for cell in row]
        assert cells, delimiter
        dangerous = [cell for cell in cells if cell.lstrip(' "').startswith(("=", "+", "-", "@"))]
        assert dangerous == [], (delimiter, dangerous)
    # the text itself survives, only defused (the export is ";"-separated, for Excel in Brazil)
    rows = list(csv.reader(io.StringIO(body), delimiter=";"))
    assert rows[1][3] == 'ok;\'=HYPERLINK("http://x")'
