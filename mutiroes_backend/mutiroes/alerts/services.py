"""Alerts near me: saving the areas someone watches, and telling them when a mutirão is published there.

Publishing a public mutirão enqueues `event_alerts_send` after commit (one call in the events
service); the published row itself is the durable record, so the sweep starts a fan-out the broker
lost. A fan-out writes one in-app notification per person (dedupe key per mutirão and person, so
a retried batch writes nothing twice) in batches of `NOTIFICATIONS["BATCH_SIZE"]` people, each
batch its own task, and e-mails through the existing outbox: at once, or in a daily digest.
"""

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import override

from mutiroes.alerts import selectors
from mutiroes.alerts.models import MAX_AREAS_PER_USER, MAX_RADIUS_KM, AlertArea, AlertFanout, AlertSettings
from mutiroes.core.brazil import UFS, point_in_brazil
from mutiroes.core.exceptions import ApplicationError, Conflict, NotFound
from mutiroes.core.model_update import model_update
from mutiroes.core.queue import enqueue, enqueue_on_commit
from mutiroes.core.search import fold
from mutiroes.events.models import Event
from mutiroes.notifications import selectors as notification_selectors
from mutiroes.notifications import services as notification_services
from mutiroes.notifications.models import Notification
from mutiroes.users.models import User

Kind = Notification.Kind
EmailStatus = Notification.EmailStatus
LANGUAGE = "pt-br"
AREA_FIELDS = ("label", "kind", "latitude", "longitude", "radius_km", "city", "state")
# `email_error` of an alert whose e-mail goes in the person's daily digest instead.
IN_DIGEST = "in the daily digest"
DIGEST_EVERY = timedelta(hours=24)
DIGEST_MAX_ITEMS = 20
# A fan-out is started by the sweep only for mutirões published this recently.
SWEEP_LOOKBACK = timedelta(days=1)


# ---------------------------------------------------------------- the areas
def _area_clean(area: AlertArea) -> None:
    """Check an area's shape and keep only the fields of its kind."""
    errors: dict[str, list[str]] = {}
    if area.kind == AlertArea.Kind.RADIUS:
        area.city, area.state, area.city_key = "", "", ""
        for name in ("latitude", "longitude", "radius_km"):
            if getattr(area, name) is None:
                errors[name] = [_("This field is required.")]
        if area.radius_km is not None and not 1 <= area.radius_km <= MAX_RADIUS_KM:
            errors["radius_km"] = [_("The radius must be between 1 and %(max)d km.") % {"max": MAX_RADIUS_KM}]
        if (
            "latitude" not in errors
            and "longitude" not in errors
            and not point_in_brazil(latitude=area.latitude, longitude=area.longitude)  # type: ignore[arg-type]
        ):
            errors["latitude"] = [_("The place must be in Brazil: on land or up to 12 nautical miles off the coast.")]
    else:
        area.latitude, area.longitude, area.radius_km = None, None, None
        area.city = area.city.strip()
        area.city_key = fold(area.city)
        if not area.city:
            errors["city"] = [_("This field is required.")]
        if area.state not in UFS:
            errors["state"] = [_("Choose a state (UF).")]
    if errors:
        raise ApplicationError(_("Check the area."), errors=errors)


@transaction.atomic
def alert_area_create(*, user: User, data: dict[str, Any]) -> AlertArea:
    # The person's row lock: two simultaneous saves can't both pass the limit.
    User.objects.select_for_update().filter(pk=user.pk).first()
    if AlertArea.objects.filter(user=user).count() >= MAX_AREAS_PER_USER:
        raise Conflict(
            _("You can watch at most %(max)d areas; remove one first.") % {"max": MAX_AREAS_PER_USER},
            code="too_many_areas",
        )
    area = AlertArea(user=user, kind=data.get("kind", AlertArea.Kind.RADIUS))
    model_update(instance=area, fields=AREA_FIELDS, data=data)
    _area_clean(area)
    area.save()
    area.categories.set(data.get("categories", []))
    return area


@transaction.atomic
def alert_area_update(*, user: User, area_id: int, data: dict[str, Any]) -> AlertArea:
    area = AlertArea.objects.select_for_update().filter(pk=area_id, user=user).first()
    if area is None:
        raise NotFound(_("Area not found."))
    model_update(instance=area, fields=AREA_FIELDS, data=data)
    _area_clean(area)
    area.save()
    if "categories" in data:
        area.categories.set(data["categories"])
    return area


@transaction.atomic
def alert_area_delete(*, user: User, area_id: int) -> None:
    deleted, _rows = AlertArea.objects.filter(pk=area_id, user=user).delete()
    if not deleted:
        raise NotFound(_("Area not found."))


def alerts_erase(*, user: User) -> None:
    """LGPD erasure: the places someone watched and their settings go (users.hooks.user_erasing)."""
    AlertArea.objects.filter(user=user).delete()
    AlertSettings.objects.filter(user=user).delete()


@transaction.atomic
def alert_settings_update(*, user: User, email_frequency: str) -> AlertSettings:
    alert_settings, _created = AlertSettings.objects.select_for_update().get_or_create(user=user)
    if alert_settings.email_frequency != email_frequency:
        alert_settings.email_frequency = email_frequency
        alert_settings.save(update_fields=["email_frequency", "updated_at"])
    return alert_settings


# ---------------------------------------------------------------- a published mutirão
def alert_fanout_start(*, event_id: int, now: datetime | None = None) -> AlertFanout | None:
    """Record the fan-out of a published public mutirão (once) and enqueue its first batch.

    None when the mutirão is not to be announced (draft, unlisted, cancelled, past) or its
    fan-out already exists; a second call is a no-op.
    """
    now = now or timezone.now()
    with transaction.atomic():
        event = Event.objects.filter(pk=event_id).first()
        if event is None or not selectors.is_alertable(event, now=now):
            return None
        fanout, created = AlertFanout.objects.get_or_create(event=event)
        if not created:
            return None
        enqueue_on_commit("mutiroes.alerts.tasks.alert_batch_send", fanout_id=fanout.id)
    return fanout


def _alert_text(event: Event) -> tuple[str, str]:
    with override(LANGUAGE):
        title = _("New mutirão near you: %(title)s") % {"title": event.title}
        body = _("%(category)s, %(when)s, %(place)s.") % {
            "category": event.category.name,
            "when": date_format(timezone.localtime(event.start), "l, d/m/Y, H:i"),
            "place": f"{event.address} — {event.city}/{event.state}",
        }
    return title[:200], body


def alert_batch_deliver(*, fanout_id: int, now: datetime | None = None) -> bool:
    """Write the next batch of a fan-out's notifications; True when another batch follows.

    Under the fan-out's row lock (a duplicate task skips it); one notification per person and
    mutirão (dedupe key), so a redelivered or restarted batch writes nothing twice. A mutirão
    cancelled or made unlisted meanwhile ends the fan-out.
    """
    now = now or timezone.now()
    size = settings.NOTIFICATIONS["BATCH_SIZE"]
    with transaction.atomic():
        fanout = (
            AlertFanout.objects.select_for_update(skip_locked=True)
            .select_related("event__category")
            .filter(pk=fanout_id, completed_at__isnull=True)
            .first()
        )
        if fanout is None:
            return False
        event = fanout.event
        user_ids = (
            selectors.alert_recipient_ids(event=event, after_user_id=fanout.cursor_user_id, limit=size + 1)
            if selectors.is_alertable(event, now=now)
            else []
        )
        more = len(user_ids) > size
        user_ids = user_ids[:size]
        channels = notification_selectors.notification_channels(user_ids=user_ids, kind=Kind.NEW_NEARBY)
        digest = selectors.alert_digest_user_ids(user_ids=[u for u in user_ids if channels[u].email])
        title, body = _alert_text(event)
        rows = [
            Notification(
                user_id=user_id,
                kind=Kind.NEW_NEARBY,
                event_id=event.id,
                title=title,
                body=body,
                url=f"/eventos/{event.id}",
                in_app=channels[user_id].in_app,
                email_status=EmailStatus.PENDING
                if channels[user_id].email and user_id not in digest
                else EmailStatus.SKIPPED,
                email_error=IN_DIGEST if user_id in digest else "",
                dedupe_key=f"alert:{event.id}:{user_id}",
            )
            for user_id in user_ids
            if channels[user_id].any
        ]
        Notification.objects.bulk_create(rows, ignore_conflicts=True)
        immediate = [row.dedupe_key for row in rows if row.email_status == EmailStatus.PENDING]
        pending = list(
            Notification.objects.filter(dedupe_key__in=immediate, email_status=EmailStatus.PENDING)
            .order_by("id")
            .values_list("id", flat=True)
        )
        # One task and one mail connection per EMAIL_BATCH_SIZE of the batch's emails.
        notification_services.emails_enqueue_on_commit(notification_ids=pending)
        if user_ids:
            fanout.cursor_user_id = user_ids[-1]
        fanout.batches += 1
        fanout.recipients += len(rows)
        if more:
            enqueue_on_commit("mutiroes.alerts.tasks.alert_batch_send", fanout_id=fanout.id)
        else:
            fanout.completed_at = now
        fanout.save(update_fields=["cursor_user_id", "batches", "recipients", "completed_at", "updated_at"])
    return more


def alerts_sweep(*, now: datetime | None = None, limit: int = 1000) -> dict[str, int]:
    """Beat: restart fan-outs that stalled, and start those the broker lost at publication."""
    now = now or timezone.now()
    cutoff = now - timedelta(seconds=settings.NOTIFICATIONS["SWEEP_AFTER_SECONDS"])
    stalled = list(
        AlertFanout.objects.filter(completed_at__isnull=True, updated_at__lte=cutoff)
        .order_by("updated_at")
        .values_list("id", flat=True)[:limit]
    )
    missing = list(
        Event.objects.filter(
            status=Event.Status.PUBLISHED,
            visibility=Event.Visibility.PUBLIC,
            start__gt=now,
            published_at__gte=now - SWEEP_LOOKBACK,
            published_at__lte=cutoff,
        )
        .exclude(Exists(AlertFanout.objects.filter(event=OuterRef("pk"))))
        .order_by("published_at")
        .values_list("id", flat=True)[:limit]
    )
    for fanout_id in stalled:
        enqueue("mutiroes.alerts.tasks.alert_batch_send", fanout_id=fanout_id)
    for event_id in missing:
        enqueue("mutiroes.alerts.tasks.event_alerts_send", event_id=event_id)
    return {"stalled": len(stalled), "started": len(missing)}


# ---------------------------------------------------------------- the daily digest
def _digest_body(items: list[Notification]) -> str:
    lines = [
        f"• {item.title.partition(': ')[2] or item.title} — {item.body} {settings.FRONTEND_URL}{item.url}"
        for item in items
    ]
    return "\n".join(lines[:DIGEST_MAX_ITEMS])


def alert_digests_send(*, now: datetime | None = None) -> bool:
    """Record the digest e-mail of the next batch of people due one; True when more are due.

    Due: chose the daily digest, had none in the last 24 hours, and have alerts since the last.
    Each person's row is locked (skip locked) and moved on in the same transaction as their
    digest, so a second run (or a parallel one) sends nothing twice.
    """
    now = now or timezone.now()
    size = settings.NOTIFICATIONS["BATCH_SIZE"]
    epoch = datetime(2000, 1, 1, tzinfo=timezone.get_current_timezone())
    waiting = Notification.objects.filter(
        user_id=OuterRef("user_id"),
        kind=Kind.NEW_NEARBY,
        email_error=IN_DIGEST,
        created_at__gt=Coalesce(OuterRef("last_digest_at"), epoch),
    )
    with transaction.atomic():
        due = list(
            AlertSettings.objects.select_for_update(skip_locked=True)
            .filter(email_frequency=AlertSettings.EmailFrequency.DAILY)
            .filter(Q(last_digest_at__isnull=True) | Q(last_digest_at__lte=now - DIGEST_EVERY))
            .filter(Exists(waiting))
            .order_by("user_id")[: size + 1]
        )
        more, due = len(due) > size, due[:size]
        if not due:
            return False
        since = {row.user_id: row.last_digest_at or epoch for row in due}
        items: dict[int, list[Notification]] = {}
        for item in (
            Notification.objects.filter(
                user_id__in=since, kind=Kind.NEW_NEARBY, email_error=IN_DIGEST, created_at__gt=min(since.values())
            )
            .order_by("created_at", "id")
            .only("user_id", "title", "body", "url", "created_at")
        ):
            if item.created_at > since[item.user_id]:
                items.setdefault(item.user_id, []).append(item)
        digests = []
        with override(LANGUAGE):
            for user_id, found in items.items():
                title = (
                    _("A new mutirão near you")
                    if len(found) == 1
                    else _("%(count)d new mutirões near you") % {"count": len(found)}
                )
                digests.append(
                    Notification(
                        user_id=user_id,
                        kind=Kind.NEW_NEARBY,
                        in_app=False,
                        title=title,
                        body=_digest_body(found),
                        url="/alertas",
                        dedupe_key=f"alert-digest:{user_id}:{now:%Y%m%d%H%M}",
                    )
                )
        created = Notification.objects.bulk_create(digests, ignore_conflicts=True)
        for digest in Notification.objects.filter(
            dedupe_key__in=[d.dedupe_key for d in created], email_status=EmailStatus.PENDING
        ).values_list("id", flat=True):
            enqueue_on_commit("mutiroes.notifications.tasks.notification_email_send", notification_id=digest)
        AlertSettings.objects.filter(pk__in=[row.pk for row in due]).update(last_digest_at=now)
        if more:
            enqueue_on_commit("mutiroes.alerts.tasks.alert_digests_send")
    return more
