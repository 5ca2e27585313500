"""Preferences (API and effect), the outbox sweep and failed sends."""

import smtplib
from datetime import timedelta

import pytest
from celery.exceptions import Retry
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone

from mutiroes.core.tests.refusals import assert_refused
from mutiroes.events.models import Participation
from mutiroes.notifications import services
from mutiroes.notifications.models import Broadcast, Notification
from mutiroes.notifications.tasks import notification_email_send

pytestmark = pytest.mark.django_db
URL = "/api/notifications/preferences/"


def test_preferences_default_to_everything_on(client_for, user):
    response = client_for(user).get(URL, HTTP_ACCEPT_LANGUAGE="pt-br")
    assert response.status_code == 200
    preferences = {item["kind"]: item for item in response.json()["preferences"]}
    # Every kind but the safety alerts, which nobody can turn off.
    assert set(preferences) == set(Notification.Kind.values) - {"safety_alert"}
    assert preferences["reminder"] == {"kind": "reminder", "label": "Lembrete", "in_app": True, "email": True}


def test_patch_changes_only_the_given_channels(client_for, user):
    client = client_for(user)
    response = client.patch(URL, {"preferences": [{"kind": "reminder", "email": False}]}, format="json")
    assert response.status_code == 200
    reminder = next(item for item in response.json()["preferences"] if item["kind"] == "reminder")
    assert reminder["in_app"] is True and reminder["email"] is False
    client.patch(URL, {"preferences": [{"kind": "reminder", "in_app": False}]}, format="json")
    reminder = next(item for item in client.get(URL).json()["preferences"] if item["kind"] == "reminder")
    assert reminder["in_app"] is False and reminder["email"] is False


def test_patch_rejects_unknown_kinds_and_anonymous(client_for, user, api):
    response = client_for(user).patch(URL, {"preferences": [{"kind": "spam", "email": False}]}, format="json")
    assert_refused(response, 400, "invalid", "Dados inválidos. Confira os campos.")
    assert_refused(api.get(URL), 401, "not_authenticated", "As credenciais de autenticação não foram fornecidas.")


def test_email_off_keeps_the_in_app_notification(client_for, user, event, django_capture_on_commit_callbacks):
    client = client_for(user)
    client.patch(URL, {"preferences": [{"kind": "confirmed", "email": False}]}, format="json")
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(f"/api/events/{event.id}/join/").status_code == 201
    assert mail.outbox == []
    assert client.get("/api/notifications/").json()["count"] == 1
    assert Notification.objects.get().email_status == Notification.EmailStatus.SKIPPED


def test_in_app_off_sends_the_email_but_hides_it_from_the_list(
    client_for, user, event, django_capture_on_commit_callbacks
):
    client = client_for(user)
    client.patch(URL, {"preferences": [{"kind": "confirmed", "in_app": False}]}, format="json")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/api/events/{event.id}/join/")
    assert len(mail.outbox) == 1
    assert client.get("/api/notifications/").json()["count"] == 0


def test_both_off_records_nothing_also_in_fan_outs(
    client_for, user, make_user, event, django_capture_on_commit_callbacks
):
    client_for(user).patch(
        URL, {"preferences": [{"kind": "event_cancelled", "in_app": False, "email": False}]}, format="json"
    )
    other = make_user()
    for person in (user, other):
        Participation.objects.create(event=event, user=person, status=Participation.Status.CONFIRMED)
    with django_capture_on_commit_callbacks(execute=True):
        services.event_cancelled_notify(event=event)
    assert [m.to for m in mail.outbox] == [[other.email]]
    assert not Notification.objects.filter(user=user).exists()


def test_email_turned_off_after_recording_is_not_sent(client_for, user, django_capture_on_commit_callbacks):
    notification = services.notification_create(user_id=user.id, kind="welcome", title="Oi")
    client_for(user).patch(URL, {"preferences": [{"kind": "welcome", "email": False}]}, format="json")
    notification_email_send.delay(notification_id=notification.id)
    assert mail.outbox == []


# ---------------------------------------------------------------- the sweep
def test_sweep_sends_what_the_broker_lost(settings, user, event, make_user):
    # Recorded, but the after-commit enqueue never ran (as when Redis is down).
    lost = services.notification_create(user_id=user.id, kind="welcome", title="Oi")
    fresh = services.notification_create(user_id=make_user().id, kind="welcome", title="Oi")
    Notification.objects.filter(pk=lost.pk).update(created_at=timezone.now() - timedelta(minutes=5))
    Participation.objects.create(event=event, user=user, status=Participation.Status.CONFIRMED)
    broadcast = services.event_cancelled_notify(event=event)
    Broadcast.objects.filter(pk=broadcast.pk).update(updated_at=timezone.now() - timedelta(minutes=5))

    assert services.outbox_sweep() == {"notifications": 1, "broadcasts": 1}
    lost.refresh_from_db()
    fresh.refresh_from_db()
    assert lost.email_status == Notification.EmailStatus.SENT
    assert fresh.email_status == Notification.EmailStatus.PENDING  # too recent: its own task is on the way
    broadcast.refresh_from_db()
    assert broadcast.completed_at is not None
    assert Notification.objects.filter(kind="event_cancelled", user=user).count() == 1


class FlakyBackend(BaseEmailBackend):
    """The network boundary: a mail server that answers with a given SMTP code."""

    code = 451

    def send_messages(self, email_messages):
        raise smtplib.SMTPDataError(self.code, b"try later")


def test_transient_failures_retry_then_fail_after_the_bound(settings, user):
    settings.EMAIL_BACKEND = f"{__name__}.FlakyBackend"
    notification = services.notification_create(user_id=user.id, kind="welcome", title="Oi")
    with pytest.raises(Retry):  # a 4xx answer: retried later with backoff
        notification_email_send.delay(notification_id=notification.id)
    notification.refresh_from_db()
    assert notification.email_attempts == 1
    assert notification.email_status == Notification.EmailStatus.PENDING
    assert "try later" in notification.email_error
    for _attempt in range(settings.NOTIFICATIONS["MAX_EMAIL_ATTEMPTS"] - 2):
        with pytest.raises(Retry):
            notification_email_send.delay(notification_id=notification.id)
    notification_email_send.delay(notification_id=notification.id)  # the last allowed attempt
    notification.refresh_from_db()
    assert notification.email_attempts == settings.NOTIFICATIONS["MAX_EMAIL_ATTEMPTS"]
    assert notification.email_status == Notification.EmailStatus.FAILED


def test_permanent_failure_is_not_retried(settings, user):
    settings.EMAIL_BACKEND = f"{__name__}.FlakyBackend"
    FlakyBackend.code = 550
    try:
        notification = services.notification_create(user_id=user.id, kind="welcome", title="Oi")
        notification_email_send.delay(notification_id=notification.id)
    finally:
        FlakyBackend.code = 451
    notification.refresh_from_db()
    assert notification.email_attempts == 1
    assert notification.email_status == Notification.EmailStatus.FAILED
