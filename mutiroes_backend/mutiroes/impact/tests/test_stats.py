from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.utils import timezone

from mutiroes.events.models import Category, Event
from mutiroes.impact import selectors, services
from mutiroes.impact.models import MATERIALS, ImpactReport
from mutiroes.impact.tasks import events_complete_due, impact_stats_refresh


def _file(client, event, **materials):
    body = {"materials_kg": {m: str(kg) for m, kg in materials.items()}, "trees_planted": materials.pop("trees", 0)}
    body["materials_kg"].pop("trees", None)
    with_trees = {**body}
    response = client.put(f"/api/events/{event.id}/report/", with_trees, format="json")
    assert response.status_code == 200, response.json()
    return response.json()


@pytest.fixture
def world(client_for, organizer, make_user, past_event, attend, django_capture_on_commit_callbacks):
    """Two completed mutirões in Rio (beach), one in Recife (tree planting), one still running."""
    planting = Category.objects.get(slug="plantio-de-arvores")
    rio_a = past_event(days_ago=3)
    rio_b = past_event(days_ago=2, city="rio de janeiro")
    recife = past_event(days_ago=1, city="Recife", state="PE", category=planting)
    running = past_event(days_ago=0, status=Event.Status.PUBLISHED)
    ana, bia, caio = make_user(), make_user(), make_user()
    attend(rio_a, ana, "3.00")
    attend(rio_a, bia, "2.50")
    attend(rio_b, ana, "4.00")
    attend(recife, caio, "1.25")
    attend(running, bia, "1.00")
    client = client_for(organizer)
    with django_capture_on_commit_callbacks(execute=True):
        _file(client, rio_a, plastic="10.5", glass="2", landfill="3")
        _file(client, rio_b, metal="1", organic="4")
        _file(client, recife, paper="0.5", trees=120)
        _file(client, running, plastic="1000")  # not completed: not counted
    return {"rio_a": rio_a, "rio_b": rio_b, "recife": recife, "running": running, "client": client}


def _sum_of_reports() -> dict[str, Decimal]:
    reports = ImpactReport.objects.filter(event__status=Event.Status.COMPLETED)
    return {m: sum((getattr(r, f"{m}_kg") for r in reports), Decimal("0")) for m in MATERIALS}


def test_stats_totals(api, world):
    response = api.get("/api/stats/")
    assert response.status_code == 200
    totals = response.json()["totals"]
    assert totals["events_completed"] == 3
    assert totals["reports"] == 3
    assert totals["volunteers"] == 3
    assert totals["attendances"] == 4
    assert totals["volunteer_hours"] == "10.75"
    assert totals["kg_by_material"] == {m: f"{kg:.2f}" for m, kg in _sum_of_reports().items()}
    assert totals["total_kg"] == "21.00"
    assert totals["recyclable_kg"] == "14.00"
    assert totals["diverted_kg"] == "18.00"
    assert totals["trees_planted"] == 120
    assert response.json()["co2e_factors"]["source"].startswith("U.S. EPA")


def test_stats_by_category_and_city(api, world):
    body = api.get("/api/stats/").json()
    by_category = {row["category"]["slug"]: row for row in body["by_category"]}
    assert by_category["limpeza-de-praias"]["events_completed"] == 2
    assert by_category["limpeza-de-praias"]["total_kg"] == "20.50"
    assert by_category["limpeza-de-praias"]["volunteers"] == 2
    assert by_category["limpeza-de-praias"]["volunteer_hours"] == "9.50"
    assert by_category["plantio-de-arvores"]["trees_planted"] == 120
    by_city = {(row["city"].upper(), row["state"]): row for row in body["by_city"]}
    assert set(by_city) == {("RIO DE JANEIRO", "RJ"), ("RECIFE", "PE")}
    assert by_city[("RIO DE JANEIRO", "RJ")]["events_completed"] == 2  # spelled two ways, one city
    assert by_city[("RECIFE", "PE")]["volunteer_hours"] == "1.25"


def test_stats_equal_the_sum_of_reports_after_an_edit(api, world, django_capture_on_commit_callbacks):
    before = api.get("/api/stats/").json()["totals"]
    assert cache.get(selectors.STATS_CACHE_KEY) is not None
    with django_capture_on_commit_callbacks(execute=True):
        _file(world["client"], world["rio_a"], plastic="50", glass="2", landfill="3")
    assert cache.get(selectors.STATS_CACHE_KEY) is None  # invalidated on commit
    after = api.get("/api/stats/").json()["totals"]
    assert after["kg_by_material"] == {m: f"{kg:.2f}" for m, kg in _sum_of_reports().items()}
    expected_total = sum(_sum_of_reports().values(), Decimal("0"))
    assert Decimal(after["total_kg"]) == expected_total == Decimal(before["total_kg"]) + Decimal("39.5")
    assert after["total_kg"] == str(
        sum((r.total_kg for r in ImpactReport.objects.filter(event__status="completed")), Decimal("0"))
    )


def test_stats_are_served_from_the_cache(api, world, django_assert_num_queries):
    api.get("/api/stats/")
    with django_assert_num_queries(0):
        assert api.get("/api/stats/").status_code == 200


def test_stats_on_an_empty_platform(api, db):
    totals = api.get("/api/stats/").json()["totals"]
    assert (totals["events_completed"], totals["total_kg"], totals["volunteer_hours"]) == (0, "0.00", "0.00")


def test_beat_completes_finished_mutiroes_publishes_and_recomputes(api, world, django_capture_on_commit_callbacks):
    running = world["running"]
    api.get("/api/stats/")
    earlier = running.start - timedelta(hours=5)
    Event.objects.filter(pk=running.pk).update(start=earlier, registration_deadline=earlier, end=running.start)
    with django_capture_on_commit_callbacks(execute=True):
        assert events_complete_due.delay().get() == 1
    impact_stats_refresh.delay()
    fresh = api.get("/api/stats/").json()["totals"]
    assert fresh["events_completed"] == 4
    assert fresh["kg_by_material"]["plastic"] == f"{_sum_of_reports()['plastic']:.2f}"
    assert ImpactReport.objects.get(event=running).published_at is not None
    assert Event.objects.get(pk=running.pk).status == Event.Status.COMPLETED


def test_stats_refresh_service_caches(world):
    stats = services.stats_refresh()
    assert cache.get(selectors.STATS_CACHE_KEY) == stats


def test_a_report_filed_after_the_end_completes_the_mutirao_and_counts_at_once(
    api, client_for, organizer, make_user, past_event, attend, django_capture_on_commit_callbacks
):
    ended = past_event(days_ago=1, status=Event.Status.PUBLISHED)
    attend(ended, make_user(), "2.00")
    before = api.get("/api/stats/").json()["totals"]
    with django_capture_on_commit_callbacks(execute=True):
        body = _file(client_for(organizer), ended, plastic="7.5")
    ended.refresh_from_db()
    assert ended.status == Event.Status.COMPLETED
    assert body["is_public"] is True
    after = api.get("/api/stats/").json()["totals"]
    assert after["events_completed"] == before["events_completed"] + 1
    assert Decimal(after["total_kg"]) == Decimal(before["total_kg"]) + Decimal("7.5")


def test_every_category_is_listed_with_zeros(api, world):
    by_category = api.get("/api/stats/").json()["by_category"]
    assert len(by_category) == Category.objects.count()
    empty = [row for row in by_category if row["events_completed"] == 0]
    assert len(empty) == Category.objects.count() - 2
    assert {row["total_kg"] for row in empty} == {"0.00"}
    assert by_category[0]["category"]["slug"] == world["rio_a"].category.slug  # most mutirões first


def test_the_monthly_trend_holds_twelve_months_zeros_included(api, world):
    by_month = api.get("/api/stats/").json()["by_month"]
    today = timezone.localdate()
    assert len(by_month) == 12
    assert by_month[-1]["month"] == today.strftime("%Y-%m")
    assert [row["month"] for row in by_month] == sorted(row["month"] for row in by_month)
    expected: dict[str, int] = {}
    for event in (world["rio_a"], world["rio_b"], world["recife"]):
        key = timezone.localtime(event.start).strftime("%Y-%m")
        expected[key] = expected.get(key, 0) + 1
    assert {row["month"]: row["events_completed"] for row in by_month if row["events_completed"]} == expected
    assert sum(Decimal(row["total_kg"]) for row in by_month) == Decimal("21.00")
    assert sum(Decimal(row["volunteer_hours"]) for row in by_month) == Decimal("10.75")
