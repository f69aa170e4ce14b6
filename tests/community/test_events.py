"""Events: time zones, capacity and the waiting list (first come first served, promotion on
cancellation), iCalendar export."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone
from icalendar import Calendar

from tests.community.conftest import Community, u
from tests.conftest import api, make_user
from urbanforum.community import services
from urbanforum.community.models import Registration
from urbanforum.community.schemas import EventPatchIn
from urbanforum.notifications.models import Notification


def test_times_are_stored_in_utc_and_shown_in_the_event_zone(world: Any) -> None:
    event = services.event_create(
        actor=u(world, "editor"),
        title="Study visit Tallinn",
        kind="study_visit",
        starts_at=datetime(2031, 6, 3, 9, 30),
        ends_at=datetime(2031, 6, 3, 17, 0),
        timezone="Europe/Tallinn",
        place="Tallinn Creative Hub",
    )
    event.refresh_from_db()
    assert event.starts_at == datetime(2031, 6, 3, 6, 30, tzinfo=UTC)  # EEST = UTC+3
    html = world.client("anonymous").get(f"/community/events/{event.slug}/").content.decode()
    assert "9:30" in html or "09:30" in html
    assert "Europe/Tallinn" in html
    body = api(world.client("anonymous"), "GET", f"/api/v1/events/{event.slug}").json()
    assert body["starts_at"].startswith("2031-06-03T06:30:00")
    assert body["starts_local"] == "2031-06-03T09:30:00+03:00"


def test_validation_names_the_field(world: Any) -> None:
    editor = u(world, "editor")
    start = timezone.now() + timedelta(days=1)
    cases = [
        ({"timezone": "Mars/Olympus"}, "timezone"),
        ({"place": "", "online_url": ""}, "place"),
        ({"ends_at": start - timedelta(hours=1)}, "__all__"),
        ({"capacity": 0}, "capacity"),
    ]
    for extra, field in cases:
        kwargs: dict[str, Any] = {
            "title": "X",
            "kind": "webinar",
            "starts_at": start,
            "ends_at": start + timedelta(hours=1),
            "place": "Online",
        }
        kwargs.update(extra)
        with pytest.raises(ValidationError) as exc:
            services.event_create(actor=editor, **kwargs)
        assert field in exc.value.message_dict, (extra, exc.value.message_dict)


@pytest.mark.django_db(transaction=True)
def test_waiting_list_first_come_first_served(world: Any) -> None:

    editor = u(world, "editor")
    start = timezone.now() + timedelta(days=3)
    event = services.event_create(
        actor=editor,
        title="Workshop",
        kind="workshop",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        place="Espoo",
        capacity=2,
    )
    people = [make_user(f"p{i}@example.org") for i in range(5)]
    statuses = [services.event_register(actor=p, event=event).status for p in people]
    assert statuses == ["confirmed", "confirmed", "waiting", "waiting", "waiting"]
    with pytest.raises(ValidationError):
        services.event_register(actor=people[0], event=event)
    # p0 cancels: p2 (first on the list) gets the place and is told.
    services.registration_cancel(actor=people[0], event=event)
    status = dict(Registration.objects.filter(event=event).values_list("user__email", "status"))
    assert status == {
        "p0@example.org": "cancelled",
        "p1@example.org": "confirmed",
        "p2@example.org": "confirmed",
        "p3@example.org": "waiting",
        "p4@example.org": "waiting",
    }
    note = Notification.objects.get(event_type="community.registration_promoted")
    assert note.recipient.email == "p2@example.org"
    assert note.url == f"/community/events/{event.slug}/"  # the event's page (by slug)
    # p0 comes back: to the back of the queue.
    assert services.event_register(actor=people[0], event=event).status == "waiting"
    body = api(world.client("anonymous"), "GET", f"/api/v1/events/{event.slug}").json()
    assert (body["confirmed"], body["waiting"]) == (2, 3)
    # More capacity moves the list up, in order.
    services.event_update(actor=editor, event=event, changes=EventPatchIn(capacity=3))
    assert Registration.objects.get(event=event, user=people[3]).status == "confirmed"
    assert Registration.objects.get(event=event, user=people[0]).status == "waiting"


@pytest.mark.django_db(transaction=True)
def test_the_last_place_is_not_given_twice(world: Any) -> None:
    if connection.vendor == "sqlite":
        # The in-memory SQLite test database refuses concurrent writers ("table is locked");
        # `make test` runs this on PostgreSQL in CI, where select_for_update does the work.
        pytest.skip("concurrent registrations need PostgreSQL")
    editor = u(world, "editor")
    start = timezone.now() + timedelta(days=3)
    event = services.event_create(
        actor=editor,
        title="Last seat",
        kind="workshop",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        place="Turku",
        capacity=1,
    )
    people = [make_user(f"racer{i}@example.org") for i in range(4)]
    errors: list[BaseException] = []

    def go(person: Any) -> None:
        try:
            services.event_register(actor=person, event=event)
        except BaseException as exc:  # collected for the assertion below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=go, args=(p,)) for p in people]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    statuses = sorted(Registration.objects.filter(event=event).values_list("status", flat=True))
    assert statuses == ["confirmed", "waiting", "waiting", "waiting"]


def test_ics_one_event_and_feed(community: Community) -> None:
    client = community.world.client("anonymous")
    response = client.get("/community/events/forum-day-helsinki/event.ics")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    text = response.content.decode()
    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    assert "SUMMARY:Forum day Helsinki\r\n" in text
    assert f"DTSTART:{community.event.starts_at.astimezone(UTC):%Y%m%dT%H%M%SZ}" in text
    assert "LOCATION:Helsinki City Hall" in text
    assert text.endswith("END:VCALENDAR\r\n")
    feed = client.get("/community/events/calendar.ics").content.decode()
    assert "Forum day Helsinki" in feed
    assert "Internal workshop" not in feed  # private group: not in the anonymous feed
    member_feed = (
        community.world.client("member").get("/community/events/calendar.ics").content.decode()
    )
    assert "Internal workshop" in member_feed


def test_ics_escaping_and_folding(world: Any) -> None:
    """Commas, semicolons, backslashes and new lines are escaped; lines longer than 75 octets are
    folded (multi-byte characters kept whole); parsing the file back gives the text unchanged."""
    start = timezone.now() + timedelta(days=2)
    title = "Snow, slush; ice\\melt"
    description = "Line one\n" + "ä" * 100
    event = services.event_create(
        actor=u(world, "editor"),
        title=title,
        kind="workshop",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        place="Oulu",
        description=description,
    )
    text = world.client("anonymous").get(f"/community/events/{event.slug}/event.ics").content
    assert "SUMMARY:Snow\\, slush\\; ice\\\\melt\r\n" in text.decode()
    assert "DESCRIPTION:Line one\\n" in text.decode()
    lines = text.split(b"\r\n")
    assert all(len(line) <= 75 for line in lines)
    assert any(line.startswith(b" ") for line in lines)  # folded
    [vevent] = Calendar.from_ical(text).walk("VEVENT")
    assert str(vevent["SUMMARY"]) == title
    assert str(vevent["DESCRIPTION"]).startswith(description)


def test_ics_parses_back_with_icalendar(community: Community) -> None:
    """The produced file is a valid VCALENDAR: parsed back with icalendar, each VEVENT has its
    UID, its times (time-zone aware, the same instants) and its place."""
    client = community.world.client("member")
    one = Calendar.from_ical(client.get("/community/events/forum-day-helsinki/event.ics").content)
    assert one["VERSION"] == "2.0" and one["PRODID"] == "-//urbanforum//events//EN"
    [vevent] = one.walk("VEVENT")
    event = community.event
    assert str(vevent["UID"]).startswith(f"event-{event.pk}@")
    assert vevent.decoded("DTSTART") == event.starts_at.replace(microsecond=0)
    assert vevent.decoded("DTEND") == event.ends_at.replace(microsecond=0)
    assert vevent.decoded("DTSTART").tzinfo is not None
    assert str(vevent["LOCATION"]) == "Helsinki City Hall"
    assert str(vevent["STATUS"]) == "CONFIRMED"
    feed = Calendar.from_ical(client.get("/community/events/calendar.ics").content)
    summaries = sorted(str(v["SUMMARY"]) for v in feed.walk("VEVENT"))
    assert summaries == ["Forum day Helsinki", "Internal workshop"]
    assert len({str(v["UID"]) for v in feed.walk("VEVENT")}) == 2


def test_attendees_for_organisers_only(community: Community) -> None:
    services.event_register(actor=u(community.world, "member"), event=community.event)
    body = api(
        community.world.client("editor"), "GET", "/api/v1/events/forum-day-helsinki/attendees"
    ).json()
    assert [a["email"] for a in body] == ["member@helsinki.example"]
    assert (
        api(
            community.world.client("member"), "GET", "/api/v1/events/forum-day-helsinki/attendees"
        ).status_code
        == 403
    )


def test_online_link_only_for_registered_people(community: Community) -> None:
    url = "/api/v1/events/internal-workshop"
    assert api(community.world.client("member"), "GET", url).json()["online_url"] == ""
    services.event_register(actor=u(community.world, "member"), event=community.private_event)
    assert (
        api(community.world.client("member"), "GET", url).json()["online_url"]
        == "https://meet.example/x"
    )


def test_report_only_after_the_event(community: Community) -> None:
    with pytest.raises(ValidationError) as exc:
        services.event_update(
            actor=u(community.world, "editor"),
            event=community.event,
            changes=EventPatchIn(report="Went well"),
        )
    assert "report" in exc.value.message_dict


def test_a_new_event_cannot_start_in_the_past(world: Any, unchanged: Any) -> None:
    """QA finding 23: an event created with a start in 2020 was published."""
    editor = u(world, "editor")
    start = datetime(2020, 1, 1, 10, 0)
    with pytest.raises(ValidationError) as exc:
        unchanged(
            lambda: services.event_create(
                actor=editor,
                title="Past",
                kind="workshop",
                starts_at=start,
                ends_at=start + timedelta(hours=2),
                place="Helsinki",
            )
        )
    assert exc.value.message_dict["starts_at"] == ["The start must be in the future."]
    response = world.client("editor").post(
        "/community/events/new/",
        {
            "title": "qa-past",
            "kind": "workshop",
            "starts_at": "2020-01-01T10:00",
            "ends_at": "2020-01-01T12:00",
            "timezone": "Europe/Helsinki",
            "place": "Helsinki",
            "language": "fi",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["starts_at"] == ["The start must be in the future."]
