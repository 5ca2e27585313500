"""Each message: who gets it, in which language, what it says, and the preferences honoured.

Tasks run eagerly (config.settings.test); `django_capture_on_commit_callbacks(execute=True)`
plays the after-commit enqueues, including the ones tasks make (fan-out batches).
"""

from datetime import timedelta

import icalendar
import pytest
from django.core import mail
from django.utils import timezone

from mutiroes.events.models import Participation
from mutiroes.notifications import services
from mutiroes.notifications.models import Broadcast, Notification

pytestmark = pytest.mark.django_db
Kind = Notification.Kind


def join(client, event, **data):
    return client.post(f"/api/events/{event.id}/join/", data, format="json")


def emails_to(address):
    return [message for message in mail.outbox if message.to == [address]]


def html_of(message) -> str:
    return next(content for content, mimetype in message.alternatives if mimetype == "text/html")


def ics_of(message) -> icalendar.Calendar | None:
    for attachment in message.attachments:
        if attachment.mimetype.startswith("text/calendar"):
            return icalendar.Calendar.from_ical(attachment.content)
    return None


def test_confirmed_email_in_portuguese_with_text_html_and_ics(
    client_for, user, make_event, django_capture_on_commit_callbacks
):
    event = make_event(title="Limpeza da Praia de Copacabana", what_to_bring="Luvas & protetor solar")
    client = client_for(user)
    with django_capture_on_commit_callbacks(execute=True):
        response = join(client, event, emergency_contact="Ana 21 99999-0000")
    assert response.status_code == 201
    [message] = mail.outbox
    assert message.to == ["volunteer@exemplo.com.br"]
    assert message.subject == "Mutirões: Inscrição confirmada: Limpeza da Praia de Copacabana"
    assert "Olá, Vera!" in message.body
    assert "Sua inscrição está confirmada" in message.body
    assert "Luvas & protetor solar" in message.body  # plain text is not HTML-escaped
    participation = Participation.objects.get(user=user, event=event)
    assert participation.code in message.body
    assert f"http://localhost:3000/eventos/{event.id}" in message.body
    html = html_of(message)
    assert "Sua inscrição está confirmada" in html
    assert "Luvas &amp; protetor solar" in html
    calendar = ics_of(message)
    [vevent] = calendar.walk("VEVENT")
    assert str(vevent["SUMMARY"]) == "Limpeza da Praia de Copacabana"
    assert vevent.decoded("DTSTART") == event.start.replace(microsecond=0)
    notification = Notification.objects.get(user=user)
    assert (
        message.extra_headers["Message-ID"]
        == f"<notificacao-{notification.id}.{int(notification.created_at.timestamp())}@mutiroes.org.br>"
    )
    assert notification.email_status == Notification.EmailStatus.SENT
    assert notification.email_attempts == 1


def test_email_is_portuguese_whatever_the_request_language(client_for, user, event, django_capture_on_commit_callbacks):
    client = client_for(user)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(f"/api/events/{event.id}/join/", {}, HTTP_ACCEPT_LANGUAGE="en").status_code == 201
    [message] = mail.outbox
    assert "Sua inscrição está confirmada" in message.body
    assert Notification.objects.get().title.startswith("Inscrição confirmada")


def test_waitlisted_then_promoted_when_a_seat_frees_up(
    client_for, make_user, make_event, django_capture_on_commit_callbacks
):
    event = make_event(capacity=1)
    first, second = make_user(), make_user()
    with django_capture_on_commit_callbacks(execute=True):
        join(client_for(first), event)
        join(client_for(second), event)
    [waitlisted] = emails_to(second.email)
    assert "lista de espera" in waitlisted.body
    assert ics_of(waitlisted) is None
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert client_for(first).post(f"/api/events/{event.id}/leave/").status_code == 200
    [promoted] = mail.outbox
    assert promoted.to == [second.email]
    assert promoted.subject.startswith("Mutirões: Abriu uma vaga para você")
    assert "agora está confirmada" in promoted.body
    assert ics_of(promoted) is not None


def test_pending_approved_and_rejected(
    client_for, organizer, make_user, make_event, django_capture_on_commit_callbacks
):
    event = make_event(requires_approval=True)
    accepted, declined = make_user(), make_user()
    with django_capture_on_commit_callbacks(execute=True):
        join(client_for(accepted), event)
        join(client_for(declined), event)
    assert all("O organizador analisa cada pedido" in m.body for m in mail.outbox)
    assert len(mail.outbox) == 2
    mail.outbox.clear()
    accepted_p = Participation.objects.get(user=accepted)
    declined_p = Participation.objects.get(user=declined)
    manager = client_for(organizer)
    with django_capture_on_commit_callbacks(execute=True):
        assert manager.post(f"/api/events/{event.id}/participants/{accepted_p.id}/approve/").status_code == 200
        assert manager.post(f"/api/events/{event.id}/participants/{declined_p.id}/reject/").status_code == 200
    [approved] = emails_to(accepted.email)
    assert "O organizador aprovou o seu pedido" in approved.body
    assert ics_of(approved) is not None
    [rejected] = emails_to(declined.email)
    assert "não pôde aceitar o seu pedido" in rejected.body
    assert ics_of(rejected) is None


def test_welcome_on_sign_up(api, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = api.post(
            "/api/auth/register/",
            {"email": "Nova@Exemplo.com.br", "password": "uma-senha-bem-forte-42", "first_name": "Nina"},
        )
    assert response.status_code == 201
    [message] = mail.outbox
    assert message.to == ["nova@exemplo.com.br"]
    assert message.subject == "Mutirões: Boas-vindas ao Mutirões, Nina!"
    assert "Olá, Nina!" in message.body
    assert "http://localhost:3000/eventos" in message.body


def test_no_confirmation_for_someone_who_left_before_it_went_out(
    client_for, user, event, django_capture_on_commit_callbacks
):
    client = client_for(user)
    join(client, event)  # committed in the test transaction, its email task not yet run
    assert client.post(f"/api/events/{event.id}/leave/").status_code == 200
    notification = Notification.objects.get(kind=Kind.CONFIRMED)
    from mutiroes.notifications.tasks import notification_email_send

    notification_email_send.delay(notification_id=notification.id)
    assert mail.outbox == []
    notification.refresh_from_db()
    assert notification.email_status == Notification.EmailStatus.SKIPPED
    assert notification.email_error == "left the mutirão"


def test_sending_twice_sends_once(user, event, django_capture_on_commit_callbacks):
    from mutiroes.notifications.tasks import notification_email_send

    notification = services.notification_create(user_id=user.id, kind=Kind.WELCOME, title="Oi")
    notification_email_send.delay(notification_id=notification.id)
    notification_email_send.delay(notification_id=notification.id)
    assert len(mail.outbox) == 1


# ---------------------------------------------------------------- broadcasts
def _sign_up(event, users, status=Participation.Status.CONFIRMED):
    for person in users:
        Participation.objects.create(event=event, user=person, status=status)


def test_event_changed_reaches_everyone_signed_up_and_nobody_who_left(
    client_for, organizer, make_user, make_event, django_capture_on_commit_callbacks
):
    event = make_event(capacity=2)
    confirmed = [make_user(), make_user()]
    waitlisted, left = make_user(), make_user()
    _sign_up(event, confirmed)
    _sign_up(event, [waitlisted], Participation.Status.WAITLISTED)
    _sign_up(event, [left], Participation.Status.CANCELLED)
    new_start = (event.start + timedelta(days=1)).isoformat()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(organizer).patch(
            f"/api/events/{event.id}/", {"start": new_start, "end": (event.end + timedelta(days=1)).isoformat()}
        )
    assert response.status_code == 200
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == sorted(p.email for p in [*confirmed, waitlisted])
    message = mail.outbox[0]
    assert message.subject == f"Mutirões: Mutirão alterado: {event.title}"
    assert "mudou a data ou o local" in message.body
    assert not Notification.objects.filter(user=left).exists()
    assert not Notification.objects.filter(user=organizer).exists()
    broadcast = Broadcast.objects.get()
    assert broadcast.completed_at is not None
    assert broadcast.recipients == 3


def test_event_cancelled_with_the_reason(client_for, organizer, make_user, event, django_capture_on_commit_callbacks):
    people = [make_user(), make_user()]
    _sign_up(event, people)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(organizer).post(f"/api/events/{event.id}/cancel/", {"reason": "Previsão de tempestade."})
    assert response.status_code == 200
    assert len(mail.outbox) == 2
    assert all("Previsão de tempestade." in m.body for m in mail.outbox)
    assert all(m.subject == f"Mutirões: Mutirão cancelado: {event.title}" for m in mail.outbox)


def test_fan_out_goes_in_batches(settings, make_user, event, django_capture_on_commit_callbacks):
    settings.NOTIFICATIONS = {**settings.NOTIFICATIONS, "BATCH_SIZE": 2}
    people = [make_user() for _ in range(5)]
    _sign_up(event, people)
    with django_capture_on_commit_callbacks(execute=False):  # record only; deliver by hand
        broadcast = services.event_cancelled_notify(event=event)
    written = []
    for _batch in range(3):
        more = services.broadcast_batch_deliver(broadcast_id=broadcast.id)
        written.append(Notification.objects.count())
        broadcast.refresh_from_db()
    assert written == [2, 4, 5]
    assert more is False
    assert broadcast.completed_at is not None
    assert broadcast.cursor_user_id == max(p.id for p in people)
    # A redelivered batch writes nothing twice.
    assert services.broadcast_batch_deliver(broadcast_id=broadcast.id) is False
    assert Notification.objects.count() == 5


def test_fan_out_batches_chain_through_tasks(settings, make_user, event, django_capture_on_commit_callbacks):
    settings.NOTIFICATIONS = {**settings.NOTIFICATIONS, "BATCH_SIZE": 2}
    _sign_up(event, [make_user() for _ in range(5)])
    with django_capture_on_commit_callbacks(execute=True):
        services.event_cancelled_notify(event=event)
    assert len(mail.outbox) == 5
    assert len({m.to[0] for m in mail.outbox}) == 5


def test_report_published_goes_to_those_who_took_part_once(make_user, event, django_capture_on_commit_callbacks):
    took_part, waited = make_user(), make_user()
    _sign_up(event, [took_part])
    _sign_up(event, [waited], Participation.Status.WAITLISTED)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.report_published_notify(event_id=event.id) is not None
        assert services.report_published_notify(event_id=event.id) is None
    [message] = mail.outbox
    assert message.to == [took_part.email]
    assert message.subject == f"Mutirões: Relatório de impacto publicado: {event.title}"
    assert "relatório de impacto" in message.body


# ---------------------------------------------------------------- reminders
def test_reminder_once_to_confirmed_participants_even_if_beat_runs_twice(
    make_user, make_event, django_capture_on_commit_callbacks
):
    soon = make_event(start=timezone.now() + timedelta(hours=20), what_to_bring="Luvas", tools_provided="Sacos")
    later = make_event(start=timezone.now() + timedelta(hours=30))
    confirmed, waitlisted, left = make_user(), make_user(), make_user()
    _sign_up(soon, [confirmed])
    _sign_up(soon, [waitlisted], Participation.Status.WAITLISTED)
    _sign_up(soon, [left], Participation.Status.CANCELLED)
    _sign_up(later, [confirmed])
    from mutiroes.notifications.tasks import reminders_send

    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_send.delay().get() == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_send.delay().get() == 0
    [message] = mail.outbox
    assert message.to == [confirmed.email]
    assert message.subject == f"Mutirões: Lembrete: {soon.title}"
    assert "Luvas" in message.body
    assert "Sacos" in message.body
    assert Notification.objects.filter(kind=Kind.REMINDER).count() == 1


def test_a_late_beat_still_reminds_before_the_start(make_user, make_event, django_capture_on_commit_callbacks):
    event = make_event(start=timezone.now() + timedelta(hours=2))
    _sign_up(event, [make_user()])
    with django_capture_on_commit_callbacks(execute=True):
        assert services.reminders_schedule() == 1
        assert services.reminders_schedule(now=timezone.now() + timedelta(hours=1)) == 0
    assert len(mail.outbox) == 1
