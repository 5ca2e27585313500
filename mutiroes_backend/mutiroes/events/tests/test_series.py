"""Recurring mutirões: the rule (weekly, every N weeks, monthly on the Nth weekday) in São Paulo
local time across DST changes, idempotent generation, "this one" vs "this and following",
cancelling, "Participar de todos" and the series' iCalendar."""

import itertools
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone
from icalendar import Calendar

from mutiroes.events.models import Event, EventSeries, Participation
from mutiroes.events.services import participation_join, series
from mutiroes.notifications.models import Broadcast, Notification

pytestmark = pytest.mark.django_db
SP = ZoneInfo("America/Sao_Paulo")


def _next(weekday: int, *, weeks_ahead: int = 1, at: time = time(9, 0)) -> datetime:
    """A local moment on the given weekday, at least `weeks_ahead` weeks from today."""
    day = timezone.localdate() + timedelta(weeks=weeks_ahead)
    day += timedelta(days=(weekday - day.weekday()) % 7)
    return datetime.combine(day, at, tzinfo=SP)


def _occurrences(s: EventSeries) -> list[Event]:
    return list(s.occurrences.order_by("occurrence_date"))


def test_weekly_series_generates_ahead_within_the_horizon(client_for, organizer, make_event, settings):
    settings.SERIES = {**settings.SERIES, "HORIZON_DAYS": 30}
    start = _next(5)  # a Saturday, 09:00
    first = make_event(start=start, end=start + timedelta(hours=3), registration_deadline=start - timedelta(hours=12))
    response = client_for(organizer).post(
        f"/api/events/{first.id}/series/", {"frequency": "weekly", "count": 10}, format="json"
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["description"] == "Toda semana, aos sábados, às 09:00"
    s = EventSeries.objects.get()
    occurrences = _occurrences(s)
    assert occurrences[0].id == first.id
    horizon = timezone.now() + timedelta(days=30)
    expected = [start + timedelta(weeks=k) for k in range(10) if start + timedelta(weeks=k) <= horizon]
    assert [e.start for e in occurrences] == expected and len(expected) >= 3
    for previous, current in itertools.pairwise(occurrences):
        assert current.occurrence_date - previous.occurrence_date == timedelta(weeks=1)
    for e in occurrences:
        local = timezone.localtime(e.start, SP)
        assert (local.weekday(), local.hour, local.minute) == (5, 9, 0)
        assert e.end - e.start == timedelta(hours=3) and e.start - e.registration_deadline == timedelta(hours=12)
        assert e.status == "published" and e.title == first.title and e.capacity == first.capacity
    assert [o["id"] for o in body["occurrences"]] == [e.id for e in occurrences]


def test_generation_is_idempotent_and_the_database_refuses_a_duplicate(organizer, make_event):
    start = _next(2)
    first = make_event(start=start, end=start + timedelta(hours=2), registration_deadline=start)
    s = series.series_create(event_id=first.id, user=organizer, frequency="weekly", interval=2, count=4)
    before = sorted(s.occurrences.values_list("occurrence_date", flat=True))
    assert len(before) == 4 and before[1] - before[0] == timedelta(weeks=2)
    assert series.series_occurrences_generate() == 0
    assert series.series_generate(series_id=s.id) == 0
    assert sorted(s.occurrences.values_list("occurrence_date", flat=True)) == before
    with pytest.raises(IntegrityError), transaction.atomic():
        twin = Event.objects.get(pk=first.pk)
        twin.pk, twin.share_token = None, "another-token"
        twin.occurrence_date = before[1]
        twin.save(force_insert=True)


def test_local_time_holds_across_dst_changes(organizer, make_event, category):
    """Brazil observed DST until 2019: from 2018-11-04 to 2019-02-17 São Paulo was UTC-2."""
    first_start = datetime(2018, 10, 27, 9, 0, tzinfo=SP)
    origin = make_event(start=first_start, end=first_start + timedelta(hours=3), registration_deadline=first_start)
    s = EventSeries.objects.create(
        organizer=organizer,
        origin=origin,
        frequency="weekly",
        interval=1,
        weekday=5,
        first_date=date(2018, 10, 27),
        count=20,
        start_time=time(9, 0),
        duration=timedelta(hours=3),
        deadline_before=timedelta(0),
        template=series._template(origin),
    )
    Event.objects.filter(pk=origin.pk).update(series=s, occurrence_date=date(2018, 10, 27))
    series.series_generate(series_id=s.id, now=datetime(2018, 10, 27, 12, 0, tzinfo=SP))
    series.series_generate(series_id=s.id, now=datetime(2018, 12, 20, 12, 0, tzinfo=SP))
    series.series_generate(series_id=s.id, now=datetime(2019, 1, 10, 12, 0, tzinfo=SP))
    series.series_generate(series_id=s.id, now=datetime(2019, 1, 10, 12, 0, tzinfo=SP))  # again: nothing new
    occurrences = _occurrences(s)
    assert len(occurrences) == 20 and len({e.occurrence_date for e in occurrences}) == 20
    utc_hours = {}
    for e in occurrences:
        local = e.start.astimezone(SP)
        assert (local.weekday(), local.hour, local.minute) == (5, 9, 0), e.start
        utc_hours[e.occurrence_date] = e.start.astimezone(ZoneInfo("UTC")).hour
    assert utc_hours[date(2018, 10, 27)] == 12  # UTC-3
    assert utc_hours[date(2018, 11, 10)] == 11  # UTC-2 (summer time)
    assert utc_hours[date(2019, 2, 23)] == 12  # UTC-3 again
    assert occurrences[-1].occurrence_date == date(2019, 3, 9)


def test_monthly_on_the_nth_weekday(client_for, organizer, make_event, settings):
    settings.SERIES = {**settings.SERIES, "HORIZON_DAYS": 400}
    day = timezone.localdate() + timedelta(days=40)
    day = day.replace(day=8)
    day += timedelta(days=(5 - day.weekday()) % 7)  # the 2nd Saturday of that month
    start = datetime.combine(day, time(8, 30), tzinfo=SP)
    first = make_event(start=start, end=start + timedelta(hours=2), registration_deadline=start)
    until = (day + timedelta(days=200)).isoformat()
    response = client_for(organizer).post(
        f"/api/events/{first.id}/series/", {"frequency": "monthly", "until": until}, format="json"
    )
    assert response.status_code == 201, response.content
    assert response.json()["week_of_month"] == 2
    assert response.json()["description"] == "Todo mês, no 2º sábado, às 08:30"
    dates = [e.occurrence_date for e in _occurrences(EventSeries.objects.get())]
    assert len(dates) in (6, 7) and all(d.weekday() == 5 and 8 <= d.day <= 14 for d in dates)
    assert all(d.isoformat() <= until for d in dates)


def test_monthly_on_the_last_weekday(organizer, make_event, settings):
    settings.SERIES = {**settings.SERIES, "HORIZON_DAYS": 200}
    day = timezone.localdate() + timedelta(days=40)
    nxt = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
    last = nxt - timedelta(days=1)
    last -= timedelta(days=(last.weekday() - 6) % 7)  # the last Sunday of that month
    start = datetime.combine(last, time(7, 0), tzinfo=SP)
    first = make_event(start=start, end=start + timedelta(hours=2), registration_deadline=start)
    s = series.series_create(event_id=first.id, user=organizer, frequency="monthly", week_of_month=-1, count=4)
    for e in _occurrences(s):
        d = e.occurrence_date
        assert d.weekday() == 6 and (d + timedelta(days=7)).month != d.month


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ({"frequency": "weekly"}, 400, "invalid"),
        ({"frequency": "weekly", "count": 3, "until": "2099-01-01"}, 400, "invalid"),
        ({"frequency": "weekly", "count": 500}, 400, "invalid"),
        ({"frequency": "yearly", "count": 3}, 400, "invalid"),
        ({"frequency": "monthly", "count": 3, "week_of_month": 4}, 400, "invalid"),
    ],
)
def test_bad_rules_are_refused_and_change_nothing(client_for, organizer, make_event, body, status, code):
    start = _next(5)  # 1st or 2nd Saturday of its month only by chance: week 4 is never right here
    start = datetime.combine(
        start.date().replace(day=1) + timedelta(days=(5 - start.date().replace(day=1).weekday()) % 7),
        time(9),
        tzinfo=SP,
    )
    if start <= timezone.now():
        start += timedelta(weeks=5)
        start = datetime.combine(
            start.date().replace(day=1) + timedelta(days=(5 - start.date().replace(day=1).weekday()) % 7),
            time(9),
            tzinfo=SP,
        )
    first = make_event(start=start, end=start + timedelta(hours=2), registration_deadline=start)
    response = client_for(organizer).post(f"/api/events/{first.id}/series/", body, format="json")
    assert response.status_code == status and response.json()["code"] == code
    assert not EventSeries.objects.exists() and Event.objects.count() == 1


def test_a_draft_or_a_mutirao_already_in_a_series_is_refused(client_for, organizer, make_event):
    draft = make_event(status=Event.Status.DRAFT)
    response = client_for(organizer).post(
        f"/api/events/{draft.id}/series/", {"frequency": "weekly", "count": 2}, format="json"
    )
    assert response.status_code == 409 and response.json()["code"] == "not_published"
    first = make_event()
    assert (
        client_for(organizer)
        .post(f"/api/events/{first.id}/series/", {"frequency": "weekly", "count": 2}, format="json")
        .status_code
        == 201
    )
    again = client_for(organizer).post(
        f"/api/events/{first.id}/series/", {"frequency": "weekly", "count": 2}, format="json"
    )
    assert again.status_code == 409 and again.json()["code"] == "already_in_series"
    assert EventSeries.objects.count() == 1


# ---------------------------------------------------------------- editing
@pytest.fixture
def weekly(organizer, make_event):
    start = _next(5)
    first = make_event(start=start, end=start + timedelta(hours=3), registration_deadline=start)
    return series.series_create(event_id=first.id, user=organizer, frequency="weekly", count=6)


def test_this_and_following_changes_the_later_ones_and_the_next_generated(client_for, organizer, weekly, settings):
    occurrences = _occurrences(weekly)
    assert len(occurrences) == 6
    second = occurrences[1]
    new_start = timezone.localtime(second.start, SP).replace(hour=14, minute=0)
    response = client_for(organizer).patch(
        f"/api/events/{second.id}/?scope=following",
        {
            "title": "Mutirão da tarde",
            "start": new_start.isoformat(),
            "end": (new_start + timedelta(hours=2)).isoformat(),
        },
        format="json",
    )
    assert response.status_code == 200, response.content
    after = _occurrences(weekly)
    assert after[0].title == occurrences[0].title and timezone.localtime(after[0].start, SP).hour == 9
    for e in after[1:]:
        local = timezone.localtime(e.start, SP)
        assert e.title == "Mutirão da tarde" and (local.hour, local.weekday()) == (14, 5)
        assert e.end - e.start == timedelta(hours=2)
    weekly.refresh_from_db()
    assert weekly.template["title"] == "Mutirão da tarde" and weekly.start_time == time(14, 0)


def test_this_and_following_cannot_change_the_day_and_changes_nothing(client_for, organizer, weekly):
    second = _occurrences(weekly)[1]
    moved = second.start + timedelta(days=1)
    response = client_for(organizer).patch(
        f"/api/events/{second.id}/?scope=following",
        {"title": "Outro", "start": moved.isoformat(), "end": (moved + timedelta(hours=3)).isoformat()},
        format="json",
    )
    assert response.status_code == 400 and "start" in response.json()["errors"]
    assert not Event.objects.filter(title="Outro").exists()
    weekly.refresh_from_db()
    assert weekly.template["title"] != "Outro"


def test_this_and_following_is_all_or_nothing(client_for, organizer, weekly, make_user):
    occurrences = _occurrences(weekly)
    last = occurrences[-1]
    for _ in range(3):
        participation_join(event_id=last.id, user=make_user())
    response = client_for(organizer).patch(
        f"/api/events/{occurrences[1].id}/?scope=following", {"capacity": 2}, format="json"
    )
    assert response.status_code == 400
    assert set(Event.objects.values_list("capacity", flat=True)) == {10}


def test_this_one_moves_only_that_occurrence_and_it_is_not_generated_again(client_for, organizer, weekly):
    occurrences = _occurrences(weekly)
    second = occurrences[1]
    moved = second.start + timedelta(days=1)
    response = client_for(organizer).patch(
        f"/api/events/{second.id}/",
        {"start": moved.isoformat(), "end": (moved + timedelta(hours=3)).isoformat()},
        format="json",
    )
    assert response.status_code == 200
    assert series.series_generate(series_id=weekly.id) == 0
    after = _occurrences(weekly)
    assert len(after) == 6 and after[1].start == moved
    assert [e.start for e in after[2:]] == [e.start for e in occurrences[2:]]


def test_cancelling_one_occurrence_tells_only_its_participants(
    client_for, organizer, weekly, make_user, django_capture_on_commit_callbacks
):
    first, second = _occurrences(weekly)[:2]
    here, elsewhere = make_user(), make_user()
    participation_join(event_id=second.id, user=here)
    participation_join(event_id=first.id, user=elsewhere)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(organizer).post(
            f"/api/events/{second.id}/cancel/", {"reason": "Chuva forte"}, format="json"
        )
    assert response.status_code == 200 and response.json()["status"] == "cancelled"
    assert list(Broadcast.objects.values_list("event_id", "kind")) == [(second.id, "event_cancelled")]
    assert Notification.objects.filter(kind="event_cancelled").count() == 1
    assert Notification.objects.get(kind="event_cancelled").user_id == here.id
    assert Event.objects.filter(status="cancelled").count() == 1
    assert series.series_generate(series_id=weekly.id) == 0  # not made again


def test_cancelling_this_and_following_ends_the_series(client_for, organizer, weekly):
    occurrences = _occurrences(weekly)
    third = occurrences[2]
    response = client_for(organizer).post(f"/api/events/{third.id}/cancel/", {"scope": "following"}, format="json")
    assert response.status_code == 200
    statuses = [e.status for e in _occurrences(weekly)]
    assert statuses == ["published", "published"] + ["cancelled"] * 4
    weekly.refresh_from_db()
    assert weekly.ended_at is not None and weekly.until == third.occurrence_date - timedelta(days=1)
    assert series.series_generate(series_id=weekly.id) == 0


def test_only_managers_edit_following(client_for, weekly, user):
    second = _occurrences(weekly)[1]
    response = client_for(user).patch(f"/api/events/{second.id}/?scope=following", {"title": "Invadido"}, format="json")
    assert response.status_code == 403
    assert not Event.objects.filter(title="Invadido").exists()


# ---------------------------------------------------------------- "Participar de todos"
def test_join_all_joins_every_upcoming_and_each_new_one_with_its_rules(
    client_for, organizer, make_event, make_user, settings
):
    settings.SERIES = {**settings.SERIES, "HORIZON_DAYS": 15}
    start = _next(5)
    first = make_event(start=start, end=start + timedelta(hours=3), registration_deadline=start, capacity=1)
    s = series.series_create(event_id=first.id, user=organizer, frequency="weekly", count=5)
    created = _occurrences(s)
    participation_join(event_id=created[0].id, user=make_user())  # the first is full
    volunteer = make_user()
    client = client_for(volunteer)
    response = client.post(f"/api/series/{s.id}/join-all/")
    assert response.status_code == 201 and response.json() == {"joined": len(created)}
    statuses = dict(Participation.objects.filter(user=volunteer).values_list("event_id", "status"))
    assert statuses[created[0].id] == "waitlisted"
    assert all(statuses[e.id] == "confirmed" for e in created[1:])
    detail = client.get(f"/api/series/{s.id}/").json()
    assert detail["is_subscribed"] is True and detail["can_join_all"] is False
    # Later occurrences, generated by beat, join the subscriber.
    settings.SERIES = {**settings.SERIES, "HORIZON_DAYS": 60}
    assert series.series_occurrences_generate() == 5 - len(created)
    assert Participation.objects.filter(user=volunteer, status="confirmed").count() == 4
    assert client.post(f"/api/series/{s.id}/join-all/").status_code == 409
    assert client.delete(f"/api/series/{s.id}/join-all/").status_code == 204
    assert client.delete(f"/api/series/{s.id}/join-all/").status_code == 409


def test_join_all_with_approval_makes_requests(client_for, organizer, make_event, make_user):
    start = _next(3)
    first = make_event(start=start, end=start + timedelta(hours=1), registration_deadline=start, requires_approval=True)
    s = series.series_create(event_id=first.id, user=organizer, frequency="weekly", count=3)
    volunteer = make_user()
    assert client_for(volunteer).post(f"/api/series/{s.id}/join-all/").json() == {"joined": 3}
    assert set(Participation.objects.filter(user=volunteer).values_list("status", flat=True)) == {"pending"}
    response = client_for(organizer).post(f"/api/series/{s.id}/join-all/")
    assert response.status_code == 400 and response.json()["code"] == "is_organizer"


# ---------------------------------------------------------------- calendar
def test_the_series_calendar_carries_the_rule_exceptions_and_overrides(client_for, organizer, weekly, api):
    occurrences = _occurrences(weekly)
    client_for(organizer).post(f"/api/events/{occurrences[1].id}/cancel/")
    response = api.get(f"/api/series/{weekly.id}/calendar.ics")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    vevents = calendar.walk("VEVENT")
    master = next(v for v in vevents if "RRULE" in v)
    rule = master["RRULE"]
    assert rule["FREQ"] == ["WEEKLY"] and rule["BYDAY"] == ["SA"] and rule["COUNT"] == [6]
    assert master["DTSTART"].params["TZID"] == "America/Sao_Paulo"
    assert str(master["DTSTART"].dt.tzinfo) == "America/Sao_Paulo" or master["DTSTART"].dt.utcoffset() is not None
    assert calendar.walk("VTIMEZONE")
    exdates = [
        d.dt.date()
        for d in (master["EXDATE"] if isinstance(master["EXDATE"], list) else [master["EXDATE"]])
        for d in d.dts
    ]
    assert exdates == [occurrences[1].occurrence_date]
    overrides = [v for v in vevents if "RECURRENCE-ID" in v]
    assert len(overrides) == 5 and {str(v["UID"]) for v in vevents} == {f"serie-{weekly.id}@mutiroes"}
