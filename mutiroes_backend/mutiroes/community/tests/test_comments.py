import pytest

from mutiroes.community.models import Comment
from mutiroes.core.tests.refusals import assert_refused
from mutiroes.events.models import Event


@pytest.fixture
def first(event, user):
    return Comment.objects.create(event=event, author=user, body="Quem leva protetor solar?")


def test_user_comments_and_replies_one_level(client_for, api, user, make_user, event, first):
    other = make_user()
    created = client_for(other).post(f"/api/events/{event.id}/comments/", {"body": "  Eu levo!  ", "parent": first.id})
    assert created.status_code == 201
    body = created.json()
    assert (body["body"], body["parent"], body["author"]["id"]) == ("Eu levo!", first.id, other.id)
    listing = api.get(f"/api/events/{event.id}/comments/").json()
    assert listing["count"] == 1
    (thread,) = listing["results"]
    assert thread["id"] == first.id
    assert [r["body"] for r in thread["replies"]] == ["Eu levo!"]


def test_reply_to_a_reply_is_refused(client_for, user, event, first):
    reply = Comment.objects.create(event=event, author=user, body="r", parent=first)
    response = client_for(user).post(f"/api/events/{event.id}/comments/", {"body": "x", "parent": reply.id})
    assert (response.status_code, response.json()["code"]) == (400, "invalid_parent")
    assert Comment.objects.count() == 2


def test_reply_to_another_events_comment_is_refused(client_for, user, make_event, first):
    other = make_event()
    response = client_for(user).post(f"/api/events/{other.id}/comments/", {"body": "x", "parent": first.id})
    assert_refused(response, 400, "invalid_parent", "Responda a um comentário deste mesmo mutirão.")
    assert "parent" in response.json()["errors"]
    assert Comment.objects.count() == 1
    missing = client_for(user).post(f"/api/events/{other.id}/comments/", {"body": "x", "parent": 999999})
    assert_refused(missing, 400, "invalid_parent", "Responda a um comentário deste mesmo mutirão.")
    assert Comment.objects.count() == 1


@pytest.mark.parametrize("body", ["", "   ", "x" * 2001])
def test_comment_length_limits(client_for, user, event, body):
    assert_refused(
        client_for(user).post(f"/api/events/{event.id}/comments/", {"body": body}),
        400,
        "invalid",
        "Dados inválidos. Confira os campos.",
    )
    assert not Comment.objects.exists()


def test_anonymous_cannot_comment_and_drafts_are_hidden(api, client_for, user, event, make_event):
    assert_refused(
        api.post(f"/api/events/{event.id}/comments/", {"body": "oi"}),
        401,
        "not_authenticated",
        "As credenciais de autenticação não foram fornecidas.",
    )
    draft = make_event(status=Event.Status.DRAFT)
    assert_refused(
        client_for(user).post(f"/api/events/{draft.id}/comments/", {"body": "oi"}),
        404,
        "not_found",
        "Mutirão não encontrado.",
    )
    cancelled = make_event(status=Event.Status.CANCELLED)
    assert_refused(
        client_for(user).post(f"/api/events/{cancelled.id}/comments/", {"body": "oi"}),
        409,
        "event_closed",
        "Este mutirão não está aberto para isso.",
    )
    assert not Comment.objects.exists()


def test_only_the_author_edits(client_for, organizer, staff, make_user, user, event, first):
    url = f"/api/events/{event.id}/comments/{first.id}/"
    for who in (make_user(), organizer, staff):
        assert_refused(
            client_for(who).patch(url, {"body": "hack"}),
            403,
            "permission_denied",
            "Só quem escreveu pode editar o comentário.",
        )
    response = client_for(user).patch(url, {"body": "Quem leva água?"})
    assert response.status_code == 200
    assert response.json()["edited_at"]
    first.refresh_from_db()
    assert first.body == "Quem leva água?"
    assert_refused(client_for(user).patch(url, {"body": ""}), 400, "invalid", "Dados inválidos. Confira os campos.")


def test_delete_by_author_or_organizer_only(client_for, organizer, make_user, user, event, first):
    url = f"/api/events/{event.id}/comments/{first.id}/"
    assert_refused(
        client_for(make_user()).delete(url),
        403,
        "permission_denied",
        "Só quem escreveu ou a organização pode apagar o comentário.",
    )
    assert_refused(
        client_for(None).delete(url), 401, "not_authenticated", "As credenciais de autenticação não foram fornecidas."
    )
    assert Comment.objects.filter(pk=first.pk).exists()
    Comment.objects.create(event=event, author=make_user(), body="resposta", parent=first)
    assert client_for(organizer).delete(url).status_code == 204
    assert not Comment.objects.exists()  # replies go with it
    mine = Comment.objects.create(event=event, author=user, body="meu")
    assert client_for(user).delete(f"/api/events/{event.id}/comments/{mine.id}/").status_code == 204


def test_staff_hides_a_comment(api, client_for, staff, user, event, first):
    url = f"/api/events/{event.id}/comments/{first.id}/hide/"
    assert_refused(
        client_for(user).post(url, {"hidden": True}, format="json"),
        403,
        "permission_denied",
        "Só a moderação pode fazer isso.",
    )
    response = client_for(staff).post(url, {"hidden": True}, format="json")
    assert (response.status_code, response.json()["is_hidden"]) == (200, True)
    first.refresh_from_db()
    assert (first.is_hidden, first.hidden_by_id) == (True, staff.id)
    assert api.get(f"/api/events/{event.id}/comments/").json()["count"] == 0
    assert client_for(staff).get(f"/api/events/{event.id}/comments/").json()["count"] == 1
    reply = client_for(user).post(f"/api/events/{event.id}/comments/", {"body": "x", "parent": first.id})
    assert_refused(reply, 400, "invalid_parent", "Este comentário foi ocultado pela moderação.")
    assert_refused(
        client_for(user).patch(f"/api/events/{event.id}/comments/{first.id}/", {"body": "y"}),
        409,
        "hidden",
        "Este comentário foi ocultado pela moderação.",
    )
    client_for(staff).post(url, {"hidden": False}, format="json")
    assert api.get(f"/api/events/{event.id}/comments/").json()["count"] == 1


def test_comment_list_is_paginated_with_constant_queries(api, event, make_user, django_assert_num_queries):
    def add(n: int) -> None:
        for _ in range(n):
            parent = Comment.objects.create(event=event, author=make_user(), body="c")
            Comment.objects.create(event=event, author=make_user(), body="r", parent=parent)

    add(2)
    with django_assert_num_queries(4):
        api.get(f"/api/events/{event.id}/comments/")
    add(10)
    with django_assert_num_queries(4):  # same as for two
        response = api.get(f"/api/events/{event.id}/comments/?page_size=100")
    assert response.json()["count"] == 12
    assert api.get(f"/api/events/{event.id}/comments/?page_size=5").json()["next"]
    assert_refused(
        api.get(f"/api/events/{event.id}/comments/?page_size=101"),
        400,
        "invalid",
        "Dados inválidos. Confira os campos.",
    )


def test_schema_documents_the_community_and_impact_paths(api):
    paths = api.get("/api/schema/?format=json").json()["paths"]
    expected = {
        "/api/events/{event_id}/resources/": {"get", "post"},
        "/api/events/{event_id}/resources/{resource_id}/": {"patch", "delete"},
        "/api/events/{event_id}/resources/{resource_id}/pledge/": {"post"},
        "/api/events/{event_id}/comments/": {"get", "post"},
        "/api/events/{event_id}/comments/{comment_id}/": {"patch", "delete"},
        "/api/events/{event_id}/photos/": {"get", "post"},
        "/api/events/{event_id}/photos/{photo_id}/": {"delete"},
        "/api/events/{event_id}/report/": {"get", "put"},
        "/api/stats/": {"get"},
        "/api/users/me/certificate.pdf": {"get"},
        "/api/certificates/{code}/": {"get"},
    }
    for path, methods in expected.items():
        assert methods <= set(paths[path]), path
    upload = paths["/api/events/{event_id}/photos/"]["post"]
    assert {"201", "400", "403", "413"} <= set(upload["responses"])
    assert "multipart/form-data" in upload["requestBody"]["content"]
    assert {"200", "400", "403", "409"} <= set(paths["/api/events/{event_id}/report/"]["put"]["responses"])
