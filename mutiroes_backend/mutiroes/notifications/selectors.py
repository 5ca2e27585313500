from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import QuerySet

from mutiroes.core.compiled import CompiledRow
from mutiroes.events.models import Participation
from mutiroes.notifications.models import (
    ALWAYS_ON_KINDS,
    CONFIGURABLE_KINDS,
    Broadcast,
    Notification,
    NotificationPreference,
)
from mutiroes.users.models import User


@dataclass(frozen=True)
class Channels:
    in_app: bool = True
    email: bool = True

    @property
    def any(self) -> bool:
        return self.in_app or self.email


def notification_list(*, user: User, unread: bool = False) -> QuerySet[Notification]:
    queryset = Notification.objects.filter(user=user, in_app=True).order_by("-created_at", "-id")
    if unread:
        queryset = queryset.filter(read_at__isnull=True)
    return queryset


# One person's preference for one kind (UNIQUE (user, kind)), compiled once per process: every
# notification of one person reads it (a join's among them).
_PREFERENCE_ROW = CompiledRow(
    lambda user_id, kind: NotificationPreference.objects.filter(user_id=user_id, kind=kind).order_by()[:1],
    user_id=int,
    kind=str,
)


def notification_channels(*, user_ids: Iterable[int], kind: str) -> dict[int, Channels]:
    """Each person's channels for one kind: both on unless they said otherwise (one query)."""
    user_ids = list(user_ids)
    channels = dict.fromkeys(user_ids, Channels())
    if len(user_ids) == 1 and kind not in ALWAYS_ON_KINDS:
        preference = _PREFERENCE_ROW.first(user_id=user_ids[0], kind=kind)
        if preference is not None:
            channels[user_ids[0]] = Channels(in_app=preference.in_app, email=preference.email)
    elif user_ids and kind not in ALWAYS_ON_KINDS:
        for user_id, in_app, email in NotificationPreference.objects.filter(
            user_id__in=user_ids, kind=kind
        ).values_list("user_id", "in_app", "email"):
            channels[user_id] = Channels(in_app=in_app, email=email)
    return channels


def notification_preferences_get(*, user: User) -> list[dict[str, Any]]:
    """Every kind with its label and the person's channels, in the order of `Notification.Kind`."""
    saved = {
        kind: Channels(in_app=in_app, email=email)
        for kind, in_app, email in NotificationPreference.objects.filter(user=user).values_list(
            "kind", "in_app", "email"
        )
    }
    return [
        {
            "kind": kind,
            "label": label,
            "in_app": saved.get(kind, Channels()).in_app,
            "email": saved.get(kind, Channels()).email,
        }
        for kind, label in CONFIGURABLE_KINDS
    ]


def broadcast_recipient_statuses(*, kind: str) -> tuple[str, ...]:
    """Who a broadcast reaches: reminders and reports the confirmed, news everyone signed up."""
    if kind in (Broadcast.Kind.REMINDER, Broadcast.Kind.REPORT_PUBLISHED):
        return (Participation.Status.CONFIRMED,)
    return tuple(Participation.ACTIVE)


def user_export_sections(*, user: User) -> dict[str, Any]:
    """The account export's part about notifications."""
    return {
        "notifications": [
            {"kind": n.kind, "title": n.title, "created_at": n.created_at.isoformat(), "read": n.read_at is not None}
            for n in Notification.objects.filter(user=user).order_by("created_at")
        ]
    }


def organizer_messages_since(*, event_id: int, since: datetime) -> int:
    """How many messages the organizers sent to a mutirão's participants since then (indexed)."""
    return Broadcast.objects.filter(
        event_id=event_id, kind=Broadcast.Kind.ORGANIZER_MESSAGE, created_at__gte=since
    ).count()
