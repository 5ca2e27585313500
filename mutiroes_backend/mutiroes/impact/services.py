"""Impact rules: filing reports, keeping the platform totals fresh, badges and certificates."""

import logging
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mutiroes.core.cache import cache_set
from mutiroes.core.exceptions import ApplicationError, Conflict
from mutiroes.core.queue import enqueue_on_commit
from mutiroes.events import rules
from mutiroes.events.models import Event, Participation
from mutiroes.events.selectors import event_ids_finished
from mutiroes.events.services import event_complete_if_finished, event_lock_for_manager
from mutiroes.impact import selectors
from mutiroes.impact.badges import BADGES
from mutiroes.impact.models import MATERIALS, Certificate, ImpactReport, UserBadge
from mutiroes.notifications import services as notifications
from mutiroes.users.models import User

logger = logging.getLogger(__name__)
EventStatus = Event.Status
REPORT_TEXT_FIELDS = ("summary", "achievements", "challenges")
REPORT_NUMBER_FIELDS = ("bags", "trees_planted", "area_m2")


# ---------------------------------------------------------------- platform totals
def _stats_forget() -> None:
    try:
        cache.delete(selectors.STATS_CACHE_KEY)
    except Exception:  # Redis down: nothing is served from it either; beat recomputes
        logger.warning("cache unavailable; platform totals not invalidated", exc_info=True)


def stats_invalidate() -> None:
    """Forget the cached platform totals once the transaction that changed a report commits."""
    transaction.on_commit(_stats_forget, robust=True)


def stats_refresh() -> dict[str, Any]:
    """Recompute the platform totals and cache them (run by beat)."""
    stats = selectors.platform_stats_compute()
    cache_set(selectors.STATS_CACHE_KEY, stats, timeout=selectors.STATS_CACHE_TIMEOUT)
    return stats


# ---------------------------------------------------------------- reports
def _validate_report(data: dict[str, Any]) -> None:
    errors: dict[str, list[str]] = {}
    for material, kg in data.get("materials_kg", {}).items():
        if material not in MATERIALS:
            errors[f"materials_kg.{material}"] = [_("Unknown material.")]
        elif kg < 0:
            errors[f"materials_kg.{material}"] = [_("Kilos can't be negative.")]
    for field in REPORT_NUMBER_FIELDS:
        if data.get(field) is not None and data[field] < 0:
            errors[field] = [_("This number can't be negative.")]
    if errors:
        raise ApplicationError(_("Check the report."), errors=errors)


def _publish(report: ImpactReport, *, now: datetime) -> None:
    """A completed mutirão's report goes public (once) and is announced to those who took part."""
    report.published_at = now
    report.save(update_fields=["published_at"])
    notifications.report_published_notify(event_id=report.event_id)
    # The litter reports this mutirão was organized for close as cleaned (litter sits above impact).
    enqueue_on_commit("mutiroes.litter.tasks.litter_reports_close", event_id=report.event_id)


def _complete(event: Event, *, now: datetime) -> bool:
    """Complete a finished mutirão (the caller holds its lock) and do everything that follows:
    its report, if filed, goes public and is announced; the totals are recomputed; everyone who
    attended, and the organizer, get the badges it earns them."""
    if not event_complete_if_finished(event=event, now=now):
        return False
    report = ImpactReport.objects.select_for_update().filter(event=event, published_at__isnull=True).first()
    if report is not None:
        _publish(report, now=now)
    stats_invalidate()
    enqueue_on_commit("mutiroes.impact.tasks.event_badges_award", event_id=event.id)
    return True


@transaction.atomic
def event_complete(*, event_id: int, now: datetime | None = None) -> bool:
    """The one way a mutirão is completed (beat calls it for each finished one). Idempotent:
    False when the mutirão is gone, not published or not over yet."""
    event = Event.objects.select_for_update().filter(pk=event_id).first()
    if event is None:
        return False
    return _complete(event, now=now or timezone.now())


def events_complete_due(*, now: datetime | None = None) -> int:
    """Complete every finished mutirão, each in its own transaction (run by beat)."""
    now = now or timezone.now()
    return sum(event_complete(event_id=event_id, now=now) for event_id in event_ids_finished(now=now))


@transaction.atomic
def report_save(*, event_id: int, user: User, data: dict[str, Any]) -> ImpactReport:
    """File or correct a mutirão's impact report (the organizer, once the mutirão has started)."""
    event = event_lock_for_manager(event_id=event_id, user=user)
    if event.status not in (EventStatus.PUBLISHED, EventStatus.COMPLETED):
        raise Conflict(_("Only a mutirão that took place can have an impact report."), code="event_not_held")
    now = timezone.now()
    if not rules.is_reportable(event, now=now):
        raise Conflict(_("The impact report can be filed once the mutirão has started."), code="event_not_started")
    _validate_report(data)
    report = ImpactReport.objects.select_for_update().filter(event=event).first()
    if report is None:
        factor_set = selectors.factor_set_current()
        if factor_set is None:
            raise Conflict(_("No CO2e reference data is configured."), code="no_factor_set")
        report = ImpactReport(event=event, factor_set=factor_set)
    report.filed_by = user
    materials = data.get("materials_kg", {})
    for material in MATERIALS:
        setattr(report, f"{material}_kg", materials.get(material, Decimal("0")))
    for field in REPORT_NUMBER_FIELDS:
        setattr(report, field, data.get(field) or 0)
    for field in REPORT_TEXT_FIELDS:
        setattr(report, field, data.get(field, ""))
    report.save()
    report.refresh_from_db(fields=["total_kg", "recyclable_kg", "diverted_kg"])
    # A report filed after the end completes the mutirão now rather than at beat's next pass, so
    # the dashboard counts it at once; completing publishes the report.
    if not _complete(event, now=now):
        if event.status == EventStatus.COMPLETED and report.published_at is None:
            _publish(report, now=now)
            enqueue_on_commit("mutiroes.impact.tasks.event_badges_award", event_id=event.id)
        stats_invalidate()
    report.refresh_from_db(fields=["published_at"])
    return report


# ---------------------------------------------------------------- badges
def badges_award(*, user_id: int) -> list[str]:
    """Give someone every badge their activity earns and they don't have yet. Idempotent."""
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return []
    stats = selectors.user_impact_stats(user=user)
    earned = {badge.code for badge in BADGES if badge.earned(stats)}
    new = earned - set(UserBadge.objects.filter(user=user).values_list("code", flat=True))
    if not new:
        return []
    now = timezone.now()
    # The unique constraint keeps a concurrent award from giving the same badge twice.
    UserBadge.objects.bulk_create(
        [UserBadge(user=user, code=code, awarded_at=now) for code in sorted(new)], ignore_conflicts=True
    )
    return sorted(new)


def event_people_ids(*, event_id: int) -> list[int]:
    event = Event.objects.filter(pk=event_id).values("organizer_id").first()
    if event is None:
        return []
    attended = Participation.objects.filter(rules.ATTENDED, event_id=event_id)
    return sorted({event["organizer_id"], *attended.values_list("user_id", flat=True)})


# ---------------------------------------------------------------- certificates
@transaction.atomic
def certificate_issue(*, user: User) -> tuple[Certificate, list[tuple[Participation, Decimal]]]:
    """The certificate of someone's volunteer hours; the same one again while nothing changed.

    It carries the person's legal first and last name (not the display name, which anyone sets
    freely) and only hours that stand: see `selectors.user_attended_participations`.
    """
    if not (user.first_name.strip() and user.last_name.strip()):
        raise Conflict(
            _("Add your first and last name to your profile: the certificate carries your full name."),
            code="name_required",
        )
    lines = selectors.certified_hours(selectors.user_attended_participations(user=user))
    if not lines:
        raise Conflict(_("You have no volunteer hours recorded yet."), code="no_hours")
    fields = {
        "holder_name": f"{user.first_name.strip()} {user.last_name.strip()}",
        "hours": sum((hours for _p, hours in lines), Decimal("0")),
        "events_count": len(lines),
        "first_event_on": timezone.localtime(lines[0][0].event.start).date(),
        "last_event_on": timezone.localtime(lines[-1][0].event.start).date(),
        "items": selectors.certificate_items(lines),
    }
    certificate = (
        Certificate.objects.filter(user=user, revoked_at__isnull=True, **fields).order_by("-issued_at").first()
    )
    if certificate is None:
        certificate = Certificate.objects.create(user=user, **fields)
    return certificate, lines


def certificate_verify(*, code: str) -> Certificate:
    """The certificate by its code, revoked (kept, marked) the first time its hours no longer stand."""
    certificate = selectors.certificate_get(code=code)
    if certificate.revoked_at is None and not selectors.certificate_stands(certificate=certificate):
        certificate.revoked_at = timezone.now()
        Certificate.objects.filter(pk=certificate.pk, revoked_at__isnull=True).update(revoked_at=certificate.revoked_at)
    return certificate


def certificates_erase(*, user: User) -> int:
    """LGPD: an erased account's certificates go with it (they carry the holder's name, and the
    public verification page would keep showing it). Statistics do not depend on them."""
    deleted, _ = Certificate.objects.filter(user=user).delete()
    return deleted
