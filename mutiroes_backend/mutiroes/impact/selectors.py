"""Reads of impact: reports with their derived figures, platform and personal totals."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, DecimalField, F, Max, Min, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce, TruncMonth, Upper
from django.utils import timezone
from django.utils.translation import gettext as _

from mutiroes.core.cache import cache_get, cache_set
from mutiroes.core.exceptions import NotFound
from mutiroes.events import rules
from mutiroes.events.models import Category, Event, Participation
from mutiroes.events.selectors import event_get_seen
from mutiroes.impact.badges import BADGES_BY_CODE
from mutiroes.impact.models import MATERIALS, Certificate, CO2eFactorSet, ImpactReport, UserBadge
from mutiroes.users.models import User

STATS_CACHE_KEY = "impact:platform-stats:v2"
STATS_CACHE_TIMEOUT = 60 * 60  # beat recomputes well before this
ZERO = Decimal("0")
COMPLETED = Event.Status.COMPLETED
CENT = Decimal("0.01")


def _co2e_expression() -> Any:
    """kg CO2e avoided by a report: sum of kilos times the factor of its factor set."""
    expression: Any = None
    for material in MATERIALS:
        term = F(f"{material}_kg") * F(f"factor_set__{material}")
        expression = term if expression is None else expression + term
    return expression


def _decimal(value: Decimal | None) -> Decimal:
    return (value or ZERO).quantize(CENT)


# ---------------------------------------------------------------- one report
@dataclass(frozen=True, kw_only=True)
class ReportView:
    report: ImpactReport
    volunteers: int
    volunteer_hours: Decimal
    co2e_avoided_kg: Decimal
    is_public: bool


def report_co2e(*, report: ImpactReport) -> Decimal:
    """The same SQL expression as the platform totals: CO2e is computed in one place."""
    return _decimal(ImpactReport.objects.filter(pk=report.pk).aggregate(co2e=Sum(_co2e_expression()))["co2e"])


def event_attendance(*, event_id: int) -> dict[str, Any]:
    """Volunteers and hours of a mutirão, from its check-ins."""
    totals = Participation.objects.filter(event_id=event_id, checked_in_at__isnull=False).aggregate(
        volunteers=Count("id"), hours=Sum("hours")
    )
    return {"volunteers": totals["volunteers"], "volunteer_hours": _decimal(totals["hours"])}


def report_view(*, report: ImpactReport) -> ReportView:
    event = report.event
    attendance = event_attendance(event_id=event.id)
    return ReportView(
        report=report,
        volunteers=attendance["volunteers"],
        volunteer_hours=attendance["volunteer_hours"],
        co2e_avoided_kg=report_co2e(report=report),
        is_public=event.status == COMPLETED,
    )


def report_get(*, event_id: int, user: User | AnonymousUser) -> ReportView:
    """The report as the caller may see it: public once the mutirão is completed, earlier for its managers."""
    event = event_get_seen(event_id=event_id, user=user)
    report = ImpactReport.objects.select_related("factor_set").filter(event=event).first()
    if report is None or (event.status != COMPLETED and not rules.can_manage(event=event, user=user)):
        raise NotFound(_("This mutirão has no published impact report yet."), code="report_not_found")
    report.event = event
    return report_view(report=report)


def material_list() -> list[dict[str, str]]:
    return [{"key": key, "label": str(label)} for key, label in MATERIALS.items()]


def factor_set_current() -> CO2eFactorSet | None:
    return CO2eFactorSet.objects.filter(is_current=True).first()


# ---------------------------------------------------------------- platform
def _money(value: Any) -> str:
    return str(_decimal(value))


def _report_sums(prefix: str = "") -> dict[str, Any]:
    def s(name: str) -> Any:
        return Coalesce(Sum(f"{prefix}{name}"), Value(ZERO), output_field=DecimalField())

    # Aliases differ from the column names: Django refuses an aggregate named like a field.
    return {
        "n_reports": Count(f"{prefix}id"),
        **{f"sum_{m}": s(f"{m}_kg") for m in MATERIALS},
        "sum_total": s("total_kg"),
        "sum_recyclable": s("recyclable_kg"),
        "sum_diverted": s("diverted_kg"),
        "sum_trees": Coalesce(Sum(f"{prefix}trees_planted"), 0),
        "sum_bags": Coalesce(Sum(f"{prefix}bags"), 0),
        "sum_area": s("area_m2"),
    }


def _attendance_sums() -> dict[str, Any]:
    return {
        "attendances": Count("id"),
        "volunteers": Count("user", distinct=True),
        "volunteer_hours": Coalesce(Sum("hours"), Value(ZERO), output_field=DecimalField()),
    }


def _published_reports() -> QuerySet[ImpactReport]:
    return ImpactReport.objects.filter(event__status=COMPLETED)


def _attendances() -> QuerySet[Participation]:
    return Participation.objects.filter(rules.ATTENDED)


def _group_row(keys: dict[str, Any], report: dict[str, Any] | None, people: dict[str, Any] | None) -> dict[str, Any]:
    report = report or {}
    people = people or {}
    return {
        **keys,
        "events_completed": report.get("events_completed", 0),
        "volunteers": people.get("volunteers", 0),
        "volunteer_hours": _money(people.get("volunteer_hours")),
        "total_kg": _money(report.get("total_kg")),
        "diverted_kg": _money(report.get("diverted_kg")),
        "trees_planted": report.get("trees_planted") or 0,
    }


def _grouped(
    fields: tuple[str, ...], event_prefix: str
) -> list[tuple[tuple[Any, ...], dict[str, Any], dict[str, Any] | None]]:
    """Per group: completed mutirões with their reports' sums, and their check-ins (two queries)."""
    events = (
        Event.objects.filter(status=COMPLETED)
        .values(*fields)
        .annotate(
            events_completed=Count("id"),
            total_kg=Sum("impact_report__total_kg"),
            diverted_kg=Sum("impact_report__diverted_kg"),
            trees_planted=Sum("impact_report__trees_planted"),
        )
    )
    people = {
        tuple(row[f"{event_prefix}{f}"] for f in fields): row
        for row in _attendances().values(*[f"{event_prefix}{f}" for f in fields]).annotate(**_attendance_sums())
    }
    return [(tuple(row[f] for f in fields), row, people.get(tuple(row[f] for f in fields))) for row in events]


TREND_MONTHS = 12


def _month_starts(today: date, count: int) -> list[date]:
    """The first day of the last `count` months, oldest first, ending with this month."""
    months = []
    year, month = today.year, today.month
    for _i in range(count):
        months.append(date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return months[::-1]


def _by_month() -> list[dict[str, Any]]:
    """The monthly trend: the last 12 months (São Paulo time) by the mutirão's start, zeros included."""
    local = timezone.get_current_timezone()
    months = _month_starts(timezone.localdate(), TREND_MONTHS)
    first = timezone.make_aware(datetime.combine(months[0], time.min), local)
    events = (
        Event.objects.filter(status=COMPLETED, start__gte=first)
        .annotate(month=TruncMonth("start", tzinfo=local))
        .values("month")
        .annotate(
            events_completed=Count("id"),
            total_kg=Sum("impact_report__total_kg"),
            diverted_kg=Sum("impact_report__diverted_kg"),
            trees_planted=Sum("impact_report__trees_planted"),
        )
    )
    people = (
        _attendances()
        .filter(event__start__gte=first)
        .annotate(month=TruncMonth("event__start", tzinfo=local))
        .values("month")
        .annotate(**_attendance_sums())
    )
    by_events: dict[date, dict[str, Any]] = {row["month"].date(): dict(row) for row in events}
    by_people: dict[date, dict[str, Any]] = {row["month"].date(): dict(row) for row in people}
    return [
        _group_row({"month": month.strftime("%Y-%m")}, by_events.get(month), by_people.get(month)) for month in months
    ]


def platform_stats_compute() -> dict[str, Any]:
    """Platform impact totals from the reports of completed mutirões and their check-ins."""
    reports = _published_reports().aggregate(**_report_sums(), co2e=Sum(_co2e_expression()))
    people = _attendances().aggregate(**_attendance_sums())
    events_completed = Event.objects.filter(status=COMPLETED).count()
    totals = {
        "events_completed": events_completed,
        "reports": reports["n_reports"],
        "volunteers": people["volunteers"],
        "attendances": people["attendances"],
        "volunteer_hours": _money(people["volunteer_hours"]),
        "kg_by_material": {m: _money(reports[f"sum_{m}"]) for m in MATERIALS},
        "total_kg": _money(reports["sum_total"]),
        "recyclable_kg": _money(reports["sum_recyclable"]),
        "diverted_kg": _money(reports["sum_diverted"]),
        "co2e_avoided_kg": _money(reports["co2e"]),
        "trees_planted": reports["sum_trees"],
        "bags": reports["sum_bags"],
        "area_m2": _money(reports["sum_area"]),
    }
    grouped = {key[0]: (row, attendance) for key, row, attendance in _grouped(("category_id",), "event__")}
    # Every category, those without a completed mutirão as zeros: a chart shows them as zero.
    by_category = [
        _group_row({"category": {"id": c.id, "slug": c.slug, "name": c.name}}, *grouped.get(c.id, (None, None)))
        for c in Category.objects.only("id", "slug", "name")
    ]
    by_category.sort(key=lambda row: (-row["events_completed"], row["category"]["name"]))

    cities = (
        Event.objects.filter(status=COMPLETED)
        .annotate(city_key=Upper("city"))
        .values("city_key", "state")
        .annotate(
            city=Min("city"),
            events_completed=Count("id"),
            total_kg=Sum("impact_report__total_kg"),
            diverted_kg=Sum("impact_report__diverted_kg"),
            trees_planted=Sum("impact_report__trees_planted"),
        )
    )
    city_people = {
        (row["city_key"], row["event__state"]): row
        for row in _attendances()
        .annotate(city_key=Upper("event__city"))
        .values("city_key", "event__state")
        .annotate(**_attendance_sums())
    }
    by_city = [
        _group_row(
            {"city": row["city"], "state": row["state"]},
            dict(row),
            dict(attended) if (attended := city_people.get((row["city_key"], row["state"]))) else None,
        )
        for row in cities
    ]
    by_city.sort(key=lambda row: (-row["events_completed"], row["city"], row["state"]))
    current = factor_set_current()
    return {
        "totals": totals,
        "by_category": by_category,
        "by_city": by_city,
        "by_month": _by_month(),
        "co2e_factors": {"version": current.version, "source": current.source, "source_url": current.source_url}
        if current
        else None,
        "computed_at": timezone.now().isoformat(),
    }


def platform_stats() -> dict[str, Any]:
    """The platform totals, from the cache (invalidated when a report changes, refreshed by beat)."""
    cached: dict[str, Any] | None = cache_get(STATS_CACHE_KEY)
    if cached is not None:
        return cached
    stats = platform_stats_compute()
    cache_set(STATS_CACHE_KEY, stats, timeout=STATS_CACHE_TIMEOUT)
    return stats


# ---------------------------------------------------------------- people
def user_impact_stats(*, user: User) -> dict[str, Any]:
    """What someone did: mutirões attended and hours (check-ins), kilos and trees of those mutirões."""
    attended = (
        _attendances()
        .filter(user=user)
        .aggregate(
            events=Count("id"),
            hours=Sum("hours"),
            categories=Count("event__category", distinct=True),
            first=Min("event__start"),
            last=Max("event__start"),
        )
    )
    reports = ImpactReport.objects.filter(event__in=_attendances().filter(user=user).values("event")).aggregate(
        kg=Sum("total_kg"), trees=Sum("trees_planted")
    )
    organized = Event.objects.filter(organizer=user).aggregate(
        total=Count("id", filter=~Q(status=Event.Status.DRAFT)), completed=Count("id", filter=Q(status=COMPLETED))
    )
    return {
        "events_attended": attended["events"],
        "volunteer_hours": _decimal(attended["hours"]),
        "kg_collected": _decimal(reports["kg"]),
        "trees_planted": reports["trees"] or 0,
        "categories_attended": attended["categories"],
        "events_organized": organized["total"],
        "events_organized_completed": organized["completed"],
    }


@dataclass(frozen=True, kw_only=True)
class EarnedBadge:
    code: str
    name: str
    description: str
    awarded_at: datetime


def user_badges(*, user: User) -> list[EarnedBadge]:
    return [
        EarnedBadge(code=b.code, name=str(rule.name), description=str(rule.description), awarded_at=b.awarded_at)
        for b in UserBadge.objects.filter(user=user).order_by("awarded_at", "id")
        if (rule := BADGES_BY_CODE.get(b.code)) is not None
    ]


def user_stats(*, user: User) -> dict[str, Any]:
    """Mutirões attended, hours, kilos, trees, mutirões organized and badges."""
    return {**user_impact_stats(user=user), "badges": user_badges(user=user)}


def user_export_sections(*, user: User) -> dict[str, Any]:
    """The account export's part about impact: the personal totals and the badges."""
    stats = user_impact_stats(user=user)
    return {
        "stats": {key: str(value) for key, value in stats.items()},
        "badges": [
            {"code": badge.code, "name": badge.name, "awarded_at": badge.awarded_at.isoformat()}
            for badge in user_badges(user=user)
        ],
    }


# No one volunteers more than this in a day; a certificate never states more.
MAX_CERTIFIED_HOURS_PER_DAY = Decimal("12")


def user_attended_participations(*, user: User | int) -> QuerySet[Participation]:
    """The hours a certificate may state: attended mutirões (completed, see rules.ATTENDED) with
    recorded hours, whose organizer published the impact report."""
    return (
        _attendances()
        .filter(user=user, hours__gt=0, event__impact_report__published_at__isnull=False)
        .select_related("event", "event__organizer")
        .order_by("event__start", "id")
    )


def certified_hours(participations: Iterable[Participation]) -> list[tuple[Participation, Decimal]]:
    """Each participation with the hours a certificate counts for it: at most 12 per day the
    mutirão spans, and at most 12 in all for the one-day mutirões of the same day."""
    lines: list[tuple[Participation, Decimal]] = []
    used_on_day: dict[date, Decimal] = {}
    for participation in participations:
        event = participation.event
        first, last = timezone.localtime(event.start).date(), timezone.localtime(event.end).date()
        span_days = (last - first).days + 1
        hours = min(participation.hours or Decimal("0"), MAX_CERTIFIED_HOURS_PER_DAY * span_days)
        if span_days == 1:
            hours = min(hours, MAX_CERTIFIED_HOURS_PER_DAY - used_on_day.get(first, Decimal("0")))
            used_on_day[first] = used_on_day.get(first, Decimal("0")) + hours
        if hours > 0:
            lines.append((participation, hours))
    return lines


def certificate_items(lines: Sequence[tuple[Participation, Decimal]]) -> list[dict[str, Any]]:
    return [
        {
            "participation_id": participation.id,
            "event_id": participation.event_id,
            "title": participation.event.title,
            "date": timezone.localtime(participation.event.start).date().isoformat(),
            "organizer": participation.event.organizer.name,
            "hours": f"{hours:.2f}",
        }
        for participation, hours in lines
    ]


def certificate_stands(*, certificate: Certificate) -> bool:
    """Whether every hour the certificate states is still backed by the rules above."""
    if certificate.revoked_at is not None or not certificate.items:
        return False
    current = {
        participation.id: hours
        for participation, hours in certified_hours(user_attended_participations(user=certificate.user_id))
    }
    return all(
        current.get(item["participation_id"], Decimal("0")) >= Decimal(item["hours"]) for item in certificate.items
    )


def certificate_get(*, code: str) -> Certificate:
    certificate = Certificate.objects.filter(code=code.strip().upper()).first()
    if certificate is None:
        raise NotFound(_("No certificate with this code."), code="certificate_not_found")
    return certificate
