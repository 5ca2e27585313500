"""A fan-out's emails go in batches: one task and one mail connection per batch, the skip checks
read once for the batch, each email sent once whatever is run twice."""

import smtplib
from datetime import datetime, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from mutiroes.events.models import Participation
from mutiroes.notifications import delivery, services
from mutiroes.notifications.models import Notification, NotificationPreference
from mutiroes.users.models import User

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
    settings.NOTIFICATIONS = {**settings.NOTIFICATIONS, "BATCH_SIZE": 3, "EMAIL_BATCH_SIZE": 3}
    event = make_event(start=timezone.now() + timedelta(hours=20))
    people = [make_user() for _ in range(7)]
    _sign_up(event, people)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.reminders_schedule() == 1
    batches = [kwargs["notification_ids"] for name, kwargs in tasks if name == "notification_emails_send"]
    assert sorted(len(ids) for ids in batches) == [1, 3, 3]
    assert not [name for name, _ in tasks if name == "notification_email_send"]
    assert len(connections) == 3
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in people)
    assert set(Notification.objects.values_list("email_status", flat=True)) == {EmailStatus.SENT}
    assert all(m.subject == f"Mutirões: Lembrete: {event.title}" for m in mail.outbox)


def test_a_fan_out_batch_is_split_among_the_workers_and_the_walk_goes_on_first(
    settings, make_user, make_event, monkeypatch, django_capture_on_commit_callbacks
):
    """A batch of 5 people with EMAIL_BATCH_SIZE 2: three email tasks (2, 2, 1), and the next
    step of the walk is published before them, so it is not queued behind them."""
    from mutiroes.core import queue

    settings.NOTIFICATIONS = {**settings.NOTIFICATIONS, "BATCH_SIZE": 5, "EMAIL_BATCH_SIZE": 2}
    event = make_event(start=timezone.now() + timedelta(hours=20))
    _sign_up(event, [make_user() for _ in range(7)])
    published = []
    monkeypatch.setattr(queue, "enqueue", lambda task, **kwargs: published.append((task.rsplit(".", 1)[1], kwargs)))
    with django_capture_on_commit_callbacks(execute=True):
        services.reminders_schedule()
    [(name, kwargs)] = published
    assert name == "broadcast_batch_send"
    published.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.broadcast_batch_deliver(**kwargs) is True
    assert [name for name, _ in published] == ["broadcast_batch_send"] + ["notification_emails_send"] * 3
    chunks = [kwargs["notification_ids"] for name, kwargs in published[1:]]
    assert [len(ids) for ids in chunks] == [2, 2, 1]
    pending = Notification.objects.filter(email_status=EmailStatus.PENDING).order_by("id")
    assert [i for ids in chunks for i in ids] == list(pending.values_list("id", flat=True))


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


def test_a_batch_run_twice_sends_each_email_once(make_user, make_event, connections, django_assert_num_queries):
    _event, people, ids = _pending_reminders(make_user, make_event, 4)
    assert delivery.notification_emails_deliver(notification_ids=ids) == []
    with django_assert_num_queries(1):  # the batch's read finds nothing pending: no claim, no connection
        assert delivery.notification_emails_deliver(notification_ids=ids) == []
    assert len(connections) == 1
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in people)


# serialized_rollback as the other tests of committed rows (test_workers): its flush then does not
# re-create the content types, which those tests' restore would insert a second time.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_row_locked_by_another_attempt_is_left_to_it(make_user, make_event):
    """The batch's read sees the row pending, but another attempt holds its lock (it is sending
    it): the batch skips it and sends the others."""
    import threading

    from django.db import connections as db_connections
    from django.db import transaction

    _event, people, ids = _pending_reminders(make_user, make_event, 3)
    locked, release = threading.Event(), threading.Event()

    def hold():
        try:
            with transaction.atomic():
                list(Notification.objects.select_for_update().filter(pk=ids[1]))
                locked.set()
                release.wait(10)
        finally:
            db_connections.close_all()

    holder = threading.Thread(target=hold)
    holder.start()
    try:
        assert locked.wait(10)
        assert delivery.notification_emails_deliver(notification_ids=ids) == []
    finally:
        release.set()
        holder.join(10)
    assert sorted(m.to[0] for m in mail.outbox) == sorted([people[0].email, people[2].email])
    assert Notification.objects.get(pk=ids[1]).email_status == EmailStatus.PENDING


@pytest.mark.parametrize("size", [3, 6, 12])
def test_skip_checks_are_one_query_per_batch(size, make_user, make_event, django_assert_num_queries):
    """Whatever the batch's size: one query reads the rows, their people and mutirões, the
    preferences and the participations; the skip checks then read nothing; each row costs its own
    claim and mark (a constant number of statements per row, skipped or sent)."""
    event, people, ids = _pending_reminders(make_user, make_event, size)
    turned_off, left, inactive = people[0], people[1], people[2]
    NotificationPreference.objects.create(user=turned_off, kind=Kind.REMINDER, in_app=True, email=False)
    Participation.objects.filter(event=event, user=left).update(status=Participation.Status.CANCELLED)
    inactive.is_active = False
    inactive.save(update_fields=["is_active"])

    with django_assert_num_queries(1):
        facts = delivery.BatchFacts.load(ids)
    with django_assert_num_queries(0):
        reasons = {row.user_id: delivery.skip_reason(row, facts) for row in facts.notifications.values()}
    assert reasons == {
        **{person.id: "" for person in people},
        turned_off.id: "email turned off",
        left.id: "no longer confirmed",
        inactive.id: "inactive user",
    }
    # The batch's read (1), the session's lazy flush set and reset (2), then per row: its
    # transaction (here a savepoint and its release), the claim and the mark (4 statements).
    with django_assert_num_queries(1 + 2 + 4 * size):
        assert delivery.notification_emails_deliver(notification_ids=ids) == []
    stored = dict(Notification.objects.filter(pk__in=ids[:3]).values_list("user_id", "email_error"))
    assert stored == {turned_off.id: "email turned off", left.id: "no longer confirmed", inactive.id: "inactive user"}
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in people[3:])


def test_a_kind_nobody_can_turn_off_is_not_skipped_in_a_batch_as_alone(make_user, make_event):
    """A stale preference row for a kind nobody can turn off (a safety alert) does not skip its
    email, in a batch as alone."""
    event = make_event()
    person = make_user()
    Participation.objects.create(event=event, user=person, status=Participation.Status.CONFIRMED)
    NotificationPreference.objects.bulk_create(
        [NotificationPreference(user=person, kind=Kind.SAFETY_ALERT, in_app=False, email=False)]
    )
    row = Notification.objects.create(
        user=person, kind=Kind.SAFETY_ALERT, event=event, title="Alguém sumiu", email_status=EmailStatus.PENDING
    )
    facts = delivery.BatchFacts.load([row.id])
    assert delivery.skip_reason(row) == delivery.skip_reason(row, facts) == ""


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


def test_a_batch_renders_each_mutirao_s_message_once(make_user, make_event, monkeypatch):
    """The templates run once per mutirão of a batch, not once per person (then each person's name
    and check-in code are put in)."""
    first, people, ids = _pending_reminders(make_user, make_event, 5)
    second, _others, more = _pending_reminders(make_user, make_event, 3)
    rendered = []
    real = delivery.render_to_string

    def counting(name, context):
        rendered.append((name, context["event"].id))
        return real(name, context)

    monkeypatch.setattr(delivery, "render_to_string", counting)
    assert delivery.notification_emails_deliver(notification_ids=ids + more) == []
    assert len(mail.outbox) == 8
    assert sorted(rendered) == sorted(
        (f"notifications/email/reminder.{ext}", event.id) for event in (first, second) for ext in ("txt", "html")
    )
    codes = dict(Participation.objects.filter(event=first).values_list("user_id", "code"))
    for person, message in zip(people, mail.outbox[:5], strict=True):
        assert message.to == [person.email]
        assert f"Olá, {person.first_name}!" in message.body
        assert codes[person.id] in message.body
        assert codes[person.id] in message.alternatives[0][0]


@pytest.mark.parametrize("kind", Kind.values)  # every kind: each can be emailed (test_email_templates)
def test_a_message_rendered_once_for_the_batch_is_the_one_rendered_alone(kind, make_user, make_event, monkeypatch):
    """Every kind, people whose name needs escaping, seats with and without a code, in every
    status: the batch's email equals, header for header and byte for byte, the one built alone."""
    event = make_event(
        title="Praia & <Mangue>",
        what_to_bring="Luvas\n'chapéu'",
        tools_provided="Pás & sacos",
        cancellation_reason="Chuva <forte>",
    )
    names = ["Ana", 'O\'Brien <&> "Zé"', "Iara", "Bia", "Caio"]
    statuses = [Participation.Status.CONFIRMED, Participation.Status.CONFIRMED, Participation.Status.WAITLISTED, None]
    rows = []
    for i, name in enumerate(names):
        person = make_user(first_name=name, last_name=f"Sobrenome{i}", display_name=f"Apelido{i}")
        if name == "Bia":  # an account from before the name was required
            User.objects.filter(pk=person.pk).update(first_name="")
        status = statuses[i % len(statuses)]
        if status is not None:
            seat = Participation.objects.create(event=event, user=person, status=status)
            if i == 4:
                Participation.objects.filter(pk=seat.pk).update(code="")
        rows.append(
            Notification(
                user=person,
                kind=kind,
                event=None if kind == Kind.WELCOME else event,
                title=f"Sobre {event.title}",
                body="Corpo <com> & 'aspas'\nlinha dois",
                url=f"/eventos/{event.id}",
                email_status=EmailStatus.PENDING,
                dedupe_key=f"test:{kind}:{person.id}",
            )
        )
    Notification.objects.bulk_create(rows)
    notifications = list(Notification.objects.select_related("user", "event").order_by("id"))
    # The .ics carries the moment it was written (DTSTAMP, to the second): the same for both.
    from mutiroes.events import ics

    class Stopped(datetime):
        @classmethod
        def now(cls, tz=None):
            return datetime(2026, 12, 2, 10, 0, 0, tzinfo=tz)

    monkeypatch.setattr(ics, "datetime", Stopped)
    facts = delivery.BatchFacts.load([n.id for n in notifications])
    for notification in notifications:
        together = delivery.email_message_build(notification, facts)
        alone = delivery.email_message_build(notification)
        assert together.subject == alone.subject
        assert together.to == alone.to
        assert together.extra_headers == alone.extra_headers
        assert together.body == alone.body
        assert together.alternatives == alone.alternatives
        assert together.attachments == alone.attachments
        assert together.message().as_bytes() != b""
    assert len(facts.rendered) < len(notifications)


def test_a_message_that_cannot_be_built_fails_for_good_and_the_rest_go_out(make_user, make_event, monkeypatch):
    """A broken template (or any error building the message) is not worth retrying: the row is
    marked failed with its attempt counted, so the sweep does not pick it up forever."""
    from django.template import TemplateDoesNotExist

    _event, people, ids = _pending_reminders(make_user, make_event, 3)
    real = delivery.email_message_build

    def broken_for_one(notification, facts=None):
        if notification.id == ids[1]:
            raise TemplateDoesNotExist("notifications/email/reminder.txt")
        return real(notification, facts)

    monkeypatch.setattr(delivery, "email_message_build", broken_for_one)
    assert delivery.notification_emails_deliver(notification_ids=ids) == []
    rows = {row.id: row for row in Notification.objects.filter(id__in=ids)}
    assert [rows[i].email_status for i in ids] == [EmailStatus.SENT, EmailStatus.FAILED, EmailStatus.SENT]
    assert rows[ids[1]].email_attempts == 1
    assert rows[ids[1]].email_error.startswith("build: TemplateDoesNotExist")
    assert rows[ids[1]].email_sent_at is None
    assert sorted(m.to[0] for m in mail.outbox) == sorted([people[0].email, people[2].email])
    assert delivery.notification_email_deliver(notification_id=ids[1]) == "not pending"
