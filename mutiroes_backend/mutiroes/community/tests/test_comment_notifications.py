"""A new comment tells the organizer; a reply also tells the people in its thread; never the author."""

import pytest

from mutiroes.notifications.models import Notification, NotificationPreference

pytestmark = pytest.mark.django_db


def comment(client, event, body, parent=None):
    payload = {"body": body} if parent is None else {"body": body, "parent": parent}
    response = client.post(f"/api/events/{event.id}/comments/", payload, format="json")
    assert response.status_code == 201, response.json()
    return response.json()["id"]


def told(kind="comment"):
    return sorted(Notification.objects.filter(kind=kind).values_list("user_id", "title"))


def test_a_comment_tells_the_organizer_and_a_reply_tells_the_thread(client_for, organizer, make_user, event):
    ana, bia, caio = make_user(), make_user(), make_user()
    first = comment(client_for(ana), event, "Tem estacionamento?")
    assert told() == [(organizer.id, "Novo comentário em Limpeza da praia")]
    body = Notification.objects.get().body
    assert body == "Abra o mutirão para ler e responder."  # no copy of the text or the author's name
    Notification.objects.all().delete()
    comment(client_for(bia), event, "Também quero saber", parent=first)
    title = "Nova resposta em Limpeza da praia"
    assert told() == sorted([(organizer.id, title), (ana.id, title)])
    Notification.objects.all().delete()
    comment(client_for(organizer), event, "Sim, na rua ao lado.", parent=first)
    assert told() == sorted([(ana.id, title), (bia.id, title)])
    Notification.objects.all().delete()
    comment(client_for(caio), event, "Obrigado!", parent=first)
    assert told() == sorted([(organizer.id, title), (ana.id, title), (bia.id, title)])


def test_the_organizer_commenting_tells_nobody(client_for, organizer, event):
    comment(client_for(organizer), event, "Bem-vindos!")
    assert Notification.objects.count() == 0


def test_preferences_are_honoured(client_for, organizer, make_user, event):
    NotificationPreference.objects.create(user=organizer, kind="comment", in_app=False, email=False)
    comment(client_for(make_user()), event, "Olá")
    assert Notification.objects.count() == 0


def test_a_comment_says_whether_its_author_has_a_public_profile(api, client_for, make_user, event):
    """The web app links an author's name only to a profile page that exists."""
    shy, open_ = make_user(), make_user(is_public=True)
    comment(client_for(shy), event, "Oi")
    comment(client_for(open_), event, "Olá")
    authors = [c["author"] for c in api.get(f"/api/events/{event.id}/comments/").json()["results"]]
    assert [(a["id"], a["is_public"]) for a in authors] == [(shy.id, False), (open_.id, True)]
