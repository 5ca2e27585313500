"""The API states its rules: what a viewer may do now, computed by the predicates the services enforce."""

from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from mutiroes.core.tests.refusals import assert_refused
from mutiroes.events.models import Event, Participation

pytestmark = pytest.mark.django_db
Status = Participation.Status
CHECKIN_CLOSED = "O check-in abre 60 minutos antes do início e fecha 60 minutos depois do fim."


def running(make_event, **kwargs):
    start = timezone.now() - timedelta(hours=1)
    return make_event(start=start, end=start + timedelta(hours=3), registration_deadline=start, **kwargs)


def rows(client, event) -> dict[int, list[str]]:
    response = client.get(f"/api/events/{event.id}/participants/")
    assert response.status_code == 200
    return {row["id"]: row["actions"] for row in response.json()["results"]}


def test_each_participant_row_states_the_actions_the_api_accepts(client_for, organizer, make_user, make_event):
    event = running(make_event, capacity=1)
    people = {
        status: Participation.objects.create(event=event, user=make_user(), status=status)
        for status in (Status.CONFIRMED, Status.WAITLISTED, Status.PENDING, Status.REJECTED, Status.CANCELLED)
    }
    manager = client_for(organizer)
    assert rows(manager, event) == {
        people[Status.CONFIRMED].id: ["reject", "check-in", "no-show"],
        people[Status.WAITLISTED].id: ["reject"],
        people[Status.PENDING].id: ["approve", "reject"],
        people[Status.REJECTED].id: [],
        people[Status.CANCELLED].id: [],
    }
    # A button shown is a button that works; one not shown is refused.
    url = f"/api/events/{event.id}/participants"
    assert manager.post(f"{url}/{people[Status.CONFIRMED].id}/check-in/").status_code == 200
    assert rows(manager, event)[people[Status.CONFIRMED].id] == ["check-out"]
    assert manager.post(f"{url}/{people[Status.CONFIRMED].id}/check-out/", {}, format="json").status_code == 200
    assert_refused(
        manager.post(f"{url}/{people[Status.WAITLISTED].id}/approve/"),
        409,
        "not_pending",
        "Só pedidos pendentes podem ser aprovados.",
    )
    assert Participation.objects.get(pk=people[Status.WAITLISTED].pk).status == Status.WAITLISTED


def test_no_check_in_action_outside_the_window(client_for, organizer, make_user, make_event):
    event = make_event(start=timezone.now() + timedelta(days=1))
    confirmed = Participation.objects.create(event=event, user=make_user(), status=Status.CONFIRMED)
    assert rows(client_for(organizer), event) == {confirmed.id: ["reject"]}


def test_the_check_in_window_is_stated_once_and_the_refusal_tells_the_truth(client_for, user, make_event):
    event = make_event(start=timezone.now() + timedelta(days=2))
    Participation.objects.create(event=event, user=user, status=Status.CONFIRMED)
    client = client_for(user)
    body = client.get(f"/api/events/{event.id}/").json()
    assert datetime.fromisoformat(body["checkin_opens_at"]) == event.start - timedelta(minutes=60)
    assert datetime.fromisoformat(body["checkin_closes_at"]) == event.end + timedelta(minutes=60)
    assert (body["can_check_in"], body["checkin_open"]) == (False, False)
    response = client.post(f"/api/events/{event.id}/check-in/", {"code": event.checkin_code}, format="json")
    assert_refused(response, 400, "checkin_closed", CHECKIN_CLOSED)
    assert Participation.objects.get().checked_in_at is None


def test_check_in_is_accepted_until_the_stated_close(client_for, user, make_event):
    start = timezone.now() - timedelta(hours=3, minutes=30)
    event = make_event(start=start, end=start + timedelta(hours=3), registration_deadline=start)
    Participation.objects.create(event=event, user=user, status=Status.CONFIRMED)
    client = client_for(user)
    assert client.get(f"/api/events/{event.id}/").json()["can_check_in"] is True
    response = client.post(f"/api/events/{event.id}/check-in/", {"code": event.checkin_code}, format="json")
    assert response.status_code == 200


def test_the_organizer_sees_what_they_may_do(client_for, organizer, make_event):
    draft = make_event(status=Event.Status.DRAFT)
    body = client_for(organizer).get(f"/api/events/{draft.id}/").json()
    assert {k: body[k] for k in ("can_edit", "can_publish", "can_cancel", "can_report", "registration_open")} == {
        "can_edit": True,
        "can_publish": True,
        "can_cancel": True,
        "can_report": False,
        "registration_open": False,
    }
    held = running(make_event, status=Event.Status.COMPLETED)
    body = client_for(organizer).get(f"/api/events/{held.id}/").json()
    assert (body["can_edit"], body["can_publish"], body["can_cancel"], body["can_report"]) == (
        False,
        False,
        False,
        True,
    )


def test_others_may_do_nothing_of_the_organizers(client_for, api, user, make_event):
    event = make_event()
    for client in (api, client_for(user)):
        body = client.get(f"/api/events/{event.id}/").json()
        assert (body["can_manage"], body["can_edit"], body["can_publish"], body["can_cancel"], body["can_report"]) == (
            False,
            False,
            False,
            False,
            False,
        )
        assert body["registration_open"] is True
        assert body["can_leave"] is False


def test_registration_open_follows_the_deadline(client_for, user, make_event):
    closed = make_event(registration_deadline=timezone.now() - timedelta(minutes=1))
    client = client_for(user)
    assert client.get(f"/api/events/{closed.id}/").json()["registration_open"] is False
    response = client.post(f"/api/events/{closed.id}/join/", {}, format="json")
    assert_refused(response, 400, "registration_closed", "As inscrições para este mutirão estão encerradas.")


def test_can_leave_until_the_start(client_for, user, make_event):
    upcoming = make_event()
    started = running(make_event)
    for event in (upcoming, started):
        Participation.objects.create(event=event, user=user, status=Status.WAITLISTED)
    client = client_for(user)
    assert client.get(f"/api/events/{upcoming.id}/").json()["can_leave"] is True
    assert client.get(f"/api/events/{started.id}/").json()["can_leave"] is False


def test_the_check_in_count_comes_from_every_participant(client_for, organizer, make_user, make_event):
    event = running(make_event, capacity=150)
    Participation.objects.bulk_create(
        Participation(
            event=event,
            user=make_user(),
            status=Status.CONFIRMED,
            checked_in_at=event.start if n % 2 else None,
        )
        for n in range(120)
    )
    body = client_for(organizer).get(f"/api/events/{event.id}/").json()
    assert body["checked_in_count"] == 60


def test_can_join_is_what_the_join_endpoint_accepts(api, client_for, organizer, user, make_user, make_event):
    event = make_event()
    declined = make_user()
    Participation.objects.create(event=event, user=declined, status=Status.REJECTED)
    assert api.get(f"/api/events/{event.id}/").json()["can_join"] is False
    assert client_for(organizer).get(f"/api/events/{event.id}/").json()["can_join"] is False
    assert client_for(declined).get(f"/api/events/{event.id}/").json()["can_join"] is False
    client = client_for(user)
    assert client.get(f"/api/events/{event.id}/").json()["can_join"] is True
    assert client.post(f"/api/events/{event.id}/join/", {}, format="json").status_code == 201
    assert client.get(f"/api/events/{event.id}/").json()["can_join"] is False
    assert client.post(f"/api/events/{event.id}/leave/").status_code == 200
    assert client.get(f"/api/events/{event.id}/").json()["can_join"] is True


def test_too_young_may_not_join(client_for, make_user, make_event):
    event = make_event(min_age=18)
    teen = make_user(birth_date=(timezone.localdate() - timedelta(days=365 * 15)))
    client = client_for(teen)
    assert client.get(f"/api/events/{event.id}/").json()["can_join"] is False
    response = client.post(f"/api/events/{event.id}/join/", {}, format="json")
    assert_refused(response, 400, "too_young", "Este mutirão é para pessoas com 18 anos ou mais.")
    assert not Participation.objects.exists()
