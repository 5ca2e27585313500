"""iCalendar (RFC 5545) of mutirões, through the `icalendar` package (escaping and folding are its
job). Times are written in UTC."""

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from icalendar import Alarm, Calendar, vText
from icalendar import Event as CalendarEvent

from mutiroes.events.models import Event, EventSeries

PRODID = "-//Mutiroes//Mutiroes API//PT-BR"


def _text(value: str) -> str:
    """Every line break as LF, which `icalendar` escapes as "\\n": a raw CR would end the content
    line and let a title inject properties of its own."""
    return value.replace("\r\n", "\n").replace("\r", "\n")


def _vevent(event: Event, *, stamp: datetime) -> CalendarEvent:
    url = f"{settings.FRONTEND_URL}/eventos/{event.id}"
    description = event.description
    if event.what_to_bring:
        description += f"\n\nO que levar: {event.what_to_bring}"
    description += f"\n\n{url}"
    vevent = CalendarEvent()
    vevent.add("uid", f"mutirao-{event.id}@mutiroes")
    vevent.add("dtstamp", stamp)
    vevent.add("dtstart", event.start.astimezone(UTC))
    vevent.add("dtend", event.end.astimezone(UTC))
    vevent.add("summary", _text(event.title))
    vevent.add("description", _text(description))
    vevent.add("location", _text(f"{event.address}, {event.city} - {event.state}"))
    vevent.add("geo", (event.latitude, event.longitude))
    vevent.add("url", url)
    vevent.add("status", "CANCELLED" if event.status == Event.Status.CANCELLED else "CONFIRMED")
    vevent.add("last-modified", event.updated_at.astimezone(UTC))
    if event.status != Event.Status.CANCELLED:
        # A reminder on the phone the evening before and two hours before.
        for hours in (12, 2):
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", event.title)
            alarm.add("trigger", -timedelta(hours=hours))
            vevent.add_component(alarm)
    return vevent


def calendar_render(events: Iterable[Event], *, name: str) -> str:
    stamp = datetime.now(UTC)
    calendar = Calendar()
    calendar.add("version", "2.0")
    calendar.add("prodid", PRODID)
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", vText(_text(name)))  # an X- property: escaped only as vText
    calendar.add("x-wr-timezone", "America/Sao_Paulo")
    for event in events:
        calendar.add_component(_vevent(event, stamp=stamp))
    return calendar.to_ical().decode()


def series_calendar_render(series: EventSeries, occurrences: Iterable[Event], *, name: str) -> str:
    """A recurring series as RFC 5545 says: one master VEVENT with the RRULE in local time
    (TZID America/Sao_Paulo, with its VTIMEZONE), an EXDATE per cancelled occurrence, and each
    generated occurrence as an override (RECURRENCE-ID = its rule date) with its own data."""
    zone = ZoneInfo(settings.TIME_ZONE)
    stamp = datetime.now(UTC)
    uid = f"serie-{series.id}@mutiroes"
    calendar = Calendar()
    calendar.add("version", "2.0")
    calendar.add("prodid", PRODID)
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", vText(_text(name)))
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    template = series.template
    first_start = datetime.combine(series.first_date, series.start_time, tzinfo=zone)
    master = CalendarEvent()
    master.add("uid", uid)
    master.add("dtstamp", stamp)
    master.add("dtstart", first_start)
    master.add("dtend", first_start + series.duration)
    master.add("summary", _text(template["title"]))
    master.add("description", _text(template["description"]))
    master.add("location", _text(f"{template['address']}, {template['city']} - {template['state']}"))
    rule: dict[str, object] = {"freq": series.frequency.upper(), "interval": series.interval}
    day = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")[series.weekday]
    rule["byday"] = day if series.week_of_month is None else f"{series.week_of_month}{day}"
    if series.count:
        rule["count"] = series.count
    if series.until:
        # UNTIL in UTC (RFC 5545 with a TZID start): the end of the last local day.
        rule["until"] = datetime.combine(series.until, datetime.max.time(), tzinfo=zone).astimezone(UTC)
    master.add("rrule", rule)
    overrides = []
    for event in occurrences:
        assert event.occurrence_date is not None
        recurrence_id = datetime.combine(event.occurrence_date, series.start_time, tzinfo=zone)
        if event.status == Event.Status.CANCELLED:
            master.add("exdate", recurrence_id)
            continue
        override = _vevent(event, stamp=stamp)
        override.pop("uid")
        override.add("uid", uid)
        override.add("recurrence-id", recurrence_id)
        overrides.append(override)
    calendar.add_component(master)
    for override in overrides:
        calendar.add_component(override)
    calendar.add_missing_timezones()
    return calendar.to_ical().decode()
