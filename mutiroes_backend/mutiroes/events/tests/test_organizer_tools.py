"""The organizer's tools on a participant: reject or remove with a reason, undo a rejection,
mark a no-show; and a message to everyone signed up, rate-limited."""

import pytest
from django.utils import timezone

from mutiroes.core.tests.refusals import assert_refused
from mutiroes.events.models import Participation
from mutiroes.notifications.models import Broadcast, Notification

pytestmark = pytest.mark.django_db
Status = Participation.Status


def url(event, participation, action):
    return f"/api/events/{event.id}/participants/{participation.id}/{action}/"


def seat(event, user, status=Status.CONFIRMED, **fields):
    participation = Participation.objects.create(event=event, user=user, status=status, **fields)
    counter = {
        Status.CONFIRMED: "confirmed_count",
        Status.WAITLISTED: "waitlist_count",
        Status.PENDING: "pending_count",
    }
    if status in counter:
        setattr(event, counter[status], getattr(event, counter[status]) + 1)
        event.save()
    return participation


def test_removing_a_confirmed_person_tells_them_why_and_promotes_the_waitlist(
    client_for, organizer, make_user, make_event
):
    event = make_event(capacity=1)
    removed, waiting = make_user(), make_user()
    first = seat(event, removed)
    second = seat(event, waiting, Status.WAITLISTED, waitlisted_at=timezone.now())
    response = client_for(organizer).post(
        url(event, first, "reject"), {"reason": "  Vagas reservadas para a escola parceira.  "}, format="json"
    )
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["rejection_reason"]) == (
        "rejected",
        "Vagas reservadas para a escola parceira.",
    )
    second.refresh_from_db()
    event.refresh_from_db()
    assert (second.status, event.confirmed_count, event.waitlist_count) == ("confirmed", 1, 0)
    told = Notification.objects.get(user=removed)
    assert (told.kind, told.title, told.body) == (
        "rejected",
        "Você foi removido de: Limpeza da praia",
        "Motivo informado pela organização: Vagas reservadas para a escola parceira.",
    )
    # the person sees the reason on the mutirão's page
    detail = client_for(removed).get(f"/api/events/{event.id}/").json()
    assert (detail["my_participation"], detail["my_rejection_reason"]) == (
        "rejected",
        "Vagas reservadas para a escola parceira.",
    )
    assert client_for(waiting).get(f"/api/events/{event.id}/").json()["my_rejection_reason"] is None


def test_declining_a_request_without_a_reason_says_none_was_given(client_for, organizer, user, make_event):
    event = make_event(requires_approval=True)
    pending = seat(event, user, Status.PENDING)
    response = client_for(organizer).post(url(event, pending, "reject"))
    assert (response.status_code, response.json()["rejection_reason"]) == (200, "")
    told = Notification.objects.get(user=user)
    assert (told.title, told.body) == ("Pedido recusado: Limpeza da praia", "A organização não informou um motivo.")


def test_a_too_long_reason_is_refused_and_changes_nothing(client_for, organizer, user, event):
    participation = seat(event, user)
    response = client_for(organizer).post(url(event, participation, "reject"), {"reason": "x" * 501}, format="json")
    assert_refused(
        response,
        400,
        "invalid",
        "Dados inválidos. Confira os campos.",
        reason=["Certifique-se de que este campo não tenha mais de 500 caracteres."],
    )
    participation.refresh_from_db()
    event.refresh_from_db()
    assert (participation.status, participation.rejection_reason, event.confirmed_count) == ("confirmed", "", 1)
    assert Notification.objects.count() == 0


def test_undoing_a_rejection_gives_a_seat_or_the_waitlist(client_for, organizer, make_user, make_event):
    event = make_event(capacity=1)
    first, second = make_user(), make_user()
    back = seat(event, first, Status.REJECTED, rejection_reason="engano")
    response = client_for(organizer).post(url(event, back, "restore"))
    assert (response.status_code, response.json()["status"], response.json()["rejection_reason"]) == (
        200,
        "confirmed",
        "",
    )
    assert Notification.objects.get(user=first).kind == "approved"
    later = seat(event, second, Status.REJECTED)
    response = client_for(organizer).post(url(event, later, "restore"))
    assert response.json()["status"] == "waitlisted"
    event.refresh_from_db()
    assert (event.confirmed_count, event.waitlist_count) == (1, 1)


def test_only_a_rejection_can_be_undone_and_only_while_open(client_for, organizer, user, make_event):
    event = make_event()
    confirmed = seat(event, user)
    assert_refused(
        client_for(organizer).post(url(event, confirmed, "restore")),
        409,
        "not_rejected",
        "Só participantes recusados podem ser readmitidos.",
    )
    closed = make_event(status="cancelled")
    rejected = seat(closed, user, Status.REJECTED)
    assert_refused(
        client_for(organizer).post(url(closed, rejected, "restore")),
        409,
        "event_closed",
        "Este mutirão não está mais aberto.",
    )
    rejected.refresh_from_db()
    assert rejected.status == "rejected"


def started(make_event, **kwargs):
    start = timezone.now() - timezone.timedelta(hours=1)
    return make_event(start=start, end=start + timezone.timedelta(hours=3), registration_deadline=start, **kwargs)


def test_no_show_after_the_start_and_a_late_check_in_clears_it(client_for, organizer, user, make_event):
    event = started(make_event)
    participation = seat(event, user)
    manager = client_for(organizer)
    rows = manager.get(f"/api/events/{event.id}/participants/").json()["results"]
    assert rows[0]["actions"] == ["reject", "check-in", "no-show"]
    response = manager.post(url(event, participation, "no-show"))
    assert (response.status_code, response.json()["no_show"]) == (200, True)
    rows = manager.get(f"/api/events/{event.id}/participants/").json()["results"]
    assert rows[0]["actions"] == ["reject", "check-in", "undo-no-show"]
    assert manager.post(url(event, participation, "check-in")).status_code == 200
    participation.refresh_from_db()
    assert (participation.no_show, participation.checked_in_at is not None) == (False, True)


def test_undo_no_show(client_for, organizer, user, make_event):
    event = started(make_event)
    participation = seat(event, user, no_show=True)
    response = client_for(organizer).post(url(event, participation, "no-show"), {"no_show": False}, format="json")
    assert (response.status_code, response.json()["no_show"]) == (200, False)


def test_no_show_refused_before_the_start_or_for_someone_not_confirmed(client_for, organizer, make_user, make_event):
    event = make_event()
    participation = seat(event, make_user())
    assert_refused(
        client_for(organizer).post(url(event, participation, "no-show")),
        409,
        "not_started",
        "A ausência só pode ser marcada depois que o mutirão começar.",
    )
    running = started(make_event)
    waiting = seat(running, make_user(), Status.WAITLISTED)
    assert_refused(
        client_for(organizer).post(url(running, waiting, "no-show")),
        409,
        "not_confirmed",
        "Só participantes confirmados podem ser marcados como ausentes.",
    )
    assert not Participation.objects.filter(no_show=True).exists()


def message(client, event, **body):
    return client.post(f"/api/events/{event.id}/messages/", body, format="json")


def test_message_to_everyone_signed_up_goes_through_the_outbox_in_batches(
    client_for, organizer, make_user, make_event, settings, django_capture_on_commit_callbacks
):
    settings.NOTIFICATIONS = {**settings.NOTIFICATIONS, "BATCH_SIZE": 2}
    event = make_event(capacity=3)
    people = [make_user() for _ in range(3)]
    for person in people:
        seat(event, person)
    gone = seat(event, make_user(), Status.CANCELLED)
    with django_capture_on_commit_callbacks(execute=True):
        response = message(client_for(organizer), event, title="Ponto de encontro", body="Mudamos para o Posto 5.")
    assert response.status_code == 201
    assert response.json()["title"] == "Mensagem da organização de Limpeza da praia: Ponto de encontro"
    broadcast = Broadcast.objects.get()
    assert (broadcast.kind, broadcast.recipients, broadcast.completed_at is not None) == ("organizer_message", 3, True)
    told = Notification.objects.filter(kind="organizer_message")
    assert sorted(told.values_list("user_id", flat=True)) == sorted(p.id for p in people)
    assert not told.filter(user=gone.user).exists()
    assert {n.body for n in told} == {"Mudamos para o Posto 5."}


def test_messages_are_rate_limited_per_mutirao(client_for, organizer, event, settings):
    settings.NOTIFICATIONS = {**settings.NOTIFICATIONS, "ORGANIZER_MESSAGES_PER_DAY": 2}
    manager = client_for(organizer)
    assert [message(manager, event, title="Oi", body="1").status_code for _ in range(2)] == [201, 201]
    assert_refused(
        message(manager, event, title="Oi", body="3"),
        429,
        "message_limit",
        "Você já enviou 2 mensagens sobre este mutirão nas últimas 24 horas.",
    )
    assert Broadcast.objects.count() == 2


def test_messages_only_by_the_organizer_and_only_for_a_published_mutirao(
    client_for, organizer, user, make_event, event
):
    assert_refused(
        message(client_for(user), event, title="Oi", body="spam"),
        403,
        "permission_denied",
        "Só a organização pode gerenciar este mutirão.",
    )
    cancelled = make_event(status="cancelled")
    assert_refused(
        message(client_for(organizer), cancelled, title="Oi", body="x"),
        409,
        "event_closed",
        "Mensagens só podem ser enviadas aos participantes de um mutirão publicado.",
    )
    assert_refused(
        message(client_for(organizer), event, title="", body=""),
        400,
        "invalid",
        "Dados inválidos. Confira os campos.",
        title=["Este campo não pode ficar em branco."],
        body=["Este campo não pode ficar em branco."],
    )
    assert Broadcast.objects.count() == 0


def test_the_detail_says_who_may_send_a_message(api, client_for, organizer, user, make_event, event):
    assert client_for(organizer).get(f"/api/events/{event.id}/").json()["can_message"] is True
    assert client_for(user).get(f"/api/events/{event.id}/").json()["can_message"] is False
    assert api.get(f"/api/events/{event.id}/").json()["can_message"] is False
    cancelled = make_event(status="cancelled")
    assert client_for(organizer).get(f"/api/events/{cancelled.id}/").json()["can_message"] is False
