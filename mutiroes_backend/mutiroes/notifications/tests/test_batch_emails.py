"""A fan-out's emails go in batches: one task and one mail connection per batch, the skip checks
read once for the batch, each email sent once whatever is run twice."""

import smtplib
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from mutiroes.events.models import Participation
from mutiroes.notifications import delivery, services
from mutiroes.notifications.models import Notification, NotificationPreference

pytestmark = pytest.mark.django_db
Kind = Notification.Kind
EmailStatus = Notification.EmailStatus


def _sign_up(event, users, status=Participation.Status.CONFIRMED):
    for person in users:
        Participation.objects.create(event=event, user=person, status=status)


@pytest.fixture
def connections(monkeypatch):
    """Every mail connection the batches open."""
    opened = []
    real = delivery.get_connection

    def counting(*args, **kwargs):
        opened.append(real(*args, **kwargs))
        return opened[-1]

    monkeypatch.setattr(delivery, "get_connection", counting)
    return opened


@pytest.fixture
def tasks(monkeypatch):
    """The tasks enqueued (name and arguments), delivered as the broker would."""
    from mutiroes.core import queue

    sent = []
    real = queue.enqueue

    def recording(task, **kwargs):
        sent.append((task.rsplit(".", 1)[1], kwargs))
        real(task, **kwargs)

    monkeypatch.setattr(queue, "enqueue", recording)
    return sent


def test_a_reminder_goes_as_one_task_and_one_connection_per_batch(
    settings, make_user, make_event, tasks, connections, django_capture_on_commit_callbacks
):
    settings.NOTIFICATIONS = {**settings.NOTIFICATIONS, "BATCH_SIZE": 3}
    event = make_event(start=timezone.now() + timedelta(hours=20))
    people = [make_user() for _ in range(7)]
    _sign_up(event, people)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.reminders_schedule() == 1
    batches = [kwargs["notification_ids"] for name, kwargs in tasks if name == "notification_emails_send"]
    assert [len(ids) for ids in batches] == [3, 3, 1]
    assert not [name for name, _ in tasks if name == "notification_email_send"]
    assert len(connections) == 3
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in people)
    assert set(Notification.objects.values_list("email_status", flat=True)) == {EmailStatus.SENT}
    assert all(m.subject == f"Mutirões: Lembrete: {event.title}" for m in mail.outbox)


def _pending_reminders(make_user, make_event, n):
    event = make_event(start=timezone.now() + timedelta(hours=20))
    people = [make_user() for _ in range(n)]
    _sign_up(event, people)
    rows = [
        Notification(
            user=person,
            kind=Kind.REMINDER,
            event=event,
            title=f"Lembrete: {event.title}",
            url=f"/eventos/{event.id}",
            email_status=EmailStatus.PENDING,
            dedupe_key=f"test:{person.id}",
        )
        for person in people
    ]
    Notification.objects.bulk_create(rows)
    return event, people, list(Notification.objects.order_by("id").values_list("id", flat=True))


def test_a_batch_run_twice_sends_each_email_once(make_user, make_event):
    _event, people, ids = _pending_reminders(make_user, make_event, 4)
    assert delivery.notification_emails_deliver(notification_ids=ids) == []
    assert delivery.notification_emails_deliver(notification_ids=ids) == []
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in people)


def test_skip_checks_are_read_once_per_batch(make_user, make_event):
    event, people, ids = _pending_reminders(make_user, make_event, 6)
    turned_off, left, inactive = people[0], people[1], people[2]
    NotificationPreference.objects.create(user=turned_off, kind=Kind.REMINDER, in_app=True, email=False)
    Participation.objects.filter(event=event, user=left).update(status=Participation.Status.CANCELLED)
    inactive.is_active = False
    inactive.save(update_fields=["is_active"])

    def queries_for(batch):
        with CaptureQueriesContext(connection) as captured:
            delivery.notification_emails_deliver(notification_ids=batch)
        return len(captured)

    small = queries_for(ids[:3])  # the three skipped
    large = queries_for(ids[3:])  # the three sent
    # Three reads for the whole batch (rows' keys, preferences, participations), then each row's
    # own claim and write in its transaction (here a savepoint and its release: 4 statements):
    # no per-row preference or participation query, skipped or sent.
    assert small == large == 3 + 3 * 4
    reasons = dict(Notification.objects.filter(pk__in=ids[:3]).values_list("user_id", "email_error"))
    assert reasons == {turned_off.id: "email turned off", left.id: "no longer confirmed", inactive.id: "inactive user"}
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in people[3:])


def test_a_transient_failure_is_retried_and_the_rest_go_out(make_user, make_event, monkeypatch):
    _event, people, ids = _pending_reminders(make_user, make_event, 3)
    from django.core.mail.backends.locmem import EmailBackend

    real = EmailBackend.send_messages

    def flaky(self, messages):
        if messages[0].to == [people[1].email]:
            raise smtplib.SMTPResponseException(451, b"try later")
        return real(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", flaky)
    assert delivery.notification_emails_deliver(notification_ids=ids) == [ids[1]]
    statuses = dict(Notification.objects.values_list("id", "email_status"))
    assert statuses == {ids[0]: EmailStatus.SENT, ids[1]: EmailStatus.PENDING, ids[2]: EmailStatus.SENT}
    assert Notification.objects.get(pk=ids[1]).email_attempts == 1


def test_an_unreachable_mail_server_retries_the_whole_batch(make_user, make_event, monkeypatch):
    _event, _people, ids = _pending_reminders(make_user, make_event, 2)
    from django.core.mail.backends.locmem import EmailBackend

    def refused(self):
        raise ConnectionRefusedError("no mail server")

    monkeypatch.setattr(EmailBackend, "open", refused)
    assert delivery.notification_emails_deliver(notification_ids=ids) == ids
    assert set(Notification.objects.values_list("email_status", flat=True)) == {EmailStatus.PENDING}
    assert mail.outbox == []
