"""Notifications: routing by strategy, preferences per type and channel, immediate e-mails,
daily/weekly digests grouped by object (newest first), signed unsubscribe links without login,
and the events of other apps (saved_search.new_match, invitation.created)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from tests.conftest import api
from tests.processes.conftest import build_process_world
from urbanforum.accounts import services as accounts
from urbanforum.core.events import DomainEvent, emit
from urbanforum.notifications import services
from urbanforum.notifications.models import Notification
from urbanforum.processes import services as processes

pytestmark = pytest.mark.django_db(transaction=True)


def test_phase_advance_reaches_every_participant_but_the_actor(world: Any) -> None:
    pworld = build_process_world(world)
    mail.outbox.clear()
    processes.phase_advance(
        actor=world.users["coordinator"], process=pworld.process, override_reason="go"
    )
    recipients = sorted(
        Notification.objects.filter(event_type="process.phase_advanced").values_list(
            "recipient__email", flat=True
        )
    )
    assert recipients == sorted(
        [
            "member@helsinki.example",
            "editor@helsinki.example",
            "admin@helsinki.example",  # lead city
            "other@tallinn.example",  # partner city
            "expert@experts.example",
            "sales@snowtech.example",
            "observer@ngo.example",
        ]
    )
    note = Notification.objects.filter(recipient=world.users["member"]).get()
    assert (
        note.text
        == "“Winter cycling maintenance” completed Starting; now: Intervention and consultancy."
    )
    assert note.url == f"/processes/{pworld.process.slug}/"
    assert note.email_frequency == "daily"  # the strategy's default: into the daily digest
    assert mail.outbox == []


def test_invitation_is_emailed_immediately_with_unsubscribe_links(world: Any) -> None:
    pworld = build_process_world(world)
    from urbanforum.accounts.models import Organisation

    mail.outbox.clear()
    processes.process_invite(
        actor=world.users["editor"],
        process=pworld.process,
        organisation=Organisation.objects.get(name="Riga"),
    )
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["admin@riga.example"]
    assert "invites your city to the process “Winter cycling maintenance”" in message.body
    assert "/notifications/unsubscribe/" in message.body
    assert Notification.objects.get(recipient__email="admin@riga.example").emailed_at is not None


def test_preferences_per_type_and_channel(world: Any) -> None:
    member = world.users["member"]
    services.preference_set(
        actor=member, event_type="process.phase_advanced", channel="in_app", frequency="off"
    )
    services.preference_set(
        actor=member, event_type="process.phase_advanced", channel="email", frequency="off"
    )
    pworld = build_process_world(world)
    processes.phase_advance(
        actor=world.users["coordinator"], process=pworld.process, override_reason="go"
    )
    assert not Notification.objects.filter(recipient=member).exists()
    services.preference_set(
        actor=member, event_type="process.phase_advanced", channel="email", frequency="weekly"
    )
    processes.phase_advance(
        actor=world.users["coordinator"], process=pworld.process, override_reason="go"
    )
    note = Notification.objects.get(recipient=member)
    assert (note.in_app, note.email_frequency) == (False, "weekly")
    client = world.client("member")
    assert api(client, "GET", "/api/v1/notifications").json()["count"] == 0  # not in-app
    bad = api(
        client,
        "PUT",
        "/api/v1/notification-preferences",
        {"event_type": "process.joined", "channel": "in_app", "frequency": "daily"},
    )
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "frequency"
    bad = api(
        client,
        "PUT",
        "/api/v1/notification-preferences",
        {"event_type": "nope", "channel": "email", "frequency": "daily"},
    )
    assert bad.json()["errors"][0]["field"] == "event_type"


def test_daily_digest_grouped_by_object_newest_first(world: Any) -> None:
    pworld = build_process_world(world)
    coordinator = world.users["coordinator"]
    processes.phase_advance(actor=coordinator, process=pworld.process, override_reason="go")
    from urbanforum.community import services as community

    group = community.group_create(actor=world.users["editor"], name="Winter group")
    community.group_join(actor=world.users["member"], group=group)
    start = timezone.now() + timedelta(days=5)
    community.event_create(
        actor=world.users["editor"],
        title="Winter forum",
        kind="forum_day",
        starts_at=start,
        ends_at=start + timedelta(hours=3),
        place="Oulu",
        group=group,
    )
    processes.phase_advance(actor=coordinator, process=pworld.process, override_reason="go")
    # The process got the latest update (the second advance), so its group comes first.
    mail.outbox.clear()
    call_command("send_digests", "--period", "daily")
    mine = [m for m in mail.outbox if m.to == ["member@helsinki.example"]]
    assert len(mine) == 1
    body = mine[0].body
    assert mine[0].subject == "urbanforum daily digest: 3 updates"
    process_heading = body.index("# Winter cycling maintenance")
    event_heading = body.index("# Winter forum")
    assert process_heading < event_heading  # the process got the newest update
    section = body[process_heading:event_heading]
    assert section.index("now: Action") < section.index("now: Intervention")  # newest first
    assert "Stop all e-mails from urbanforum: http" in body
    mail.outbox.clear()
    call_command("send_digests", "--period", "daily")  # idempotent
    assert [m for m in mail.outbox if m.to == ["member@helsinki.example"]] == []
    call_command("send_digests", "--period", "weekly")
    assert mail.outbox == []


def test_unsubscribe_link_works_without_login(world: Any) -> None:
    member = world.users["member"]
    token = services.unsubscribe_token(member, "process.phase_advanced")
    client = world.client("anonymous")
    page = client.get(f"/notifications/unsubscribe/{token}/")
    assert page.status_code == 200 and "member@helsinki.example" in page.content.decode()
    assert client.post(f"/notifications/unsubscribe/{token}/").status_code == 200
    prefs = services.effective_preferences(member)
    assert prefs[("process.phase_advanced", "email")] == "off"
    assert prefs[("process.joined", "email")] == "daily"
    assert client.get("/notifications/unsubscribe/forged-token/").status_code == 400
    all_token = services.unsubscribe_token(member)
    client.post(f"/notifications/unsubscribe/{all_token}/")
    assert set(
        v for (t, c), v in services.effective_preferences(member).items() if c == "email"
    ) == {"off"}


def test_other_apps_events_are_routed(world: Any) -> None:
    from django.db import transaction

    with transaction.atomic():
        emit(
            DomainEvent(
                "saved_search.new_match",
                None,
                {
                    "user_id": world.users["member"].pk,
                    "saved_search_id": 7,
                    "title": "Winter cycling",
                    "count": 3,
                    "url": "/matching/saved/7/",
                },
            )
        )
    note = Notification.objects.get(event_type="saved_search.new_match")
    assert (note.recipient, note.text, note.url) == (
        world.users["member"],
        "3 new matches for “Winter cycling”.",
        "/matching/saved/7/",
    )
    from tests.conftest import make_user

    invitee = make_user("new@hel.fi")
    accounts.invitation_create(
        actor=world.users["admin"], organisation=world.org, email="new@hel.fi"
    )
    note = Notification.objects.get(event_type="invitation.created")
    assert note.recipient == invitee and note.text == "You are invited to join City of Helsinki."
    assert note.email_frequency == ""  # accounts already e-mailed the invitation


def test_bell_and_mark_read(world: Any) -> None:
    pworld = build_process_world(world)
    processes.phase_advance(
        actor=world.users["coordinator"], process=pworld.process, override_reason="go"
    )
    client = world.client("member")
    html = client.get("/processes/").content.decode()
    assert "Notifications: 1 unread" in html
    note = Notification.objects.get(recipient=world.users["member"])
    response = client.post(f"/notifications/{note.pk}/open/")
    assert (
        response.status_code == 302 and response["Location"] == f"/processes/{pworld.process.slug}/"
    )
    assert api(client, "GET", "/api/v1/notifications/unread-count").json() == {"unread": 0}
    # someone else's notification is not found
    assert world.client("editor").post(f"/notifications/{note.pk}/open/").status_code == 404
