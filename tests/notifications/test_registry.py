"""The strategy registry: strategies live with the app whose events they route, the notifications
app routes whatever is registered (even after it connected), and knows no app above it."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest

from urbanforum.accounts.models import User
from urbanforum.core.events import DomainEvent, emit
from urbanforum.notifications import strategies
from urbanforum.notifications.models import Notification
from urbanforum.notifications.strategies import STRATEGIES, Message, Strategy, register


def test_each_strategy_lives_in_the_app_that_emits_its_event() -> None:
    homes = {
        "process.": "urbanforum.processes.notifications",
        "community.": "urbanforum.community.notifications",
        "saved_search.": "urbanforum.matching.notifications",
        "invitation.": "urbanforum.notifications.accounts_events",
    }
    for event_type, strategy in STRATEGIES.items():
        module = type(strategy).__module__
        assert module != "urbanforum.notifications.strategies", event_type
        for prefix, home in homes.items():
            if event_type.startswith(prefix):
                assert module == home, (event_type, module)


def test_the_machinery_names_no_app_above_notifications() -> None:
    source = Path(strategies.__file__).read_text()
    for app in ("processes", "community", "matching", "procurement", "reviews", "impact"):
        assert f"urbanforum.{app}" not in source, app


@pytest.fixture
def ping() -> Iterator[type[Strategy]]:
    @register
    class PingStrategy(Strategy):
        event_type = "test.ping"
        label = "A ping"

        def recipients(self, event: DomainEvent) -> Iterable[User]:
            return User.objects.filter(pk=event.payload["user_id"])

        def message(self, event: DomainEvent) -> Message:
            return Message("Ping.", "/ping/", "test:1", "Ping")

    yield PingStrategy
    STRATEGIES.pop("test.ping", None)


def test_a_strategy_registered_after_connect_is_routed(
    world: Any, ping: type[Strategy], django_capture_on_commit_callbacks: Any
) -> None:
    member = world.users["member"]
    with django_capture_on_commit_callbacks(execute=True):
        emit(DomainEvent("test.ping", None, {"user_id": member.pk}))
        emit(DomainEvent("test.nobody-routes-this", None, {"user_id": member.pk}))
    note = Notification.objects.get()
    assert (note.recipient, note.event_type, note.text, note.url) == (
        member,
        "test.ping",
        "Ping.",
        "/ping/",
    )


def test_the_list_answers_htmx_with_its_results(world: Any) -> None:
    client = world.client("member")
    page = client.get("/notifications/?unread=1&type=process.joined")
    assert "<html" in page.content.decode() and "HX-Request" in page["Vary"]
    fragment = client.get("/notifications/?unread=1", headers={"HX-Request": "true"})
    assert "<html" not in fragment.content.decode()
    restore = client.get(
        "/notifications/", headers={"HX-Request": "true", "HX-History-Restore-Request": "true"}
    )
    assert "<html" in restore.content.decode()
