"""A first sign-up takes its place with a conditional UPDATE just before the commit instead of
under the event's lock (`participation_join`). Its answers and what it writes are those of the
locked path (`_join_locked`, the algorithm every join used before), case by case; a refused
sign-up leaves no trace; a place that changed between the read and the UPDATE is decided again."""

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from mutiroes.events.models import Event, Participation
from mutiroes.events.services import participation as participation_services
from mutiroes.notifications.models import Notification

pytestmark = pytest.mark.django_db
Status = Participation.Status

VOLATILE = {"id", "code", "created_at", "waiver_accepted_at", "image_consent_at", "guardian_consent_at"}


def _full(make_event, make_user, client_for, **kwargs):
    event = make_event(capacity=1, **kwargs)
    assert _post(client_for(make_user()), event).status_code == 201
    return event


# Each scenario builds its mutirão and person, and returns (person, event, body, headers).
def open_seat(make_event, make_user, client_for):
    return make_user(), make_event(), {"notes": "Asma", "emergency_contact": "Mãe"}, {}


def full_to_waitlist(make_event, make_user, client_for):
    return make_user(), _full(make_event, make_user, client_for), {}, {}


def approval_to_pending(make_event, make_user, client_for):
    return make_user(), make_event(requires_approval=True), {}, {}


def consents_recorded(make_event, make_user, client_for):
    event = make_event(requires_waiver=True, asks_image_consent=True)
    return make_user(), event, {"accept_waiver": True, "image_consent": True}, {}


def minor_with_guardian(make_event, make_user, client_for):
    minor = make_user(birth_date=timezone.localdate() - timedelta(days=365 * 15))
    return minor, make_event(), {"guardian_consent": True, "guardian_name": "Maria Souza"}, {}


def already_joined(make_event, make_user, client_for):
    person, event = make_user(), make_event()
    assert _post(client_for(person), event).status_code == 201
    return person, event, {}, {}


def rejoin_after_leaving(make_event, make_user, client_for):
    person, event = make_user(), make_event()
    client = client_for(person)
    assert _post(client, event).status_code == 201
    assert client.post(f"/api/events/{event.id}/leave/").status_code == 200
    return person, event, {}, {}


def declined(make_event, make_user, client_for):
    person, event = make_user(), make_event(requires_approval=True)
    assert _post(client_for(person), event).status_code == 201
    Participation.objects.filter(event=event, user=person).update(status=Status.REJECTED)
    Event.objects.filter(pk=event.pk).update(pending_count=0)
    return person, event, {}, {}


def cancelled(make_event, make_user, client_for):
    return make_user(), make_event(status=Event.Status.CANCELLED), {}, {}


def deadline_passed(make_event, make_user, client_for):
    start = timezone.now() + timedelta(days=2)
    event = make_event(start=start, registration_deadline=timezone.now() - timedelta(hours=1))
    return make_user(), event, {}, {}


def draft(make_event, make_user, client_for):
    return make_user(), make_event(status=Event.Status.DRAFT), {}, {}


def unlisted_without_link(make_event, make_user, client_for):
    return make_user(), make_event(visibility=Event.Visibility.UNLISTED), {}, {}


def unlisted_with_link(make_event, make_user, client_for):
    event = make_event(visibility=Event.Visibility.UNLISTED)
    return make_user(), event, {}, {"HTTP_X_SHARE_TOKEN": event.share_token}


def waiver_refused(make_event, make_user, client_for):
    return make_user(), make_event(requires_waiver=True), {"accept_waiver": False}, {}


def too_young(make_event, make_user, client_for):
    young = make_user(birth_date=timezone.localdate() - timedelta(days=365 * 15))
    return young, make_event(min_age=18), {}, {}


def organizer_self(make_event, make_user, client_for):
    event = make_event()
    return event.organizer, event, {}, {}


SCENARIOS = {
    "open seat": (open_seat, 201, "confirmed"),
    "full: waitlist": (full_to_waitlist, 201, "waitlisted"),
    "approval: pending": (approval_to_pending, 201, "pending"),
    "consents recorded": (consents_recorded, 201, "confirmed"),
    "minor with a guardian": (minor_with_guardian, 201, "confirmed"),
    "signing up again": (rejoin_after_leaving, 201, "confirmed"),
    "unlisted, with the link": (unlisted_with_link, 201, "confirmed"),
    "already joined": (already_joined, 409, "already_joined"),
    "declined": (declined, 409, "rejected"),
    "cancelled": (cancelled, 400, "registration_closed"),
    "deadline passed": (deadline_passed, 400, "registration_closed"),
    "draft": (draft, 404, "not_found"),
    "unlisted, no link": (unlisted_without_link, 404, "not_found"),
    "waiver refused": (waiver_refused, 400, "waiver_required"),
    "too young": (too_young, 400, "too_young"),
    "its organizer": (organizer_self, 400, "is_organizer"),
}


def _post(client, event, body=None, **headers):
    return client.post(f"/api/events/{event.id}/join/", body or {}, format="json", **headers)


def _state(event: Event) -> dict[str, Any]:
    """What the database holds about the mutirão, without ids, codes and clock readings."""
    event.refresh_from_db()
    rows = Participation.objects.filter(event=event).order_by("created_at", "id")
    return {
        "counters": (event.confirmed_count, event.waitlist_count, event.pending_count),
        "participations": [
            (
                p.user.email,
                p.status,
                p.waitlisted_at is not None,
                p.emergency_contact,
                p.notes,
                p.consent_version,
                p.waiver_accepted_at is not None,
                p.image_consent_at is not None,
                p.guardian_consent_at is not None,
                p.guardian_name,
            )
            for p in rows
        ],
        "notifications": sorted(
            (n.user.email, n.kind, n.title, n.body, n.email_status) for n in Notification.objects.filter(event=event)
        ),
    }


def _answer(response) -> tuple[int, Any]:
    body = response.json()
    if response.status_code == 201:
        body = {k: ("<set>" if v else v) if k in VOLATILE else v for k, v in body.items()}
        body["user"] = body["user"]["name"]
    return response.status_code, body


def _run(scenario, make_event, make_user, client_for, django_capture_on_commit_callbacks):
    person, event, body, headers = scenario(make_event, make_user, client_for)
    before = _state(event)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = _post(client_for(person), event, body, **headers)
    after = _state(event)
    if response.status_code != 201:  # refused: nothing written, nothing sent after commit
        assert after == before
        assert callbacks == []
    return _answer(response), after


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_a_join_answers_and_writes_what_the_locked_path_did(
    name, make_event, make_user, client_for, django_capture_on_commit_callbacks, monkeypatch
):
    scenario, status_code, outcome = SCENARIOS[name]
    args = (scenario, make_event, make_user, client_for, django_capture_on_commit_callbacks)
    first_try = _run(*args)
    monkeypatch.setattr(participation_services, "JOIN_TRIES", 0)  # every join under the lock, as before
    locked = _run(*args)

    (code, body), _db = first_try
    assert code == status_code
    assert (body["status"] if code == 201 else body["code"]) == outcome
    # Other people and mutirões: the e-mails differ, the rest is equal.
    assert _normalized(first_try) == _normalized(locked)


def _normalized(result):
    (code, body), db = result
    emails = {row[0] for row in db["participations"]} | {row[0] for row in db["notifications"]}
    names = {e: f"person{i}" for i, e in enumerate(sorted(emails))}
    db = {
        "counters": db["counters"],
        "participations": [(names[r[0]], *r[1:]) for r in db["participations"]],
        "notifications": sorted((names[r[0]], *r[1:]) for r in db["notifications"]),
    }
    if code == 201:
        body = {**body, "user": "<joiner>"}
    return code, body, db


def _seat_seen_free(monkeypatch, *, times: int) -> None:
    """The join's first `times` reads of the mutirão see a free seat that is not there."""
    stale = {"left": times}
    real = participation_services._seat_status

    def seat_status(e: Event) -> str:
        if stale["left"] > 0:
            stale["left"] -= 1
            return Status.CONFIRMED
        return real(e)

    monkeypatch.setattr(participation_services, "_seat_status", seat_status)


def test_a_place_taken_meanwhile_is_decided_again(
    make_event, make_user, client_for, django_capture_on_commit_callbacks, monkeypatch
):
    """The join read a free seat, but it was gone at the UPDATE: rolled back, then waitlisted,
    with one row, one notification and one e-mail."""
    event = _full(make_event, make_user, client_for)
    _seat_seen_free(monkeypatch, times=participation_services.JOIN_TRIES - 1)  # wrong until the last first-try
    person = make_user()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = _post(client_for(person), event)
    assert (response.status_code, response.json()["status"]) == (201, "waitlisted")
    event.refresh_from_db()
    assert (event.confirmed_count, event.waitlist_count) == (1, 1)
    assert Participation.objects.get(event=event, user=person).status == Status.WAITLISTED
    assert list(Notification.objects.filter(user=person).values_list("kind", flat=True)) == ["waitlisted"]
    # Only the committed try's after-commit work ran: the listing bump, the e-mail, the metric.
    assert len(callbacks) == 3


def test_after_every_first_try_fails_the_join_waits_for_the_lock(make_event, make_user, client_for, monkeypatch):
    event = _full(make_event, make_user, client_for)
    _seat_seen_free(monkeypatch, times=participation_services.JOIN_TRIES)
    person = make_user()
    response = _post(client_for(person), event)
    assert (response.status_code, response.json()["status"]) == (201, "waitlisted")
    event.refresh_from_db()
    assert (event.confirmed_count, event.waitlist_count) == (1, 1)
    assert Participation.objects.filter(event=event).count() == 2


def test_a_join_is_nine_queries_and_counts_last(make_event, make_user, client_for, django_assert_num_queries):
    """The user, the mutirão, an earlier sign-up; then in the transaction: the participation, the
    notification preference and the notification, the counters' UPDATE, the commit."""
    event = make_event()
    client = client_for(make_user())
    with django_assert_num_queries(9) as captured:
        assert _post(client, event).status_code == 201
    statements = [q["sql"].split()[0] for q in captured.captured_queries]
    assert statements[-2:] == ["UPDATE", "RELEASE"]  # the row lock is taken last, just before the commit
    assert 'UPDATE "events_event"' in captured.captured_queries[-2]["sql"]


def test_the_same_person_twice_at_once_gets_409_and_one_row(
    make_event, make_user, client_for, django_capture_on_commit_callbacks, monkeypatch
):
    """The second sign-up read no row (the first had not committed yet): its insert meets
    UNIQUE (event, user), and it answers as a sign-up that found the row does."""
    person, event = make_user(), make_event()
    client = client_for(person)
    assert _post(client, event).status_code == 201
    before = _state(event)

    def one(event, user):
        return None

    monkeypatch.setattr(participation_services, "_participation_row", one)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        again = _post(client, event)
    assert (again.status_code, again.json()["code"]) == (409, "already_joined")
    assert _state(event) == before
    assert callbacks == []
