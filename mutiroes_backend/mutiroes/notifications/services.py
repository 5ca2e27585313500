"""Notifications: what each person is told, recorded first, delivered after commit."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, override

from mutiroes.core.queue import enqueue_on_commit
from mutiroes.notifications.models import Notification
from mutiroes.notifications.tasks import notification_email_send

Kind = Notification.Kind


def _event_url(event_id: int) -> str:
    return f"/eventos/{event_id}"


def notification_create(
    *, user_id: int, kind: str, title: str, body: str = "", event_id: int | None = None
) -> Notification:
    notification = Notification.objects.create(
        user_id=user_id,
        kind=kind,
        event_id=event_id,
        title=title[:200],
        body=body,
        url=_event_url(event_id) if event_id else "",
    )
    enqueue_on_commit(notification_email_send, notification_id=notification.id)
    return notification


def welcome_notify(*, user) -> Notification:
    with override("pt-br"):
        return notification_create(
            user_id=user.id,
            kind=Kind.WELCOME,
            title=_("Welcome to Mutirões, %(name)s!") % {"name": user.first_name},
            body=_("Find a mutirão near you and sign up. Together we take care of where we live."),
        )


_PARTICIPATION_TITLES = {
    Kind.CONFIRMED: gettext_noop("You're in: %(title)s"),
    Kind.WAITLISTED: gettext_noop("You're on the waitlist: %(title)s"),
    Kind.PENDING: gettext_noop("Request sent: %(title)s"),
    Kind.APPROVED: gettext_noop("Request approved: %(title)s"),
    Kind.REJECTED: gettext_noop("Request declined: %(title)s"),
    Kind.PROMOTED: gettext_noop("A seat opened up for you: %(title)s"),
}


def participation_notify(*, participation, kind: str) -> Notification:
    event = participation.event
    with override("pt-br"):
        title = _(_PARTICIPATION_TITLES[kind]) % {"title": event.title}
        when = timezone.localtime(event.start).strftime("%d/%m/%Y %H:%M")
        body = _("%(title)s, %(when)s, %(address)s — %(city)s/%(state)s.") % {
            "title": event.title,
            "when": when,
            "address": event.address,
            "city": event.city,
            "state": event.state,
        }
        return notification_create(user_id=participation.user_id, kind=kind, title=title, body=body, event_id=event.id)


def _notify_everyone_signed_up(*, event, kind: str, title: str, body: str) -> int:
    from mutiroes.events.models import Participation

    user_ids = list(
        Participation.objects.filter(event=event, status__in=Participation.ACTIVE).values_list("user_id", flat=True)
    )
    for user_id in user_ids:
        notification_create(user_id=user_id, kind=kind, title=title, body=body, event_id=event.id)
    return len(user_ids)


def event_changed_notify(*, event) -> int:
    with override("pt-br"):
        when = timezone.localtime(event.start).strftime("%d/%m/%Y %H:%M")
        return _notify_everyone_signed_up(
            event=event,
            kind=Kind.EVENT_CHANGED,
            title=_("Mutirão changed: %(title)s") % {"title": event.title},
            body=_("New date and place: %(when)s, %(address)s — %(city)s/%(state)s.")
            % {"when": when, "address": event.address, "city": event.city, "state": event.state},
        )


def event_cancelled_notify(*, event) -> int:
    with override("pt-br"):
        body = event.cancellation_reason or _("The organizer cancelled this mutirão.")
        return _notify_everyone_signed_up(
            event=event,
            kind=Kind.EVENT_CANCELLED,
            title=_("Mutirão cancelled: %(title)s") % {"title": event.title},
            body=body,
        )


@transaction.atomic
def notification_mark_read(*, notification_id: int, user) -> Notification:
    from mutiroes.core.exceptions import NotFound

    notification = Notification.objects.filter(pk=notification_id, user=user).first()
    if notification is None:
        raise NotFound(_("Notification not found."))
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


def notifications_mark_all_read(*, user) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).update(read_at=timezone.now())
