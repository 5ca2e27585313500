"""Email delivery of one outbox row: render, send, mark sent — exactly once as far as we can.

The row is claimed with `SELECT … FOR UPDATE SKIP LOCKED` and stays locked while the
message goes to the mail server; `sent` is written in the same transaction right after
the server accepts it. A second copy of the task (broker redelivery, the sweep) either
skips the locked row or finds it `sent`. If the worker dies before the commit,
PostgreSQL rolls the claim back and the row is pending again: the message is resent
later. The only duplicate window is between the server's acceptance and our commit
(milliseconds), and the deterministic Message-ID lets mail systems drop such a copy.

A batch (`notification_emails_deliver`) reads its rows, their people and mutirões and the skip
checks' facts in one query first; each row's claim then locks it and reads back only its attempt
count, so the skip checks see the batch's snapshot (a preference or a seat changed during the
batch's second or so is seen by the next email). Its commits do not wait for the disk flush (see
`_marks_flushed_lazily`): a crash of PostgreSQL itself, not of the worker, may resend the last
fraction of a second's emails.
"""

import copy
import logging
import smtplib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.utils import parseaddr
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import connection as db_connection
from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.db.models.functions import JSONObject
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.translation import override

from mutiroes.events.ics import calendar_render
from mutiroes.events.models import Event, Participation
from mutiroes.notifications import selectors
from mutiroes.notifications.models import ALWAYS_ON_KINDS, Notification, NotificationPreference

logger = logging.getLogger(__name__)

Kind = Notification.Kind
EmailStatus = Notification.EmailStatus
LANGUAGE = "pt-br"
# Kinds whose email carries the mutirão as an .ics file, when the seat is confirmed.
ICS_KINDS = (Kind.CONFIRMED, Kind.PROMOTED, Kind.APPROVED)


class TransientEmailError(Exception):
    """The mail server or network failed in a way worth retrying."""


def message_id(notification: Notification) -> str:
    """The same Message-ID for every attempt at one notification."""
    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "mutiroes.local"
    stamp = int(notification.created_at.timestamp())
    return f"<notificacao-{notification.id}.{stamp}@{domain}>"


@dataclass(frozen=True)
class BatchFacts:
    """What the skip checks and the messages of a batch read, loaded for the whole batch in one
    query (`load`): each row with its person and mutirão, the person's email channel for the
    row's kind and their participation in the mutirão; and the messages rendered once for
    everyone of the batch who gets the same one (`_shared_render`)."""

    email_on: dict[tuple[int, str], bool]
    participations: dict[tuple[int, int], Participation]
    notifications: dict[int, Notification] = field(default_factory=dict)
    rendered: dict[tuple, tuple[str, str]] = field(default_factory=dict)
    calendars: dict[tuple, str] = field(default_factory=dict)

    @classmethod
    def load(cls, notification_ids: list[int]) -> "BatchFacts":
        """One query: the rows (pending ones; the claim checks again under the row lock), each
        with its person and mutirão, the preference's email flag and the participation's fields
        that the skip checks and the templates read (id, status, check-in code)."""
        preference = NotificationPreference.objects.filter(user_id=OuterRef("user_id"), kind=OuterRef("kind"))
        seat = Participation.objects.filter(event_id=OuterRef("event_id"), user_id=OuterRef("user_id"))
        rows = (
            Notification.objects.filter(pk__in=notification_ids, email_status=EmailStatus.PENDING)
            .select_related("user", "event")
            .annotate(
                batch_email_on=Subquery(preference.values("email")[:1]),
                batch_seat=Subquery(seat.values(fields=JSONObject(id="id", status="status", code="code"))[:1]),
            )
            .order_by()
        )
        email_on: dict[tuple[int, str], bool] = {}
        participations: dict[tuple[int, int], Participation] = {}
        notifications: dict[int, Notification] = {}
        for row in rows:
            notifications[row.id] = row
            # No preference row: both channels on; the kinds nobody can turn off ignore one.
            on = row.batch_email_on
            email_on[(row.user_id, row.kind)] = on is None or on or row.kind in ALWAYS_ON_KINDS
            if row.batch_seat is not None:
                participations[(row.event_id, row.user_id)] = Participation(
                    event_id=row.event_id, user_id=row.user_id, **row.batch_seat
                )
        return cls(email_on=email_on, participations=participations, notifications=notifications)


def _participation(notification: Notification, facts: BatchFacts | None = None) -> Any:
    if notification.event_id is None:
        return None
    if facts is not None:
        return facts.participations.get((notification.event_id, notification.user_id))
    return Participation.objects.filter(event_id=notification.event_id, user_id=notification.user_id).first()


def _email_on(notification: Notification, facts: BatchFacts | None) -> bool:
    if facts is not None and (notification.user_id, notification.kind) in facts.email_on:
        return facts.email_on[(notification.user_id, notification.kind)]
    user_id = notification.user_id
    return selectors.notification_channels(user_ids=[user_id], kind=notification.kind)[user_id].email


def skip_reason(notification: Notification, facts: BatchFacts | None = None) -> str:
    """Why this email should no longer go out (empty when it should)."""
    user = notification.user
    if not user.is_active or not user.email:
        return "inactive user"
    if not _email_on(notification, facts):
        return "email turned off"
    if notification.kind in (Kind.WELCOME, Kind.REJECTED) or notification.event_id is None:
        return ""
    if notification.kind in (Kind.COMMENT, Kind.SAFETY_ALERT):
        # Told as who they are, not as a seat: a comment goes to the organizer and the people of
        # its thread, a safety alert to the organizer and co-organizers, none of whom need one.
        return ""
    if notification.kind in (Kind.COLLECTIVE_EVENT, Kind.NEW_NEARBY):
        # News of a mutirão the person has not signed up for (from a collective they follow, or an
        # alert near them): worth sending only while it is still ahead.
        event = notification.event
        ahead = event.status == Event.Status.PUBLISHED and event.start > timezone.now()
        return "" if ahead else "mutirão not ahead"
    participation = _participation(notification, facts)
    status = participation.status if participation else None
    if notification.kind in (Kind.REMINDER, Kind.REPORT_PUBLISHED):
        if status != Participation.Status.CONFIRMED:
            return "no longer confirmed"
        if notification.kind == Kind.REMINDER and (
            notification.event.status != Event.Status.PUBLISHED or notification.event.start <= timezone.now()
        ):
            return "mutirão not ahead"
        return ""
    if status not in Participation.ACTIVE:
        return "left the mutirão"
    return ""


def _render(notification: Notification, user: Any, participation: Any) -> tuple[str, str]:
    """The plain text and HTML of a notification's email for this person and participation."""
    event = notification.event
    with override(LANGUAGE):
        context = {
            "notification": notification,
            "user": user,
            "event": event,
            "participation": participation,
            "when": date_format(timezone.localtime(event.start), "l, d/m/Y, H:i") if event else "",
            "link": f"{settings.FRONTEND_URL}{notification.url or '/eventos'}",
            "preferences_link": f"{settings.FRONTEND_URL}/perfil/notificacoes",
            "alerts_link": f"{settings.FRONTEND_URL}/alertas",
        }
        text = render_to_string(f"notifications/email/{notification.kind}.txt", context)
        html = render_to_string(f"notifications/email/{notification.kind}.html", context)
    return text, html


# What differs between the emails of one fan-out (a reminder to 5,000 people): the person's first
# name and their check-in code. A batch renders the message once with these markers in their
# place (characters of Unicode's private use area, which no filter or escaping touches), then
# puts each person's values in: as they are in the plain text (`autoescape off`), escaped in
# the HTML, as the templates would write them.
_NAME_SLOT = "\ue000name\ue001"
_CODE_SLOT = "\ue000code\ue001"


def _shared_render(notification: Notification, participation: Any, facts: BatchFacts) -> tuple[str, str]:
    """`_render`, from the batch's copy of the same message (rendered once per mutirão, kind,
    title, body, link and what the templates test of the participation)."""
    user = notification.user
    code = participation.code if participation is not None else ""
    if any(slot[0] in value for value in (user.first_name, code or "") for slot in (_NAME_SLOT, _CODE_SLOT)):
        return _render(notification, user, participation)
    event = notification.event
    key = (
        notification.kind,
        notification.event_id,
        event.updated_at if event else None,
        notification.title,
        notification.body,
        notification.url,
        participation is None,
        participation.status if participation is not None else None,
        bool(code),
    )
    shared = facts.rendered.get(key)
    if shared is None:
        anyone = copy.copy(user)
        anyone.first_name = _NAME_SLOT
        seat = copy.copy(participation)
        if seat is not None and code:
            seat.code = _CODE_SLOT
        shared = facts.rendered[key] = _render(notification, anyone, seat)
    text, html = shared
    name, code = user.first_name, code or ""
    return (
        text.replace(_NAME_SLOT, name).replace(_CODE_SLOT, code),
        html.replace(_NAME_SLOT, escape(name)).replace(_CODE_SLOT, escape(code)),
    )


def _calendar(event: Event, facts: BatchFacts | None) -> str:
    if facts is None:
        return calendar_render([event], name=event.title)
    key = (event.id, event.updated_at)
    if key not in facts.calendars:
        facts.calendars[key] = calendar_render([event], name=event.title)
    return facts.calendars[key]


def email_message_build(notification: Notification, facts: BatchFacts | None = None) -> EmailMultiAlternatives:
    """The pt-BR email of one notification: plain text, HTML and, for a confirmed seat, the .ics.
    In a batch, what its emails share is rendered once (`_shared_render`)."""

    event = notification.event
    participation = _participation(notification, facts) if event else None
    if facts is None:
        text, html = _render(notification, notification.user, participation)
    else:
        text, html = _shared_render(notification, participation, facts)
    message = EmailMultiAlternatives(
        subject=f"Mutirões: {notification.title}",
        body=text,
        to=[notification.user.email],
        headers={"Message-ID": message_id(notification), "Auto-Submitted": "auto-generated"},
    )
    message.attach_alternative(html, "text/html")
    if (
        event is not None
        and notification.kind in ICS_KINDS
        and participation is not None
        and participation.status == Participation.Status.CONFIRMED
    ):
        message.attach(f"mutirao-{event.id}.ics", _calendar(event, facts), "text/calendar")
    return message


def is_transient(exc: BaseException) -> bool:
    """4xx answers and network failures are worth retrying; 5xx answers are not."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return all(400 <= code < 500 for code, _message in exc.recipients.values())
    if isinstance(exc, smtplib.SMTPResponseException):
        return 400 <= exc.smtp_code < 500
    return isinstance(exc, OSError)  # refused, timed out, disconnected (SMTPException is an OSError)


def _claim(notification_id: int, facts: BatchFacts | None) -> Notification | None:
    """Lock the row if it is still pending (and no one else holds it), inside the caller's
    transaction. In a batch, the row, its person and its mutirão were read with the batch's facts:
    the lock reads back only what another attempt may have changed since."""
    pending = Notification.objects.select_for_update(skip_locked=True, of=("self",)).filter(
        pk=notification_id, email_status=EmailStatus.PENDING
    )
    loaded = facts.notifications.get(notification_id) if facts is not None else None
    if loaded is None:
        return pending.select_related("user", "event").first()
    attempts = list(pending.values_list("email_attempts", flat=True))
    if not attempts:
        return None
    loaded.email_attempts = attempts[0]
    return loaded


def notification_email_deliver(*, notification_id: int, connection: Any = None, facts: BatchFacts | None = None) -> str:
    """Send one notification's email if it is still pending. Returns what happened.

    Raises TransientEmailError after recording the failed attempt, so the task retries.
    A batch passes its open mail connection and the facts it loaded for all its rows.
    """
    config = settings.NOTIFICATIONS
    failure: BaseException | None = None
    with transaction.atomic():
        notification = _claim(notification_id, facts)
        if notification is None:
            return "not pending"
        reason = skip_reason(notification, facts)
        if reason:
            notification.email_status = EmailStatus.SKIPPED
            notification.email_error = reason
            notification.save(update_fields=["email_status", "email_error"])
            return "skipped"
        try:
            message = email_message_build(notification, facts)
        except Exception as exc:  # a message that cannot be built never will be: failed, not retried
            logger.exception("email of notification %s could not be built", notification_id)
            notification.email_attempts += 1
            notification.email_last_attempt_at = timezone.now()
            notification.email_status = EmailStatus.FAILED
            notification.email_error = f"build: {exc!r}"[:300]
            notification.save(update_fields=["email_status", "email_attempts", "email_last_attempt_at", "email_error"])
            return "failed"
        if connection is not None:
            message.connection = connection
        notification.email_attempts += 1
        notification.email_last_attempt_at = timezone.now()
        try:
            message.send()
        except Exception as exc:  # noqa: BLE001 - classified below; the attempt is recorded either way
            failure = exc
            notification.email_error = repr(exc)[:300]
            if not is_transient(exc) or notification.email_attempts >= config["MAX_EMAIL_ATTEMPTS"]:
                notification.email_status = EmailStatus.FAILED
        else:
            notification.email_status = EmailStatus.SENT
            notification.email_sent_at = timezone.now()
            notification.email_error = ""
        notification.save(
            update_fields=["email_status", "email_attempts", "email_last_attempt_at", "email_sent_at", "email_error"]
        )
    if failure is not None:
        if notification.email_status == EmailStatus.PENDING:
            raise TransientEmailError(str(failure)) from failure
        return "failed"
    return "sent"


def notification_emails_deliver(*, notification_ids: list[int]) -> list[int]:
    """Send a batch of notifications' emails over one connection to the mail server, the rows
    and their skip checks read for the whole batch in one query (`BatchFacts.load`). Each row is
    still claimed (its lock reads back only its attempts), sent and marked in its own transaction
    (as `notification_email_deliver`), so a batch run twice sends nothing twice.
    Returns the ids whose attempt failed in a way worth retrying.
    """
    facts = BatchFacts.load(notification_ids)
    if not facts.notifications:
        return []  # nothing pending (a batch run again): no mail connection
    retry: list[int] = []
    connection = get_connection()
    try:
        connection.open()
    except OSError:  # the mail server is unreachable: the whole batch is worth retrying
        logger.warning("mail server unreachable; %d emails to retry", len(notification_ids), exc_info=True)
        return list(notification_ids)
    try:
        with _marks_flushed_lazily():
            for notification_id in notification_ids:
                if notification_id not in facts.notifications:
                    continue  # not pending when the batch was read: sent, skipped or failed for good
                try:
                    notification_email_deliver(notification_id=notification_id, connection=connection, facts=facts)
                except TransientEmailError:
                    retry.append(notification_id)
    finally:
        try:
            connection.close()
        except OSError:
            logger.warning("mail connection did not close cleanly", exc_info=True)
    return retry


@contextmanager
def _marks_flushed_lazily() -> Iterator[None]:
    """The batch's per-row commits do not wait for PostgreSQL to flush them to disk
    (`synchronous_commit = off` for this session, put back after): they are visible and locked
    as usual, but a crash of the database server (not of the worker) may forget the last
    fraction of a second of them, and those rows' emails would be sent again (same Message-ID).
    Waiting for the flush of every row was most of a batch's time."""
    if db_connection.vendor != "postgresql":
        yield
        return
    with db_connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit TO OFF")
    try:
        yield
    finally:
        with db_connection.cursor() as cursor:
            cursor.execute("RESET synchronous_commit")
