"""Every kind of notification that can be e-mailed has its e-mail, and the organizer's message,
a comment and a safety alert reach the outbox end to end through their services."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.core import mail
from django.template.loader import get_template
from django.utils import timezone

from mutiroes.community import services as community
from mutiroes.events.models import Participation
from mutiroes.field import services as field
from mutiroes.notifications import delivery, services
from mutiroes.notifications.models import Notification

pytestmark = pytest.mark.django_db
Kind = Notification.Kind
EmailStatus = Notification.EmailStatus
TEMPLATES = Path(delivery.__file__).parent / "templates/notifications/email"


def test_every_kind_that_can_be_emailed_has_both_templates():
    """Every kind can be e-mailed (its email channel is on unless the person turns it off, and a
    safety alert's is always on): each needs its plain text and HTML, or its e-mails would fail in
    the worker. Found by the template loader, as delivery renders them."""
    for kind in Kind.values:
        for ext in ("txt", "html"):
            get_template(f"notifications/email/{kind}.{ext}")
    on_disk = {path.stem for path in TEMPLATES.glob("*.txt")} & {path.stem for path in TEMPLATES.glob("*.html")}
    assert set(Kind.values) <= on_disk


def _seat(event, person, status=Participation.Status.CONFIRMED, **fields):
    return Participation.objects.create(event=event, user=person, status=status, **fields)


def test_an_organizer_message_is_emailed_to_everyone_signed_up(
    organizer, make_user, make_event, django_capture_on_commit_callbacks
):
    event = make_event(title="Praia & <Mangue>")
    people = [make_user(first_name="Ana"), make_user(first_name="Zé <b>")]
    _seat(event, people[0])
    _seat(event, people[1], Participation.Status.WAITLISTED)
    gone = make_user()
    _seat(event, gone, Participation.Status.CANCELLED)
    with django_capture_on_commit_callbacks(execute=True):
        services.organizer_message_send(
            event_id=event.id,
            user=organizer,
            title="Ponto de <encontro>",
            body="Mudamos para o Posto 5 & levem água.\n<script>alert(1)</script>",
        )
    title = "Mensagem da organização de Praia & <Mangue>: Ponto de <encontro>"
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in people)
    told = Notification.objects.filter(kind=Kind.ORGANIZER_MESSAGE)
    assert sorted(told.values_list("user_id", "email_status")) == sorted((p.id, EmailStatus.SENT) for p in people)
    for message in mail.outbox:
        assert message.subject == f"Mutirões: {title}"
        html = message.alternatives[0][0]
        # Plain text as written; the HTML escapes what the organizer wrote (no markup of theirs).
        assert "Mensagem da organização" in message.body
        assert "Mudamos para o Posto 5 & levem água.\n<script>alert(1)</script>" in message.body
        assert "Ponto de <encontro>" in message.body
        assert "<script>" not in html
        assert "Mudamos para o Posto 5 &amp; levem água.<br>&lt;script&gt;alert(1)&lt;/script&gt;" in html
        assert "Ponto de &lt;encontro&gt;" in html
        assert f"{delivery.settings.FRONTEND_URL}/eventos/{event.id}" in message.body
        assert f'href="{delivery.settings.FRONTEND_URL}/eventos/{event.id}"' in html
    [zé] = [m for m in mail.outbox if m.to == [people[1].email]]
    assert "Olá, Zé <b>!" in zé.body and "Olá, Zé &lt;b&gt;!" in zé.alternatives[0][0]


def test_a_comment_is_emailed_to_the_organizer_and_the_thread(
    organizer, make_user, event, django_capture_on_commit_callbacks
):
    """The organizer has no seat in their own mutirão, and a commenter need not have one: the
    e-mail goes to them all the same."""
    ana, bia = make_user(first_name="Ana"), make_user(first_name="Bia")
    with django_capture_on_commit_callbacks(execute=True):
        first = community.comment_create(event_id=event.id, user=ana, body="Tem estacionamento?")
    [message] = mail.outbox
    assert (message.to, message.subject) == ([organizer.email], f"Mutirões: Novo comentário em {event.title}")
    assert "Olá, Otávio!" in message.body
    assert "Abra o mutirão para ler e responder." in message.body
    assert "Tem estacionamento?" not in message.body + message.alternatives[0][0]  # never the text itself
    assert f"{delivery.settings.FRONTEND_URL}/eventos/{event.id}" in message.body
    assert Notification.objects.get(user=organizer).email_status == EmailStatus.SENT

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        community.comment_create(event_id=event.id, user=bia, body="Também quero saber", parent_id=first.id)
    assert sorted(m.to[0] for m in mail.outbox) == sorted([organizer.email, ana.email])
    assert {m.subject for m in mail.outbox} == {f"Mutirões: Nova resposta em {event.title}"}
    replies = Notification.objects.filter(kind=Kind.COMMENT, title__startswith="Nova resposta")
    assert set(replies.values_list("email_status", flat=True)) == {EmailStatus.SENT}


def test_a_safety_alert_is_emailed_to_the_other_organizers_at_once(
    organizer, make_user, make_event, django_capture_on_commit_callbacks
):
    start = timezone.now() - timedelta(hours=1)
    event = make_event(title="Limpeza do mangue", start=start, end=start + timedelta(hours=3))
    co, flagger = make_user(first_name="Cora"), make_user(first_name="Flávio")
    event.co_organizers.add(co, flagger)
    lost = _seat(event, make_user(first_name="Lia", last_name="Souza"), checked_in_at=start)
    with django_capture_on_commit_callbacks(execute=True):
        field.roll_call_missing_report(event_id=event.id, participation_id=lost.id, user=flagger)
    assert sorted(m.to[0] for m in mail.outbox) == sorted([organizer.email, co.email])
    name = lost.user.name
    for message in mail.outbox:
        assert message.subject == f"Mutirões: Desaparecido(a) em Limpeza do mangue: {name}"
        html = message.alternatives[0][0]
        assert "AVISO DE SEGURANÇA" in message.body and "Aviso de segurança" in html
        assert f"Desaparecido(a) em Limpeza do mangue: {name}" in html
        assert f"{flagger.name} marcou {name} como desaparecido(a)" in message.body
        assert "contato de emergência" in message.body
        assert "190" in message.body and "193" in message.body  # who to call if they are not found
        assert f"{delivery.settings.FRONTEND_URL}/eventos/{event.id}/chamada" in message.body
        assert f'href="{delivery.settings.FRONTEND_URL}/eventos/{event.id}/chamada"' in html
    told = Notification.objects.filter(kind=Kind.SAFETY_ALERT)
    assert sorted(told.values_list("user_id", "email_status")) == sorted(
        [(organizer.id, EmailStatus.SENT), (co.id, EmailStatus.SENT)]
    )

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        field.roll_call_found(event_id=event.id, participation_id=lost.id, user=co)
    assert sorted(m.to[0] for m in mail.outbox) == sorted([organizer.email, flagger.email])
    assert {m.subject for m in mail.outbox} == {f"Mutirões: Encontrado(a) em Limpeza do mangue: {name}"}
    assert all(f"{co.name} marcou que {name} voltou." in m.body for m in mail.outbox)
