"""Attendance sent by devices under an idempotency key: applied once, replayed, refused when reused."""

import threading
import uuid
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.utils import timezone
from rest_framework.test import APIClient
from rest_framework_simplejwt.tokens import RefreshToken

from mutiroes.events import services as events
from mutiroes.events.models import Event, Participation
from mutiroes.field.models import AttendanceOperation
from mutiroes.users.models import User


def _url(event: Event) -> str:
    return f"/api/events/{event.id}/attendance/"


def _op(participation: Participation | None = None, **fields: object) -> dict:
    body: dict[str, object] = {
        "key": str(uuid.uuid4()),
        "action": "check-in",
        "occurred_at": (timezone.now() - timedelta(minutes=10)).isoformat(),
    }
    if participation is not None:
        body["participation_id"] = participation.id
    body.update(fields)
    return body


def test_an_offline_check_in_is_applied_at_the_time_it_happened(client_for, organizer, running, confirmed):
    (p,) = confirmed(1)
    happened = timezone.now() - timedelta(minutes=25)
    op = _op(p, occurred_at=happened.isoformat())
    response = client_for(organizer).post(_url(running), op, format="json")
    assert response.status_code == 200
    assert response["Idempotent-Replayed"] == "false"
    p.refresh_from_db()
    assert p.checked_in_at == happened
    body = response.json()
    assert datetime.fromisoformat(body.pop("checked_in_at")) == happened
    assert body == {
        "key": op["key"],
        "action": "check-in",
        "participation_id": p.id,
        "checked_out_at": None,
        "hours": None,
    }
    kept = AttendanceOperation.objects.get()
    assert (kept.actor, str(kept.key), kept.event_id, kept.status_code) == (organizer, op["key"], running.id, 200)


def test_a_retry_gets_the_first_answer_and_changes_nothing(client_for, organizer, running, confirmed):
    (p,) = confirmed(1)
    op = _op(p)
    client = client_for(organizer)
    first = client.post(_url(running), op, format="json")
    p.refresh_from_db()
    checked_in_at, updated_at = p.checked_in_at, p.updated_at
    second = client.post(_url(running), op, format="json")
    assert (second.status_code, second.json()) == (first.status_code, first.json())
    assert second["Idempotent-Replayed"] == "true"
    p.refresh_from_db()
    assert (p.checked_in_at, p.updated_at) == (checked_in_at, updated_at)
    assert AttendanceOperation.objects.count() == 1


def test_a_refusal_is_kept_and_replayed_too(client_for, organizer, running, confirmed):
    """A participant who left (or was removed) meanwhile: the conflict the organizer is shown."""
    (p,) = confirmed(1)
    Participation.objects.filter(pk=p.pk).update(status=Participation.Status.CANCELLED)
    op = _op(p)
    client = client_for(organizer)
    first = client.post(_url(running), op, format="json")
    assert first.status_code == 409
    assert first.json() == {"detail": "Só participantes confirmados podem fazer check-in.", "code": "not_confirmed"}
    # Even if the person is confirmed again later, this operation's answer stays what it was.
    Participation.objects.filter(pk=p.pk).update(status=Participation.Status.CONFIRMED)
    again = client.post(_url(running), op, format="json")
    assert (again.status_code, again.json(), again["Idempotent-Replayed"]) == (409, first.json(), "true")
    p.refresh_from_db()
    assert p.checked_in_at is None


def test_someone_already_checked_in_by_another_organizer_is_a_conflict(client_for, organizer, running, confirmed):
    (p,) = confirmed(1)
    events.participation_check_in(event_id=running.id, user=organizer, participation_id=p.id)
    response = client_for(organizer).post(_url(running), _op(p), format="json")
    assert response.status_code == 409
    assert response.json()["code"] == "already_checked_in"


def test_the_same_instant_in_another_offset_is_the_same_request(client_for, organizer, running, confirmed):
    (p,) = confirmed(1)
    happened = timezone.now() - timedelta(minutes=5)
    op = _op(p, occurred_at=happened.astimezone(UTC).isoformat())
    client = client_for(organizer)
    assert client.post(_url(running), op, format="json")["Idempotent-Replayed"] == "false"
    again = {**op, "occurred_at": happened.astimezone(timezone.get_fixed_timezone(-180)).isoformat()}
    assert client.post(_url(running), again, format="json")["Idempotent-Replayed"] == "true"


def test_the_same_key_with_another_request_is_refused_and_changes_nothing(client_for, organizer, running, confirmed):
    a, b = confirmed(2)
    op = _op(a)
    client = client_for(organizer)
    assert client.post(_url(running), op, format="json").status_code == 200
    reused = client.post(_url(running), {**op, "participation_id": b.id}, format="json")
    assert reused.status_code == 422
    assert reused.json() == {
        "detail": "Esta chave de operação já foi usada para outro check-in ou check-out. Nada foi alterado.",
        "code": "idempotency_key_reused",
        "errors": {"key": ["Já usada para outra operação."]},
    }
    b.refresh_from_db()
    assert b.checked_in_at is None
    assert AttendanceOperation.objects.count() == 1


def test_the_same_key_on_another_mutirao_is_refused(client_for, organizer, running, confirmed, make_event):
    (p,) = confirmed(1)
    op = _op(p)
    client = client_for(organizer)
    assert client.post(_url(running), op, format="json").status_code == 200
    other = make_event(start=running.start, end=running.end, registration_deadline=running.start)
    response = client.post(_url(other), op, format="json")
    assert response.status_code == 422
    assert AttendanceOperation.objects.count() == 1


def test_keys_belong_to_their_sender(client_for, organizer, make_user, running, confirmed):
    """Another organizer's device may generate the same key: it is a different operation."""
    co = make_user()
    running.co_organizers.add(co)
    a, b = confirmed(2)
    op = _op(a)
    assert client_for(organizer).post(_url(running), op, format="json").status_code == 200
    response = client_for(co).post(_url(running), {**op, "participation_id": b.id}, format="json")
    assert (response.status_code, response["Idempotent-Replayed"]) == (200, "false")
    assert AttendanceOperation.objects.count() == 2


def test_check_out_and_hours_made_offline(client_for, organizer, running, confirmed):
    (p,) = confirmed(1)
    arrived = running.start + timedelta(minutes=10)
    left = arrived + timedelta(minutes=45)
    client = client_for(organizer)
    assert client.post(_url(running), _op(p, occurred_at=arrived.isoformat()), format="json").status_code == 200
    out = client.post(_url(running), _op(p, action="check-out", occurred_at=left.isoformat()), format="json")
    assert out.status_code == 200
    assert out.json()["hours"] == "0.75"
    p.refresh_from_db()
    assert (p.checked_out_at, p.hours) == (left, Decimal("0.75"))
    corrected = client.post(
        _url(running), _op(p, action="check-out", occurred_at=left.isoformat(), hours="1.50"), format="json"
    )
    assert corrected.json()["hours"] == "1.50"
    p.refresh_from_db()
    assert (p.checked_out_at, p.hours) == (left, Decimal("1.50"))


def test_check_in_by_code(client_for, organizer, running, confirmed):
    (p,) = confirmed(1)
    response = client_for(organizer).post(_url(running), _op(code=p.code.lower()), format="json")
    assert (response.status_code, response.json()["participation_id"]) == (200, p.id)


def test_a_time_in_the_future_is_refused(client_for, organizer, running, confirmed):
    (p,) = confirmed(1)
    future = timezone.now() + timedelta(minutes=30)
    response = client_for(organizer).post(_url(running), _op(p, occurred_at=future.isoformat()), format="json")
    assert response.status_code == 400
    assert response.json()["code"] == "time_in_future"
    p.refresh_from_db()
    assert p.checked_in_at is None


def test_a_time_outside_the_check_in_window_is_refused(client_for, organizer, running, confirmed):
    (p,) = confirmed(1)
    too_early = running.start - timedelta(hours=5)
    response = client_for(organizer).post(_url(running), _op(p, occurred_at=too_early.isoformat()), format="json")
    assert (response.status_code, response.json()["code"]) == (400, "checkin_closed")


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"code": "ABCDEF"}, "participation_id"),  # both the participant and a code
        ({"participation_id": None}, "participation_id"),  # neither
        ({"action": "check-out", "participation_id": None, "code": "ABCDEF"}, "participation_id"),
        ({"hours": "1.00"}, "hours"),  # hours on a check-in
        ({"key": "not-a-uuid"}, "key"),
        ({"action": "teleport"}, "action"),
    ],
)
def test_bad_operations_are_refused_and_nothing_is_kept(client_for, organizer, running, confirmed, fields, field):
    (p,) = confirmed(1)
    body = {k: v for k, v in {**_op(p), **fields}.items() if v is not None}
    response = client_for(organizer).post(_url(running), body, format="json")
    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert AttendanceOperation.objects.count() == 0


def test_only_those_who_manage_may_send(client_for, make_user, running, confirmed):
    (p,) = confirmed(1)
    response = client_for(p.user).post(_url(running), _op(p), format="json")
    assert response.status_code == 403
    assert AttendanceOperation.objects.count() == 0
    p.refresh_from_db()
    assert p.checked_in_at is None


@pytest.mark.slow
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_retries_apply_once(organizer, make_event):
    """Ten copies of one operation at the same moment (a device retrying on a flaky network)."""
    start = timezone.now() - timedelta(hours=1)
    event = make_event(start=start, end=start + timedelta(hours=3), registration_deadline=start)
    person = User.objects.create_user(email="concorrente@exemplo.com", password=None, first_name="Concorrente")
    p = Participation.objects.create(event=event, user=person, status=Participation.Status.CONFIRMED)
    op = _op(p)
    token = str(RefreshToken.for_user(organizer).access_token)
    barrier = threading.Barrier(10)
    answers: list[tuple[int, dict, str]] = []

    def send() -> None:
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
        try:
            barrier.wait(timeout=30)
            response = client.post(_url(event), op, format="json")
            answers.append((response.status_code, response.json(), response["Idempotent-Replayed"]))
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert len(answers) == 10
    assert all(status == 200 and body == answers[0][1] for status, body, _ in answers)
    assert sorted(replayed for *_, replayed in answers) == ["false"] + ["true"] * 9
    assert AttendanceOperation.objects.filter(key=op["key"]).count() == 1
    p.refresh_from_db()
    assert p.checked_in_at is not None
