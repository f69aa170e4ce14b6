"""iCalendar (RFC 5545) for events: one event, or a feed. Written by hand (a few lines of text),
with the escaping and 75-octet line folding the RFC asks for. Times are written in UTC (`Z`),
which every calendar converts to its own zone; the event's zone is given as X-WR-TIMEZONE-like
information in the description only, so no VTIMEZONE block is needed."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from urbanforum.community.models import Event

PRODID = "-//urbanforum//events//EN"


def _escape(text: str) -> str:
    return (
        (text or "")
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def _fold(line: str) -> str:
    """Fold lines longer than 75 octets (continuation lines start with a space)."""
    encoded = line.encode("utf-8")
    if len(encoded) <= 75:
        return line
    parts: list[str] = []
    current = b""
    limit = 75
    for char in line:
        b = char.encode("utf-8")
        if len(current) + len(b) > limit:
            parts.append(current.decode("utf-8"))
            current = b""
            limit = 74  # the leading space counts
        current += b
    parts.append(current.decode("utf-8"))
    return "\r\n ".join(parts)


def _utc(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def vevent(event: Event, *, url: str, host: str = "urbanforum") -> list[str]:
    description = event.description
    if event.agenda:
        description += "\n\nAgenda:\n" + event.agenda
    description += f"\n\nTimes in {event.timezone}. {url}"
    lines = [
        "BEGIN:VEVENT",
        f"UID:event-{event.pk}@{host}",
        f"DTSTAMP:{_utc(event.updated_at)}",
        f"DTSTART:{_utc(event.starts_at)}",
        f"DTEND:{_utc(event.ends_at)}",
        f"SUMMARY:{_escape(event.title)}",
        f"DESCRIPTION:{_escape(description.strip())}",
        f"LOCATION:{_escape(event.place or event.online_url)}",
        f"URL:{url}",
        f"STATUS:{'CANCELLED' if event.cancelled_at else 'CONFIRMED'}",
        f"CATEGORIES:{_escape(event.get_kind_display())}",
        "END:VEVENT",
    ]
    return lines


def calendar(
    events: Iterable[tuple[Event, str]],
    *,
    name: str = "urbanforum events",
    host: str = "urbanforum",
) -> str:
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{_escape(name)}",
    ]
    for event, url in events:
        lines.extend(vevent(event, url=url, host=host))
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
