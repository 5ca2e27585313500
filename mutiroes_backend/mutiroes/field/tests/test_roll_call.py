"""The safety roll call: who is still out, "todos voltaram", someone missing (the others are told)."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from mutiroes.events.models import Participation
from mutiroes.field.models import MissingPerson, RollCall
from mutiroes.notifications.models import Notification


def _url(event, tail: str = "") -> str:
    return f"/api/events/{event.id}/roll-call/{tail}"


def _in(people: list[Participation], minutes_ago: int = 30) -> None:
    Participation.objects.filter(pk__in=[p.pk for p in people]).update(
        checked_in_at=timezone.now() - timedelta(minutes=minutes_ago)
    )


def test_the_roll_call_lists_who_is_still_out(client_for, organizer, running, confirmed):
    out, back, _never = confirmed(3, emergency_contact="Mãe: 21 99999-0000")
    _in([out, back])
    Participation.objects.filter(pk=back.pk).update(checked_out_at=timezone.now())
    response = client_for(organizer).get(_url(running))
    assert response.status_code == 200
    body = response.json()
    assert {k: body[k] for k in ("available", "can_close", "closed_at", "closed_by", "checked_in", "checked_out")} == {
        "available": True,
        "can_close": True,
        "closed_at": None,
        "closed_by": None,
        "checked_in": 2,
        "checked_out": 1,
    }
    assert [
        (p["participation_id"], p["user"]["name"], p["emergency_contact"], p["missing_since"])
        for p in body["still_out"]
    ] == [(out.id, out.user.name, "Mãe: 21 99999-0000", None)]


def test_the_roll_call_takes_the_same_queries_however_many_are_out(client_for, organizer, running, confirmed):
    client = client_for(organizer)
    few = confirmed(2)
    _in(few)
    client.get(_url(running))  # warm the session and the auth
    with CaptureQueriesContext(connection) as small:
        assert len(client.get(_url(running)).json()["still_out"]) == 2
    many = confirmed(12)
    _in(many)
    MissingPerson.objects.create(event=running, participation=many[0], reported_at=timezone.now())
    with CaptureQueriesContext(connection) as large:
        assert len(client.get(_url(running)).json()["still_out"]) == 14
    assert len(large) == len(small)


def test_flagging_someone_missing_tells_the_other_organizers(client_for, organizer, make_user, running, confirmed):
    co, flagger = make_user(), make_user()
    running.co_organizers.add(co, flagger)
    a, b = confirmed(2)
    _in([a, b])
    response = client_for(flagger).post(_url(running, "missing/"), {"participation_id": b.id}, format="json")
    assert response.status_code == 200
    body = response.json()
    assert [p["participation_id"] for p in body["still_out"]] == [b.id, a.id]  # the missing first
    assert body["still_out"][0]["missing_since"] is not None
    assert body["can_close"] is False
    sent = Notification.objects.filter(kind=Notification.Kind.SAFETY_ALERT).order_by("user_id")
    assert [n.user_id for n in sent] == sorted([organizer.id, co.id])
    assert {n.title for n in sent} == {f"Desaparecido(a) em {running.title}: {b.user.name}"}
    assert all(n.in_app and n.email_status == Notification.EmailStatus.PENDING for n in sent)
    assert all(n.url == f"/eventos/{running.id}" for n in sent)
    missing = MissingPerson.objects.get()
    assert (missing.participation_id, missing.reported_by, missing.found_at) == (b.id, flagger, None)


def test_only_someone_still_out_can_be_missing(client_for, organizer, running, confirmed):
    never, back, out = confirmed(3)
    _in([back, out])
    Participation.objects.filter(pk=back.pk).update(checked_out_at=timezone.now())
    client = client_for(organizer)
    for p in (never, back):
        response = client.post(_url(running, "missing/"), {"participation_id": p.id}, format="json")
        assert (response.status_code, response.json()["code"]) == (409, "not_out")
    assert client.post(_url(running, "missing/"), {"participation_id": out.id}, format="json").status_code == 200
    twice = client.post(_url(running, "missing/"), {"participation_id": out.id}, format="json")
    assert (twice.status_code, twice.json()) == (
        409,
        {"detail": "Esta pessoa já está marcada como desaparecida.", "code": "already_missing"},
    )
    assert MissingPerson.objects.count() == 1
    assert Notification.objects.filter(kind="safety_alert").count() == 0  # the organizer alone: nobody else to tell


def test_all_back_is_refused_while_someone_is_missing_then_found(client_for, organizer, make_user, running, confirmed):
    co = make_user()
    running.co_organizers.add(co)
    a, b = confirmed(2)
    _in([a, b])
    client = client_for(organizer)
    client.post(_url(running, "missing/"), {"participation_id": a.id}, format="json")
    refused = client.post(_url(running, "all-back/"))
    assert (refused.status_code, refused.json()["code"]) == (409, "someone_missing")
    assert refused.json()["detail"].startswith("Ainda há alguém marcado como desaparecido")
    assert not RollCall.objects.exists()
    assert Participation.objects.filter(event=running, checked_out_at__isnull=False).count() == 0

    found = client_for(co).post(_url(running, "found/"), {"participation_id": a.id}, format="json")
    assert found.status_code == 200
    assert [p["participation_id"] for p in found.json()["still_out"]] == [b.id]
    a.refresh_from_db()
    assert a.checked_out_at is not None and a.hours is not None
    assert MissingPerson.objects.get().found_by == co
    told = Notification.objects.filter(kind="safety_alert", user=organizer).order_by("id").last()
    assert told is not None and told.title == f"Encontrado(a) em {running.title}: {a.user.name}"

    again = client.post(_url(running, "found/"), {"participation_id": a.id}, format="json")
    assert (again.status_code, again.json()["code"]) == (404, "not_missing")

    closed = client.post(_url(running, "all-back/"))
    assert closed.status_code == 200
    body = closed.json()
    assert (body["still_out"], body["checked_in"], body["checked_out"]) == ([], 2, 2)
    assert body["closed_by"] == {"id": organizer.id, "name": organizer.name}
    b.refresh_from_db()
    assert b.checked_out_at is not None and b.hours is not None
    assert RollCall.objects.get().closed_by == organizer


def test_no_roll_call_before_the_mutirao_starts(client_for, organizer, event):
    assert client_for(organizer).get(_url(event)).json()["available"] is False
    response = client_for(organizer).post(_url(event, "all-back/"))
    assert (response.status_code, response.json()["code"]) == (409, "roll_call_not_open")
    assert not RollCall.objects.exists()


def test_participants_cannot_take_the_roll_call(client_for, running, confirmed):
    (p,) = confirmed(1)
    _in([p])
    client = client_for(p.user)
    assert client.get(_url(running)).status_code == 403
    assert client.post(_url(running, "missing/"), {"participation_id": p.id}, format="json").status_code == 403
    assert client.post(_url(running, "all-back/")).status_code == 403
    assert not MissingPerson.objects.exists() and not RollCall.objects.exists()


def test_safety_alerts_cannot_be_turned_off(client_for, organizer):
    client = client_for(organizer)
    kinds = [p["kind"] for p in client.get("/api/notifications/preferences/").json()["preferences"]]
    assert "safety_alert" not in kinds
    response = client.patch(
        "/api/notifications/preferences/", {"preferences": [{"kind": "safety_alert", "email": False}]}, format="json"
    )
    assert response.status_code == 400
