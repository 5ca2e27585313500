"""Reads of litter reports: the public map and list, one place's page, what beat must do.
Every list runs a fixed number of queries."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db.models import F, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from mutiroes.community.models import Photo
from mutiroes.core.exceptions import NotFound
from mutiroes.core.search import Fold
from mutiroes.events import rules
from mutiroes.events.models import Event
from mutiroes.events.selectors import bounding_box, distance_km_from
from mutiroes.litter.models import LitterConfirmation, LitterHistory, LitterPhoto, LitterReport
from mutiroes.users.models import User

DUPLICATE_RADIUS_M = 50
# A mutirão "holds" its reports while it may still take place.
HOLDING_STATUSES = (Event.Status.DRAFT, Event.Status.PUBLISHED, Event.Status.COMPLETED)


@dataclass(frozen=True, kw_only=True)
class Bbox:
    min_lat: float
    min_lng: float
    max_lat: float
    max_lng: float


@dataclass(frozen=True, kw_only=True)
class ReportFilters:
    bbox: Bbox | None = None
    city: str | None = None
    state: str | None = None
    size: str | None = None
    max_age_days: int | None = None
    status: str = LitterReport.Status.OPEN


def _visible_photos() -> Any:  # a Prefetch (its stub type is generic over literals)
    return Prefetch(
        "photos", queryset=LitterPhoto.objects.filter(is_hidden=False).order_by("created_at", "id"), to_attr="shown"
    )


def report_list(*, filters: ReportFilters, now: datetime | None = None) -> QuerySet[LitterReport]:
    """Visible reports, newest first. The bounding box of open reports is served by the partial
    (latitude, longitude) index `litter_open_lat_lng_idx`."""
    queryset = LitterReport.objects.filter(status=filters.status, is_hidden=False)
    if filters.bbox:
        box = filters.bbox
        queryset = queryset.filter(
            latitude__range=(box.min_lat, box.max_lat), longitude__range=(box.min_lng, box.max_lng)
        )
    if filters.city:
        queryset = queryset.alias(city_folded=Fold(F("city"))).filter(city_folded__has=filters.city.strip())
    if filters.state:
        queryset = queryset.filter(state=filters.state.upper())
    if filters.size:
        queryset = queryset.filter(size=filters.size)
    if filters.max_age_days is not None:
        queryset = queryset.filter(created_at__gte=(now or timezone.now()) - timedelta(days=filters.max_age_days))
    return queryset.select_related("event").prefetch_related(_visible_photos()).order_by("-created_at", "-id")


def report_open_nearby(
    *, latitude: float, longitude: float, radius_m: int = DUPLICATE_RADIUS_M
) -> QuerySet[LitterReport]:
    """Open, visible reports within `radius_m`, nearest first (index-served box, exact distance)."""
    radius_km = radius_m / 1000
    min_lat, max_lat, min_lng, max_lng = bounding_box(lat=latitude, lng=longitude, radius_km=radius_km)
    return (
        LitterReport.objects.filter(
            status=LitterReport.Status.OPEN,
            is_hidden=False,
            latitude__range=(min_lat, max_lat),
            longitude__range=(min_lng, max_lng),
        )
        .annotate(distance_km=distance_km_from(latitude, longitude))
        .filter(distance_km__lte=radius_km)
        .select_related("event")
        .prefetch_related(_visible_photos())
        .order_by("distance_km", "id")
    )


def report_get(*, report_id: int, user: Any) -> LitterReport:
    """One place with its photos and history; hidden reports only for staff."""
    queryset = LitterReport.objects.select_related("event", "reporter").prefetch_related(
        _visible_photos(),
        Prefetch(
            "history", queryset=LitterHistory.objects.select_related("user", "event").order_by("created_at", "id")
        ),
    )
    if not getattr(user, "is_staff", False):
        queryset = queryset.filter(is_hidden=False)
    report = queryset.filter(pk=report_id).first()
    if report is None:
        raise NotFound(_("Report not found."))
    return report


def report_after_photos(*, report: LitterReport) -> list[Photo]:
    """The "after" photos of every mutirão that cleaned this place (from its history)."""
    event_ids = [h.event_id for h in report.history.all() if h.kind == LitterHistory.Kind.CLEANED and h.event_id]
    if not event_ids:
        return []
    return list(
        Photo.objects.filter(event_id__in=event_ids, stage=Photo.Stage.AFTER, is_hidden=False).order_by(
            "created_at", "id"
        )
    )


def report_place_history(*, report: LitterReport) -> list[LitterReport]:
    """Other reports of the same place (within DUPLICATE_RADIUS_M), any status, oldest first."""
    radius_km = DUPLICATE_RADIUS_M / 1000
    min_lat, max_lat, min_lng, max_lng = bounding_box(lat=report.latitude, lng=report.longitude, radius_km=radius_km)
    return list(
        LitterReport.objects.filter(
            is_hidden=False, latitude__range=(min_lat, max_lat), longitude__range=(min_lng, max_lng)
        )
        .exclude(pk=report.pk)
        .annotate(distance_km=distance_km_from(report.latitude, report.longitude))
        .filter(distance_km__lte=radius_km)
        .order_by("created_at", "id")[:50]
    )


def event_holds(event: Event) -> bool:
    """Does this mutirão still hold its reports (not cancelled)?"""
    return event.status in HOLDING_STATUSES


def scheduled_event(report: LitterReport) -> Event | None:
    """The mutirão shown as "mutirão marcado": published, public and not over with the report open."""
    event = report.event
    if event is None or report.status != LitterReport.Status.OPEN:
        return None
    if event.status != Event.Status.PUBLISHED or event.visibility != Event.Visibility.PUBLIC:
        return None
    return event


def can_resurvey(*, report: LitterReport, user: Any) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_staff or report.reporter_id == user.id:
        return True
    cleaned = report.history.filter(kind=LitterHistory.Kind.CLEANED).order_by("-created_at", "-id").first()
    event = cleaned.event if cleaned else None
    return event is not None and rules.can_manage(event=event, user=user)


def awaiting_resurvey(report: LitterReport) -> bool:
    return report.status == LitterReport.Status.CLEANED and report.resurvey_asked_at is not None


def events_to_close() -> list[int]:
    """Mutirões with a published report that still hold open litter reports."""
    return sorted(
        set(
            LitterReport.objects.filter(
                status=LitterReport.Status.OPEN,
                event__status=Event.Status.COMPLETED,
                event__impact_report__published_at__isnull=False,
            ).values_list("event_id", flat=True)
        )
    )


def resurveys_due(*, now: datetime) -> list[int]:
    return list(
        LitterReport.objects.filter(
            Q(status=LitterReport.Status.CLEANED, resurvey_asked_at__isnull=True, resurvey_due_at__lte=now)
        )
        .order_by("resurvey_due_at", "id")
        .values_list("pk", flat=True)[:1000]
    )


def reports_for_event(*, event: Event) -> QuerySet[LitterReport]:
    return (
        LitterReport.objects.filter(event=event, is_hidden=False)
        .select_related("event")
        .prefetch_related(_visible_photos())
        .order_by("id")
    )


def report_detail(*, report_id: int, user: Any) -> LitterReport:
    """One place's page: the report with what the viewer may do, its after-photos and the other
    reports of the same place (a fixed number of queries)."""
    report = report_get(report_id=report_id, user=user)
    signed_in = getattr(user, "is_authenticated", False)
    is_mine = bool(signed_in and report.reporter_id == user.id)
    confirmed = bool(signed_in and report.confirmations.filter(user=user).exists())
    report.is_mine = is_mine  # type: ignore[attr-defined]
    report.can_confirm = bool(  # type: ignore[attr-defined]
        signed_in and report.status == LitterReport.Status.OPEN and not is_mine and not confirmed
    )
    report.awaiting_resurvey = awaiting_resurvey(report)  # type: ignore[attr-defined]
    report.can_resurvey = report.awaiting_resurvey and can_resurvey(report=report, user=user)  # type: ignore[attr-defined]
    report.after_photos = report_after_photos(report=report)  # type: ignore[attr-defined]
    report.place_history = report_place_history(report=report)  # type: ignore[attr-defined]
    return report


def user_export_sections(*, user: User) -> dict[str, Any]:
    """The account export's part about litter reports: the places the person reported and the
    reports they confirmed ("também vi isto")."""
    return {
        "litter_reports": [
            {
                "id": report.id,
                "latitude": report.latitude,
                "longitude": report.longitude,
                "address": report.address,
                "city": report.city,
                "state": report.state,
                "size": report.size,
                "materials": report.materials,
                "notes": report.notes,
                "status": report.status,
                "created_at": report.created_at.isoformat(),
            }
            for report in LitterReport.objects.filter(reporter=user).order_by("created_at")
        ],
        "litter_confirmations": [
            {"report_id": confirmation.report_id, "created_at": confirmation.created_at.isoformat()}
            for confirmation in LitterConfirmation.objects.filter(user=user).order_by("created_at")
        ],
    }
