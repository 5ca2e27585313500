"""Litter report rules: reporting a place, "também vi isto", scheduling a mutirão from reports,
closing them as cleaned after the mutirão's report, the 30-day re-survey and moderation."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import IO, Any

from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from mutiroes.core.brazil import point_in_brazil
from mutiroes.core.exceptions import ApplicationError, Conflict, Forbidden, NotFound
from mutiroes.core.images import CleanImage, image_clean
from mutiroes.core.storage import files_delete
from mutiroes.events.models import Event
from mutiroes.events.services import event_lock_for_manager
from mutiroes.impact.models import ImpactReport
from mutiroes.litter import selectors
from mutiroes.litter.models import (
    PHOTOS_PER_REPORT,
    LitterAbuse,
    LitterConfirmation,
    LitterHistory,
    LitterPhoto,
    LitterReport,
)
from mutiroes.notifications import services as notifications
from mutiroes.notifications.models import Notification
from mutiroes.users.models import User

Status = LitterReport.Status
History = LitterHistory.Kind
RESURVEY_AFTER = timedelta(days=30)
REPORTS_PER_DAY = 10
# Creations of reports are serialized by this advisory lock, so two people reporting the same
# place at the same moment cannot both pass the duplicate check.
CREATE_LOCK_KEY = 0x6C697474  # "litt"
SCHEDULABLE_EVENT_STATUSES = (Event.Status.DRAFT, Event.Status.PUBLISHED)
LANGUAGE = "pt-br"


class TooManyReports(ApplicationError):
    status_code = 429
    default_code = "throttled"


@dataclass(frozen=True, kw_only=True)
class Upload:
    file: IO[bytes]
    size: int


def _report_url(report_id: int) -> str:
    return f"/pontos/{report_id}"


def _images_clean(uploads: list[Upload]) -> list[CleanImage]:
    if len(uploads) > PHOTOS_PER_REPORT:
        message = _("Send at most %(n)d photos.") % {"n": PHOTOS_PER_REPORT}
        raise ApplicationError(message, code="too_many_photos", errors={"images": [message]})
    return [image_clean(upload.file, size=upload.size) for upload in uploads]


def _photos_save(*, report: LitterReport, user: User, images: list[CleanImage], stage: str) -> list[LitterPhoto]:
    photos = []
    try:
        for clean in images:
            photo = LitterPhoto(
                report=report,
                uploaded_by=user,
                stage=stage,
                content_type=clean.content_type,
                width=clean.width,
                height=clean.height,
                size_bytes=len(clean.content),
            )
            # The name only carries the extension: upload_to picks a random one.
            photo.image.save(f"photo.{clean.extension}", ContentFile(clean.content), save=False)
            photos.append(photo)
        LitterPhoto.objects.bulk_create(photos)
    except Exception:
        files_delete([photo.image.name for photo in photos if photo.image.name])  # no row, no file
        raise
    return photos


def _history_add(*, report: LitterReport, kind: str, user: User | None = None, event_id: int | None = None) -> None:
    LitterHistory.objects.create(report=report, kind=kind, user=user, event_id=event_id)


def _lock_report(report_id: int, *, user: Any) -> LitterReport:
    report = LitterReport.objects.select_for_update().filter(pk=report_id).first()
    if report is None or (report.is_hidden and not getattr(user, "is_staff", False)):
        raise NotFound(_("Report not found."))
    return report


# ---------------------------------------------------------------- reporting
@transaction.atomic
def report_create(*, user: User, data: dict[str, Any], uploads: list[Upload]) -> LitterReport:
    """A signed-in person reports a littered place with at least one photo.

    Refused (409 `duplicate_nearby`) within DUPLICATE_RADIUS_M of an open report: the person is
    offered to confirm that one instead ("também vi isto"). At most REPORTS_PER_DAY a day each.
    """
    User.objects.select_for_update().filter(pk=user.pk).first()  # one creation per person at a time
    since = timezone.now() - timedelta(days=1)
    if LitterReport.objects.filter(reporter=user, created_at__gte=since).count() >= REPORTS_PER_DAY:
        raise TooManyReports(
            _("You reported %(n)d places in the last 24 hours. Try again tomorrow.") % {"n": REPORTS_PER_DAY}
        )
    latitude, longitude = data["latitude"], data["longitude"]
    if not point_in_brazil(latitude=latitude, longitude=longitude):
        message = _("The place must be in Brazil.")
        raise ApplicationError(message, code="outside_brazil", errors={"latitude": [message]})
    if not uploads:
        message = _("Send at least one photo of the place.")
        raise ApplicationError(message, code="photo_required", errors={"images": [message]})
    images = _images_clean(uploads)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CREATE_LOCK_KEY])
    nearby = selectors.report_open_nearby(latitude=latitude, longitude=longitude).first()
    if nearby is not None:
        message = _("Someone already reported a place %(m)d m from here. Confirm that report instead.") % {
            "m": round(nearby.distance_km * 1000)  # type: ignore[attr-defined]
        }
        raise Conflict(message, code="duplicate_nearby", errors={"latitude": [message]})
    report = LitterReport.objects.create(
        reporter=user,
        latitude=latitude,
        longitude=longitude,
        address=data.get("address", "").strip(),
        city=data["city"].strip(),
        state=data["state"],
        size=data["size"],
        materials=sorted(set(data.get("materials", []))),
        notes=data.get("notes", "").strip(),
    )
    _photos_save(report=report, user=user, images=images, stage=LitterPhoto.Stage.REPORT)
    _history_add(report=report, kind=History.REPORTED, user=user)
    return report


@transaction.atomic
def report_confirm(*, report_id: int, user: User, uploads: list[Upload]) -> LitterReport:
    """ "Também vi isto": another person saw the same open place, optionally with a photo."""
    report = _lock_report(report_id, user=user)
    if report.status != Status.OPEN:
        raise Conflict(_("This place was already cleaned."), code="not_open")
    if report.reporter_id == user.id:
        raise Conflict(_("You reported this place yourself."), code="own_report")
    # The report's row lock serializes confirmations of it; the unique constraint backs this.
    if LitterConfirmation.objects.filter(report=report, user=user).exists():
        raise Conflict(_("You already confirmed this place."), code="already_confirmed")
    images = _images_clean(uploads)
    LitterConfirmation.objects.create(report=report, user=user)
    report.confirmations_count += 1
    report.save(update_fields=["confirmations_count", "updated_at"])
    _photos_save(report=report, user=user, images=images, stage=LitterPhoto.Stage.CONFIRM)
    _history_add(report=report, kind=History.CONFIRMED, user=user)
    return report


@transaction.atomic
def report_flag(*, report_id: int, user: User, reason: str) -> LitterAbuse:
    """Flag a report as abusive (once per person); staff review the flags in the admin."""
    report = _lock_report(report_id, user=user)
    if LitterAbuse.objects.filter(report=report, user=user).exists():
        raise Conflict(_("You already flagged this report."), code="already_flagged")
    return LitterAbuse.objects.create(report=report, user=user, reason=reason.strip())


@transaction.atomic
def reports_hide(*, report_ids: list[int], hidden: bool) -> int:
    """Staff hide (or show again) reports: hidden ones leave the map, the list and the pages."""
    return LitterReport.objects.filter(pk__in=report_ids).update(
        is_hidden=hidden, hidden_at=timezone.now() if hidden else None
    )


@transaction.atomic
def photos_hide(*, photo_ids: list[int], hidden: bool) -> int:
    return LitterPhoto.objects.filter(pk__in=photo_ids).update(
        is_hidden=hidden, hidden_at=timezone.now() if hidden else None
    )


# ---------------------------------------------------------------- a mutirão from reports
@transaction.atomic
def reports_schedule(*, event_id: int, user: User, report_ids: list[int]) -> list[LitterReport]:
    """The organizer links open reports to their mutirão (draft or published): the reports show
    "mutirão marcado" with its link, and close when its impact report is published."""
    event = event_lock_for_manager(event_id=event_id, user=user)
    if event.status not in SCHEDULABLE_EVENT_STATUSES or event.end <= timezone.now():
        raise Conflict(_("Only an upcoming mutirão can take litter reports."), code="event_not_upcoming")
    wanted = sorted(set(report_ids))
    reports = list(
        LitterReport.objects.select_for_update(of=("self",))
        .filter(pk__in=wanted, is_hidden=False)
        .select_related("event")
        .order_by("pk")
    )
    if len(reports) != len(wanted):
        message = _("Some of these reports do not exist.")
        raise ApplicationError(message, code="unknown_report", errors={"report_ids": [message]})
    for report in reports:
        if report.status != Status.OPEN:
            raise Conflict(_("Report #%(id)d was already cleaned.") % {"id": report.id}, code="not_open")
        if report.event is not None and report.event_id != event.id and selectors.event_holds(report.event):
            raise Conflict(
                _("Report #%(id)d already has a mutirão scheduled.") % {"id": report.id}, code="already_scheduled"
            )
    for report in reports:
        if report.event_id == event.id:
            continue
        report.event = event
        report.save(update_fields=["event", "updated_at"])
        _history_add(report=report, kind=History.SCHEDULED, user=user, event_id=event.id)
    return reports


# ---------------------------------------------------------------- cleaned
def _notify_cleaned(*, report: LitterReport, history_id: int) -> int:
    people = {
        user_id for user_id in (report.reporter_id, *report.confirmations.values_list("user_id", flat=True)) if user_id
    }
    sent = 0
    with override(LANGUAGE):
        title = _("A place you reported was cleaned")
        body = _("The mutirão “%(title)s” cleaned the place in %(city)s. See the photos after the cleanup.") % {
            "title": report.event.title if report.event else "",
            "city": report.city,
        }
    for user_id in sorted(people):
        notification = notifications.notification_create(
            user_id=user_id,
            kind=Notification.Kind.LITTER_CLEANED,
            title=title,
            body=body,
            url=_report_url(report.id),
            dedupe_key=f"litter-cleaned:{history_id}:{user_id}",
        )
        sent += notification is not None
    return sent


@transaction.atomic
def reports_close_for_event(*, event_id: int, now: datetime | None = None) -> int:
    """Close a mutirão's open reports as cleaned once its impact report is published; tell the
    reporter and whoever confirmed. Idempotent: closed reports are not closed again."""
    now = now or timezone.now()
    published = ImpactReport.objects.filter(
        event_id=event_id, published_at__isnull=False, event__status=Event.Status.COMPLETED
    ).exists()
    if not published:
        return 0
    reports = list(
        LitterReport.objects.select_for_update(of=("self",))
        .filter(event_id=event_id, status=Status.OPEN)
        .select_related("event")
        .order_by("pk")
    )
    for report in reports:
        report.status = Status.CLEANED
        report.cleaned_at = now
        report.resurvey_due_at = now + RESURVEY_AFTER
        report.resurvey_asked_at = None
        report.save(update_fields=["status", "cleaned_at", "resurvey_due_at", "resurvey_asked_at", "updated_at"])
        history = LitterHistory.objects.create(report=report, kind=History.CLEANED, event_id=event_id)
        _notify_cleaned(report=report, history_id=history.id)
    return len(reports)


def reports_close_due(*, now: datetime | None = None) -> int:
    """Beat's safety net: close the reports of every mutirão whose report is published (the task
    enqueued when the report was published may have been lost with the broker)."""
    return sum(reports_close_for_event(event_id=event_id, now=now) for event_id in selectors.events_to_close())


# ---------------------------------------------------------------- re-survey
def _resurvey_ask(*, report_id: int, now: datetime) -> bool:
    with transaction.atomic():
        claimed = LitterReport.objects.filter(
            pk=report_id, status=Status.CLEANED, resurvey_due_at__lte=now, resurvey_asked_at__isnull=True
        ).update(resurvey_asked_at=now)
        if not claimed:
            return False
        report = LitterReport.objects.select_related("event").get(pk=report_id)
        organizer_id = report.event.organizer_id if report.event else None
        people = {user_id for user_id in (report.reporter_id, organizer_id) if user_id}
        with override(LANGUAGE):
            title = _("Is the place still clean?")
            body = _("A month ago a mutirão cleaned a place in %(city)s. Take a look: still clean, or dirty again?") % {
                "city": report.city
            }
        cleaned_key = int(report.cleaned_at.timestamp()) if report.cleaned_at else 0
        for user_id in sorted(people):
            notifications.notification_create(
                user_id=user_id,
                kind=Notification.Kind.LITTER_RESURVEY,
                title=title,
                body=body,
                url=_report_url(report.id),
                dedupe_key=f"litter-resurvey:{report.id}:{cleaned_key}:{user_id}",
            )
        return True


def resurveys_ask(*, now: datetime | None = None) -> int:
    """Ask the reporter and the organizer to check each place cleaned 30 days ago (run by beat).
    Idempotent: each cleanup is asked about once (conditional update, then notifications with a
    dedupe key)."""
    now = now or timezone.now()
    return sum(_resurvey_ask(report_id=report_id, now=now) for report_id in selectors.resurveys_due(now=now))


@transaction.atomic
def report_resurvey(*, report_id: int, user: User, still_clean: bool, uploads: list[Upload]) -> LitterReport:
    """The reporter or the mutirão's organizer answer the re-survey: still clean, or dirty again
    (the report reopens, its history kept)."""
    report = _lock_report(report_id, user=user)
    if not selectors.can_resurvey(report=report, user=user):
        raise Forbidden(_("Only who reported the place or organized its cleanup can re-survey it."))
    if report.status != Status.CLEANED or report.resurvey_asked_at is None:
        raise Conflict(_("This place is not awaiting a re-survey."), code="resurvey_not_due")
    images = _images_clean(uploads)
    if still_clean:
        report.resurvey_due_at = None  # answered: no longer awaiting a re-survey
        report.resurvey_asked_at = None
        report.save(update_fields=["resurvey_due_at", "resurvey_asked_at", "updated_at"])
        _history_add(report=report, kind=History.STILL_CLEAN, user=user)
    else:
        report.status = Status.OPEN
        report.event = None
        report.cleaned_at = None
        report.resurvey_due_at = None
        report.resurvey_asked_at = None
        report.save(
            update_fields=["status", "event", "cleaned_at", "resurvey_due_at", "resurvey_asked_at", "updated_at"]
        )
        _history_add(report=report, kind=History.REOPENED, user=user)
    _photos_save(report=report, user=user, images=images, stage=LitterPhoto.Stage.RESURVEY)
    return report
