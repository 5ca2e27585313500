"""The API says where a mutirão stands, so that no client works it out from dates."""

from datetime import timedelta

import pytest
from django.utils import timezone

from mutiroes.events.models import Event

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("status", "starts_in", "phase"),
    [
        (Event.Status.DRAFT, timedelta(days=2), "draft"),
        (Event.Status.PUBLISHED, timedelta(days=2), "upcoming"),
        (Event.Status.PUBLISHED, timedelta(minutes=-30), "running"),
        (Event.Status.PUBLISHED, timedelta(days=-2), "ended"),
        (Event.Status.COMPLETED, timedelta(days=-2), "ended"),
        (Event.Status.CANCELLED, timedelta(days=2), "cancelled"),
    ],
)
def test_phase_in_detail_and_list(client_for, organizer, make_event, status, starts_in, phase):
    start = timezone.now() + starts_in
    event = make_event(status=status, start=start, end=start + timedelta(hours=3), registration_deadline=start)
    client = client_for(organizer)
    assert client.get(f"/api/events/{event.id}/").json()["phase"] == phase
    if status == Event.Status.PUBLISHED:
        listed = client.get("/api/events/?ordering=-start").json()["results"]
        assert [item["phase"] for item in listed if item["id"] == event.id] == [phase]


def test_a_cancelled_mutirao_offers_no_checkin_code(client_for, organizer, make_event):
    event = make_event(status=Event.Status.CANCELLED)
    body = client_for(organizer).get(f"/api/events/{event.id}/").json()
    assert (body["can_manage"], body["checkin_code"], body["phase"]) == (True, None, "cancelled")


def test_the_volunteer_sees_their_waitlist_place(client_for, make_user, make_event):
    event = make_event(capacity=1)
    first, second, third = (client_for(make_user()) for _ in range(3))
    for client in (first, second, third):
        assert client.post(f"/api/events/{event.id}/join/", {}, format="json").status_code in (200, 201)
    places = [c.get(f"/api/events/{event.id}/").json()["my_waitlist_position"] for c in (first, second, third)]
    assert places == [None, 1, 2]
    assert first.post(f"/api/events/{event.id}/leave/").status_code in (200, 204)
    places = [c.get(f"/api/events/{event.id}/").json()["my_waitlist_position"] for c in (second, third)]
    assert places == [None, 1]
