"""iCalendar (RFC 5545) of mutirões, through the `icalendar` package (escaping and folding are its
job). Times are written in UTC."""

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

from django.conf import settings
from icalendar import Alarm, Calendar, vText
from icalendar import Event as CalendarEvent

from mutiroes.events.models import Event

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
