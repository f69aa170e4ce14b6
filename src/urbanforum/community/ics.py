"""iCalendar (RFC 5545) for events — one event, or a feed — through the `icalendar` library, which
does the escaping, the 75-octet line folding and the time formats. Times are written in UTC
(`…Z`), which every calendar shows in its own zone; the event's own zone is named in the
description."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC

from django.utils.translation import gettext as _
from icalendar import Calendar
from icalendar import Event as VEvent

from urbanforum.community.models import Event

PRODID = "-//urbanforum//events//EN"


def vevent(event: Event, *, url: str, host: str = "urbanforum") -> VEvent:
    description = event.description
    if event.agenda:
        description += "\n\n" + _("Agenda:") + "\n" + event.agenda
    description += "\n\n" + _("Times in %(timezone)s.") % {"timezone": event.timezone} + f" {url}"
    item = VEvent()
    item.add("uid", f"event-{event.pk}@{host}")
    item.add("dtstamp", event.updated_at.astimezone(UTC))
    item.add("dtstart", event.starts_at.astimezone(UTC))
    item.add("dtend", event.ends_at.astimezone(UTC))
    item.add("summary", event.title)
    item.add("description", description.strip())
    item.add("location", event.place or event.online_url)
    item.add("url", url)
    item.add("status", "CANCELLED" if event.cancelled_at else "CONFIRMED")
    item.add("categories", [event.get_kind_display()])
    return item


def calendar(
    events: Iterable[tuple[Event, str]],
    *,
    name: str = "urbanforum events",
    host: str = "urbanforum",
) -> str:
    """A VCALENDAR of (event, its page's absolute URL) pairs, as text with CRLF line ends."""
    cal = Calendar()
    cal.add("version", "2.0")
    cal.add("prodid", PRODID)
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    for event, url in events:
        cal.add_component(vevent(event, url=url, host=host))
    return str(cal.to_ical(sorted=False).decode("utf-8"))
