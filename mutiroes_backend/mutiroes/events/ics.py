"""iCalendar (RFC 5545) rendering of mutirões. Times are written in UTC."""

from collections.abc import Iterable
from datetime import UTC, datetime

from django.conf import settings

from mutiroes.events.models import Event

PRODID = "-//Mutiroes//Mutiroes API//PT-BR"


def _escape(text: str) -> str:
    return (
        text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\\n").replace("\n", "\\n")
    )


def _fold(line: str) -> str:
    """Fold a content line at 75 octets, never splitting a UTF-8 character."""
    out: list[str] = []
    current = ""
    for char in line:
        limit = 75 if not out else 74
        if len((current + char).encode()) > limit:
            out.append(current)
            current = char
        else:
            current += char
    out.append(current)
    return "\r\n ".join(out)


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _vevent(event: Event, *, stamp: datetime) -> list[str]:
    url = f"{settings.FRONTEND_URL}/eventos/{event.id}"
    description = event.description
    if event.what_to_bring:
        description += f"\n\nO que levar: {event.what_to_bring}"
    description += f"\n\n{url}"
    lines = [
        "BEGIN:VEVENT",
        f"UID:mutirao-{event.id}@mutiroes",
        f"DTSTAMP:{_utc(stamp)}",
        f"DTSTART:{_utc(event.start)}",
        f"DTEND:{_utc(event.end)}",
        f"SUMMARY:{_escape(event.title)}",
        f"DESCRIPTION:{_escape(description)}",
        f"LOCATION:{_escape(f'{event.address}, {event.city} - {event.state}')}",
        f"GEO:{event.latitude:.6f};{event.longitude:.6f}",
        f"URL:{url}",
        f"STATUS:{'CANCELLED' if event.status == Event.Status.CANCELLED else 'CONFIRMED'}",
        f"LAST-MODIFIED:{_utc(event.updated_at)}",
        "END:VEVENT",
    ]
    return lines


def calendar_render(events: Iterable[Event], *, name: str) -> str:
    stamp = datetime.now(UTC)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{_escape(name)}",
        "X-WR-TIMEZONE:America/Sao_Paulo",
    ]
    for event in events:
        lines.extend(_vevent(event, stamp=stamp))
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
