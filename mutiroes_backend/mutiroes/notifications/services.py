"""Notifications: what each person is told, recorded first, delivered after commit.

Every message starts as a row written in the transaction of the change that causes it:
a `Notification` for one person, or a `Broadcast` for everyone in a mutirão (fanned out
later by tasks, one batch of people per task). The email task and the sweep deliver
them; nothing here talks to the broker before the transaction commits.
"""

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, override

from mutiroes.core.exceptions import Conflict, NotFound, TooManyRequests
from mutiroes.core.queue import enqueue, enqueue_on_commit
from mutiroes.events import rules
from mutiroes.events.models import Event, Participation
from mutiroes.events.services.locks import event_lock_for_manager
from mutiroes.notifications import selectors
from mutiroes.notifications.models import Broadcast, Notification, NotificationPreference
from mutiroes.users.models import User

Kind = Notification.Kind
EmailStatus = Notification.EmailStatus
LANGUAGE = "pt-br"


def _event_url(event_id: int) -> str:
    return f"/eventos/{event_id}"


def _when(moment: datetime) -> str:
    return date_format(timezone.localtime(moment), "l, d/m/Y, H:i")


def _place(event: Event) -> str:
    return f"{event.address} — {event.city}/{event.state}"


# ---------------------------------------------------------------- one person
def notification_create(
    *,
    user_id: int,
    kind: str,
    title: str,
    body: str = "",
    event_id: int | None = None,
    url: str | None = None,
    dedupe_key: str | None = None,
) -> Notification | None:
    """Record one notification as the person's preferences allow; email after commit.

    Returns None when the person turned both channels off for this kind, or when a notification
    with the same `dedupe_key` was already recorded (a task that runs twice tells once).
    """
    channels = selectors.notification_channels(user_ids=[user_id], kind=kind)[user_id]
    if not channels.any:
        return None
    if dedupe_key is not None and Notification.objects.filter(dedupe_key=dedupe_key).exists():
        return None
    notification = Notification.objects.create(
        user_id=user_id,
        kind=kind,
        event_id=event_id,
        dedupe_key=dedupe_key,
        title=title[:200],
        body=body,
        url=url if url is not None else (_event_url(event_id) if event_id else ""),
        in_app=channels.in_app,
        email_status=EmailStatus.PENDING if channels.email else EmailStatus.SKIPPED,
    )
    if channels.email:
        enqueue_on_commit("mutiroes.notifications.tasks.notification_email_send", notification_id=notification.id)
    return notification


def welcome_notify(*, user: User) -> Notification | None:
    with override(LANGUAGE):
        return notification_create(
            user_id=user.id,
            kind=Kind.WELCOME,
            title=_("Welcome to Mutirões, %(name)s!") % {"name": user.first_name},
            body=_("Find a mutirão near you and sign up. Together we take care of where we live."),
        )


_PARTICIPATION_TITLES: dict[str, str] = {
    Kind.CONFIRMED: gettext_noop("You're in: %(title)s"),
    Kind.WAITLISTED: gettext_noop("You're on the waitlist: %(title)s"),
    Kind.PENDING: gettext_noop("Request sent: %(title)s"),
    Kind.APPROVED: gettext_noop("Request approved: %(title)s"),
    Kind.REJECTED: gettext_noop("Request declined: %(title)s"),
    Kind.PROMOTED: gettext_noop("A seat opened up for you: %(title)s"),
}


def participation_notify(*, participation: Participation, kind: str) -> Notification | None:
    if kind in (Kind.REJECTED, "removed"):
        return participation_rejected_notify(
            participation=participation, removed=kind == "removed", reason=participation.rejection_reason
        )
    event = participation.event
    with override(LANGUAGE):
        title = _(_PARTICIPATION_TITLES[kind]) % {"title": event.title}
        body = _("%(title)s, %(when)s, %(place)s.") % {
            "title": event.title,
            "when": _when(event.start),
            "place": _place(event),
        }
        return notification_create(user_id=participation.user_id, kind=kind, title=title, body=body, event_id=event.id)


def participation_rejected_notify(*, participation: Participation, removed: bool, reason: str) -> Notification | None:
    """Tell a person their request was declined, or that they were removed, with the organizer's reason."""
    event = participation.event
    with override(LANGUAGE):
        if removed:
            title = _("You were removed from: %(title)s") % {"title": event.title}
        else:
            title = _(_PARTICIPATION_TITLES[Kind.REJECTED]) % {"title": event.title}
        body = (
            _("The organizer's reason: %(reason)s") % {"reason": reason}
            if reason
            else _("The organizer did not give a reason.")
        )
        return notification_create(
            user_id=participation.user_id, kind=Kind.REJECTED, title=title, body=body, event_id=event.id
        )


def comment_notify(*, comment: Any, recipient_ids: set[int]) -> int:
    """Tell these people (never the comment's author) about a new comment or reply, as each
    person's preferences for `comment` allow. Returns how many were told."""
    event = comment.event
    with override(LANGUAGE):
        if comment.parent_id is None:
            title = _("New comment on %(title)s") % {"title": event.title}
        else:
            title = _("New reply on %(title)s") % {"title": event.title}
        # Neither the text nor the author's name: moderation may hide the comment and the author may
        # erase their account later (LGPD), and a copy in someone else's notification would outlive both.
        body = _("Open the mutirão to read it and reply.")
    told = 0
    for user_id in sorted(recipient_ids - {comment.author_id}):
        created = notification_create(user_id=user_id, kind=Kind.COMMENT, title=title, body=body, event_id=event.id)
        told += created is not None
    return told


# ---------------------------------------------------------------- everyone in a mutirão
def emails_enqueue_on_commit(*, notification_ids: list[int]) -> None:
    """After commit, one `notification_emails_send` task (one mail connection) per
    `EMAIL_BATCH_SIZE` of these pending emails: a fan-out's batch is shared among the workers."""
    size = settings.NOTIFICATIONS["EMAIL_BATCH_SIZE"]
    for start in range(0, len(notification_ids), size):
        chunk = notification_ids[start : start + size]
        enqueue_on_commit("mutiroes.notifications.tasks.notification_emails_send", notification_ids=chunk)


def _broadcast_create(*, event: Event, kind: str, title: str, body: str, once: bool = False) -> Broadcast | None:
    """Record a broadcast; its fan-out starts after commit. With `once`, a second one is a no-op."""
    fields = {"event_id": event.id, "kind": kind, "title": title[:200], "body": body}
    if once:
        try:
            with transaction.atomic():
                broadcast = Broadcast.objects.create(**fields)
        except IntegrityError:
            return None
    else:
        broadcast = Broadcast.objects.create(**fields)
    enqueue_on_commit("mutiroes.notifications.tasks.broadcast_batch_send", broadcast_id=broadcast.id)
    return broadcast


def event_changed_notify(*, event: Event) -> Broadcast:
    """Tell everyone signed up about the new time or place. Call inside the change's transaction."""
    with override(LANGUAGE):
        broadcast = _broadcast_create(
            event=event,
            kind=Broadcast.Kind.EVENT_CHANGED,
            title=_("Mutirão changed: %(title)s") % {"title": event.title},
            body=_("New date and place: %(when)s, %(place)s.") % {"when": _when(event.start), "place": _place(event)},
        )
    assert broadcast is not None
    return broadcast


def event_cancelled_notify(*, event: Event) -> Broadcast:
    """Tell everyone signed up that the mutirão is cancelled. Call inside the cancel's transaction."""
    with override(LANGUAGE):
        broadcast = _broadcast_create(
            event=event,
            kind=Broadcast.Kind.EVENT_CANCELLED,
            title=_("Mutirão cancelled: %(title)s") % {"title": event.title},
            body=event.cancellation_reason or _("The organizer cancelled this mutirão."),
        )
    assert broadcast is not None
    return broadcast


@transaction.atomic
def organizer_message_send(*, event_id: int, user: User, title: str, body: str) -> Broadcast:
    """The organizer's message to everyone signed up (in-app and e-mail, fanned out in batches
    after commit).

    Only while `rules.can_message` (published or completed), and at most
    `ORGANIZER_MESSAGES_PER_DAY` per mutirão in 24 hours, counted under the event's row lock so
    two at once cannot both pass.
    """
    event = event_lock_for_manager(event_id=event_id, user=user)
    if not rules.can_message(event):
        raise Conflict(_("Messages go to the participants of a published mutirão."), code="event_closed")
    limit = settings.NOTIFICATIONS["ORGANIZER_MESSAGES_PER_DAY"]
    since = timezone.now() - timedelta(hours=24)
    if selectors.organizer_messages_since(event_id=event.id, since=since) >= limit:
        raise TooManyRequests(
            _("You have already sent %(limit)d messages about this mutirão in the last 24 hours.") % {"limit": limit},
            code="message_limit",
        )
    title, body = title.strip(), body.strip()
    with override(LANGUAGE):
        subject = _("Message from the organizer of %(title)s") % {"title": event.title}
    broadcast = _broadcast_create(
        event=event, kind=Broadcast.Kind.ORGANIZER_MESSAGE, title=f"{subject}: {title}", body=body
    )
    assert broadcast is not None
    return broadcast


def report_published_notify(*, event_id: int) -> Broadcast | None:
    """Tell those who took part that the impact report is out. Once per mutirão.

    Call inside the transaction that publishes the report; a second call is a no-op.
    """
    event = Event.objects.get(pk=event_id)
    with override(LANGUAGE):
        return _broadcast_create(
            event=event,
            kind=Broadcast.Kind.REPORT_PUBLISHED,
            title=_("Impact report published: %(title)s") % {"title": event.title},
            body=_("See what we achieved together in %(title)s.") % {"title": event.title},
            once=True,
        )


def reminders_schedule(*, now: datetime | None = None) -> int:
    """Record one reminder broadcast per published mutirão starting within the reminder window.

    Idempotent: the `broadcast_once_per_event` constraint makes a second or late run a no-op.
    """
    now = now or timezone.now()
    horizon = now + timedelta(hours=settings.NOTIFICATIONS["REMINDER_HOURS_BEFORE"])
    already = Broadcast.objects.filter(kind=Broadcast.Kind.REMINDER).values("event_id")
    events = Event.objects.filter(status=Event.Status.PUBLISHED, start__gt=now, start__lte=horizon).exclude(
        pk__in=already
    )
    scheduled = 0
    for event in events:
        with transaction.atomic(), override(LANGUAGE):
            broadcast = _broadcast_create(
                event=event,
                kind=Broadcast.Kind.REMINDER,
                title=_("Reminder: %(title)s") % {"title": event.title},
                body=_("See you on %(when)s, %(place)s.") % {"when": _when(event.start), "place": _place(event)},
                once=True,
            )
        scheduled += broadcast is not None
    return scheduled


def broadcast_batch_deliver(*, broadcast_id: int) -> bool:
    """Write the next batch of a broadcast's notifications; True when another batch follows.

    Runs under the broadcast's row lock (a duplicate task skips it) and inserts with a
    per-person dedupe key, so a redelivered batch writes nothing twice.
    """
    size = settings.NOTIFICATIONS["BATCH_SIZE"]
    with transaction.atomic():
        broadcast = (
            Broadcast.objects.select_for_update(skip_locked=True)
            .filter(pk=broadcast_id, completed_at__isnull=True)
            .first()
        )
        if broadcast is None:
            return False
        user_ids = list(
            Participation.objects.filter(
                event_id=broadcast.event_id,
                status__in=selectors.broadcast_recipient_statuses(kind=broadcast.kind),
                user_id__gt=broadcast.cursor_user_id,
                user__is_active=True,
            )
            .order_by("user_id")
            .values_list("user_id", flat=True)[:size]
        )
        channels = selectors.notification_channels(user_ids=user_ids, kind=broadcast.kind)
        rows = [
            Notification(
                user_id=user_id,
                kind=broadcast.kind,
                event_id=broadcast.event_id,
                title=broadcast.title,
                body=broadcast.body,
                url=_event_url(broadcast.event_id),
                in_app=channels[user_id].in_app,
                email_status=EmailStatus.PENDING if channels[user_id].email else EmailStatus.SKIPPED,
                dedupe_key=f"broadcast:{broadcast.id}:{user_id}",
            )
            for user_id in user_ids
            if channels[user_id].any
        ]
        Notification.objects.bulk_create(rows, ignore_conflicts=True)
        pending = list(
            Notification.objects.filter(
                dedupe_key__in=[row.dedupe_key for row in rows], email_status=EmailStatus.PENDING
            )
            .order_by("id")
            .values_list("id", flat=True)
        )
        more = len(user_ids) == size
        if more:  # first: the walk goes on while the workers send this batch's emails
            enqueue_on_commit("mutiroes.notifications.tasks.broadcast_batch_send", broadcast_id=broadcast.id)
        emails_enqueue_on_commit(notification_ids=pending)
        if user_ids:
            broadcast.cursor_user_id = user_ids[-1]
        broadcast.recipients += len(rows)
        if not more:
            broadcast.completed_at = timezone.now()
        broadcast.save(update_fields=["cursor_user_id", "recipients", "completed_at", "updated_at"])
    return more


# ---------------------------------------------------------------- one batch of people
def notifications_fan_out(
    *, user_ids: list[int], kind: str, title: str, body: str, event_id: int, dedupe_prefix: str
) -> int:
    """Record one notification per person (as each one's preferences allow) and enqueue their
    emails after commit. Keyed by `dedupe_prefix:user_id`: a redelivered batch writes nothing
    twice. For fan-outs that walk other audiences than a mutirão's participants (a collective's
    followers); call inside the batch's transaction. Returns the rows written."""
    channels = selectors.notification_channels(user_ids=user_ids, kind=kind)
    rows = [
        Notification(
            user_id=user_id,
            kind=kind,
            event_id=event_id,
            title=title[:200],
            body=body,
            url=_event_url(event_id),
            in_app=channels[user_id].in_app,
            email_status=EmailStatus.PENDING if channels[user_id].email else EmailStatus.SKIPPED,
            dedupe_key=f"{dedupe_prefix}:{user_id}",
        )
        for user_id in user_ids
        if channels[user_id].any
    ]
    Notification.objects.bulk_create(rows, ignore_conflicts=True)
    pending = Notification.objects.filter(
        dedupe_key__in=[row.dedupe_key for row in rows], email_status=EmailStatus.PENDING
    ).values_list("id", flat=True)
    for notification_id in pending:
        enqueue_on_commit("mutiroes.notifications.tasks.notification_email_send", notification_id=notification_id)
    return len(rows)


# ---------------------------------------------------------------- the outbox sweep
def outbox_sweep(*, now: datetime | None = None, limit: int = 1000) -> dict[str, int]:
    """Re-enqueue what is still pending after a while: emails and stalled fan-outs.

    What the broker lost (Redis down at commit, a worker killed) is picked up here; the
    tasks are idempotent, so re-enqueueing something already queued is harmless.
    """
    now = now or timezone.now()
    cutoff = now - timedelta(seconds=settings.NOTIFICATIONS["SWEEP_AFTER_SECONDS"])
    notification_ids = list(
        Notification.objects.filter(email_status=EmailStatus.PENDING, created_at__lte=cutoff)
        .filter(Q(email_last_attempt_at__isnull=True) | Q(email_last_attempt_at__lte=cutoff))
        .order_by("created_at")
        .values_list("id", flat=True)[:limit]
    )
    broadcast_ids = list(
        Broadcast.objects.filter(completed_at__isnull=True, updated_at__lte=cutoff)
        .order_by("updated_at")
        .values_list("id", flat=True)[:limit]
    )
    for broadcast_id in broadcast_ids:
        enqueue("mutiroes.notifications.tasks.broadcast_batch_send", broadcast_id=broadcast_id)
    for notification_id in notification_ids:
        enqueue("mutiroes.notifications.tasks.notification_email_send", notification_id=notification_id)
    return {"notifications": len(notification_ids), "broadcasts": len(broadcast_ids)}


# ---------------------------------------------------------------- the in-app list
@transaction.atomic
def notification_mark_read(*, notification_id: int, user: User) -> Notification:
    notification = Notification.objects.filter(pk=notification_id, user=user, in_app=True).first()
    if notification is None:
        raise NotFound(_("Notification not found."))
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


def notifications_mark_all_read(*, user: User) -> int:
    return Notification.objects.filter(user=user, in_app=True, read_at__isnull=True).update(read_at=timezone.now())


# ---------------------------------------------------------------- preferences
@transaction.atomic
def notification_preferences_update(*, user: User, changes: list[dict[str, Any]]) -> None:
    """Apply `[{kind, in_app?, email?}, ...]`; a channel left out keeps its value."""
    for change in changes:
        preference, _created = NotificationPreference.objects.select_for_update().get_or_create(
            user=user, kind=change["kind"]
        )
        for channel in ("in_app", "email"):
            if channel in change:
                setattr(preference, channel, change[channel])
        preference.save()
