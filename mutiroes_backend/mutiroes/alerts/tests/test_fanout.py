"""Publishing tells the people watching the place: in the app, and by e-mail at once or in a daily
digest; in batches like the broadcasts, once per person, also when a batch runs again."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone

from mutiroes.alerts import services, tasks
from mutiroes.alerts.models import AlertArea, AlertFanout, AlertSettings
from mutiroes.core import queue
from mutiroes.events.models import Event
from mutiroes.notifications.models import Notification, NotificationPreference
from mutiroes.notifications.tasks import notification_email_send
from mutiroes.users.models import User

pytestmark = pytest.mark.django_db
SE = (-23.5503, -46.6339)
Kind = Notification.Kind


@pytest.fixture
def draft(make_event):
    return make_event(
        title="Limpeza do Tamanduateí",
        city="São Paulo",
        state="SP",
        latitude=SE[0],
        longitude=SE[1],
        address="Praça da Sé",
        status=Event.Status.DRAFT,
    )


def _watch(user, **fields):
    return AlertArea.objects.create(user=user, kind="radius", latitude=SE[0], longitude=SE[1], radius_km=5, **fields)


def _publish(client_for, organizer, event, capture):
    with capture(execute=True):
        response = client_for(organizer).post(f"/api/events/{event.id}/publish/")
    assert response.status_code == 200, response.json()


def test_publishing_notifies_in_the_app_and_by_email(
    client_for, organizer, draft, make_user, django_capture_on_commit_callbacks
):
    watcher, elsewhere = make_user(), make_user()
    _watch(watcher)
    AlertArea.objects.create(user=elsewhere, kind="city", city="Recife", state="PE", city_key="recife")
    _publish(client_for, organizer, draft, django_capture_on_commit_callbacks)

    notification = Notification.objects.get(kind=Kind.NEW_NEARBY)
    assert notification.user == watcher and notification.event == draft
    assert notification.title == "Novo mutirão perto de você: Limpeza do Tamanduateí"
    assert notification.url == f"/eventos/{draft.id}"
    assert notification.email_status == Notification.EmailStatus.SENT
    listed = client_for(watcher).get("/api/notifications/").json()["results"]
    assert [n["title"] for n in listed] == ["Novo mutirão perto de você: Limpeza do Tamanduateí"]
    [message] = mail.outbox
    assert message.to == [watcher.email]
    assert "Um mutirão acaba de ser publicado em uma área que você acompanha." in message.body
    assert "/alertas" in message.body
    fanout = AlertFanout.objects.get(event=draft)
    assert (fanout.recipients, fanout.batches, fanout.completed_at is not None) == (1, 1, True)


def test_creating_a_published_mutirao_notifies_too(
    client_for, organizer, category, make_user, django_capture_on_commit_callbacks
):
    watcher = make_user()
    _watch(watcher)
    start = timezone.now() + timedelta(days=5)
    body = {
        "title": "Plantio na Sé",
        "description": "d",
        "category": category.id,
        "address": "Praça da Sé",
        "city": "São Paulo",
        "state": "SP",
        "latitude": SE[0],
        "longitude": SE[1],
        "start": start.isoformat(),
        "end": (start + timedelta(hours=2)).isoformat(),
        "capacity": 20,
        "status": "published",
    }
    with django_capture_on_commit_callbacks(execute=True):
        assert client_for(organizer).post("/api/events/", body, format="json").status_code == 201
    assert list(Notification.objects.filter(kind=Kind.NEW_NEARBY).values_list("user_id", flat=True)) == [watcher.id]


def test_preferences_are_honoured(client_for, organizer, draft, make_user, django_capture_on_commit_callbacks):
    no_email, no_app, nothing = make_user(), make_user(), make_user()
    for person in (no_email, no_app, nothing):
        _watch(person)
    NotificationPreference.objects.create(user=no_email, kind=Kind.NEW_NEARBY, email=False)
    NotificationPreference.objects.create(user=no_app, kind=Kind.NEW_NEARBY, in_app=False)
    NotificationPreference.objects.create(user=nothing, kind=Kind.NEW_NEARBY, in_app=False, email=False)
    _publish(client_for, organizer, draft, django_capture_on_commit_callbacks)
    rows = {n.user_id: n for n in Notification.objects.filter(kind=Kind.NEW_NEARBY)}
    assert set(rows) == {no_email.id, no_app.id}
    assert rows[no_email.id].in_app and rows[no_email.id].email_status == "skipped"
    assert not rows[no_app.id].in_app and rows[no_app.id].email_status == "sent"
    assert [m.to for m in mail.outbox] == [[no_app.email]]


def test_a_draft_an_unlisted_or_a_second_publication_sends_nothing(organizer, make_event, make_user):
    watcher = make_user()
    _watch(watcher)
    unlisted = make_event(latitude=SE[0], longitude=SE[1], visibility=Event.Visibility.UNLISTED)
    draft = make_event(latitude=SE[0], longitude=SE[1], status=Event.Status.DRAFT)
    assert services.alert_fanout_start(event_id=unlisted.id) is None
    assert services.alert_fanout_start(event_id=draft.id) is None
    public = make_event(latitude=SE[0], longitude=SE[1])
    assert services.alert_fanout_start(event_id=public.id) is not None
    assert services.alert_fanout_start(event_id=public.id) is None
    assert AlertFanout.objects.count() == 1


def test_an_alert_email_for_a_mutirao_cancelled_meanwhile_is_skipped(
    make_event, make_user, django_capture_on_commit_callbacks
):
    watcher = make_user()
    _watch(watcher)
    event = make_event(latitude=SE[0], longitude=SE[1])
    fanout = services.alert_fanout_start(event_id=event.id)
    with django_capture_on_commit_callbacks(execute=False):
        services.alert_batch_deliver(fanout_id=fanout.id)
    Event.objects.filter(pk=event.id).update(status=Event.Status.CANCELLED)
    notification = Notification.objects.get(kind=Kind.NEW_NEARBY)
    assert notification_email_send(notification_id=notification.id) == "skipped"
    assert mail.outbox == []


def test_daily_digest_gathers_the_alerts_in_one_email_a_day(make_event, make_user, django_capture_on_commit_callbacks):
    daily, at_once = make_user(), make_user()
    for person in (daily, at_once):
        _watch(person)
    AlertSettings.objects.create(user=daily, email_frequency="daily")
    with django_capture_on_commit_callbacks(execute=True):
        for title in ("Primeiro mutirão", "Segundo mutirão"):
            event = make_event(title=title, latitude=SE[0], longitude=SE[1])
            tasks.event_alerts_send(event_id=event.id)
    assert [m.to for m in mail.outbox] == [[at_once.email], [at_once.email]]
    waiting = Notification.objects.filter(user=daily, kind=Kind.NEW_NEARBY)
    assert {(n.in_app, n.email_status, n.email_error) for n in waiting} == {(True, "skipped", services.IN_DIGEST)}

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.alert_digests_send() is False
        assert services.alert_digests_send() is False  # again: nothing new
    [digest] = mail.outbox
    assert digest.to == [daily.email]
    assert digest.subject == "Mutirões: 2 novos mutirões perto de você"
    assert "Primeiro mutirão" in digest.body and "Segundo mutirão" in digest.body
    row = Notification.objects.get(user=daily, in_app=False)
    assert row.email_status == "sent" and row.event_id is None
    assert client_list_titles(daily) == [
        "Novo mutirão perto de você: Segundo mutirão",
        "Novo mutirão perto de você: Primeiro mutirão",
    ]

    # A new alert the same day waits for the next day's digest.
    with django_capture_on_commit_callbacks(execute=True):
        tasks.event_alerts_send(event_id=make_event(title="Terceiro", latitude=SE[0], longitude=SE[1]).id)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.alert_digests_send() is False
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        services.alert_digests_send(now=timezone.now() + timedelta(hours=25))
    assert [m.subject for m in mail.outbox] == ["Mutirões: Um novo mutirão perto de você"]


def client_list_titles(user):
    return list(Notification.objects.filter(user=user, in_app=True).values_list("title", flat=True))


def test_the_sweep_starts_a_lost_fanout_and_restarts_a_stalled_one(
    make_event, make_user, django_capture_on_commit_callbacks
):
    watcher = make_user()
    _watch(watcher)
    lost = make_event(latitude=SE[0], longitude=SE[1])
    Event.objects.filter(pk=lost.pk).update(published_at=timezone.now() - timedelta(minutes=5))
    stalled_event = make_event(latitude=SE[0], longitude=SE[1])
    stalled = AlertFanout.objects.create(event=stalled_event)
    AlertFanout.objects.filter(pk=stalled.pk).update(updated_at=timezone.now() - timedelta(minutes=5))
    with django_capture_on_commit_callbacks(execute=True):
        assert services.alerts_sweep() == {"stalled": 1, "started": 1}
    assert set(Notification.objects.filter(user=watcher).values_list("event_id", flat=True)) == {
        lost.id,
        stalled_event.id,
    }
    assert services.alerts_sweep() == {"stalled": 0, "started": 0}


def test_fifty_thousand_people_in_sao_paulo_in_batches_once_each(
    organizer, draft, monkeypatch, settings, django_capture_on_commit_callbacks
):
    """50,000 people watch São Paulo: 100 batches of 500, one notification each, one e-mail task
    per EMAIL_BATCH_SIZE of each; the whole walk run again (a broker redelivery, the sweep) writes nothing more."""
    total = 50_000
    User.objects.bulk_create(
        [User(email=f"sp{i}@exemplo.com.br", first_name=f"P{i}", password="!") for i in range(total)],
        batch_size=5000,
    )
    ids = list(User.objects.filter(email__startswith="sp").values_list("id", flat=True))
    areas = [
        AlertArea(user_id=uid, kind="radius", latitude=SE[0] + (i % 100) * 0.0005, longitude=SE[1], radius_km=10)
        if i % 2
        else AlertArea(user_id=uid, kind="city", city="Sao Paulo", state="SP", city_key="sao paulo")
        for i, uid in enumerate(ids)
    ]
    AlertArea.objects.bulk_create(areas, batch_size=5000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE alerts_alertarea")

    published: list[tuple[str, dict]] = []
    monkeypatch.setattr(queue, "enqueue", lambda task, **kwargs: published.append((task, kwargs)))

    def run(task: str, **kwargs) -> None:
        """Run the queued alert tasks like a worker would, one at a time; e-mails stay queued."""
        with django_capture_on_commit_callbacks(execute=True):
            getattr(tasks, task.rpartition(".")[2])(**kwargs)

    draft.status = Event.Status.PUBLISHED
    draft.published_at = timezone.now()
    draft.save()
    run("mutiroes.alerts.tasks.event_alerts_send", event_id=draft.id)
    batches = 0
    while pending := [p for p in published if p[0] == "mutiroes.alerts.tasks.alert_batch_send"]:
        published.remove(pending[0])
        run(pending[0][0], **pending[0][1])
        batches += 1
    assert batches == total // 500
    fanout = AlertFanout.objects.get(event=draft)
    assert (fanout.batches, fanout.recipients, fanout.completed_at is not None) == (100, total, True)
    alerts = Notification.objects.filter(kind=Kind.NEW_NEARBY, event=draft)
    assert alerts.count() == total
    assert alerts.values("user_id").distinct().count() == total
    # One e-mail task per EMAIL_BATCH_SIZE of a batch, each naming its notifications: every one once.
    emails = [p for p in published if p[0] == "mutiroes.notifications.tasks.notification_emails_send"]
    assert len(emails) == total // settings.NOTIFICATIONS["EMAIL_BATCH_SIZE"]
    named = [notification_id for p in emails for notification_id in p[1]["notification_ids"]]
    assert len(named) == total and set(named) == set(alerts.values_list("id", flat=True))

    # The e-mails went out; then the walk runs again from the start: the dedupe keys let nothing
    # through twice (an e-mail still pending would only be enqueued again, which its task skips).
    alerts.update(email_status=Notification.EmailStatus.SENT)
    AlertFanout.objects.filter(pk=fanout.pk).update(cursor_user_id=0, completed_at=None)
    published.clear()
    run("mutiroes.alerts.tasks.alert_batch_send", fanout_id=fanout.id)
    while pending := [p for p in published if p[0] == "mutiroes.alerts.tasks.alert_batch_send"]:
        published.remove(pending[0])
        run(pending[0][0], **pending[0][1])
    assert alerts.count() == total
    assert not [p for p in published if p[0].startswith("mutiroes.notifications.tasks.notification_email")]
