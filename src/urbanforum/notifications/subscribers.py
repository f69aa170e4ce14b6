"""Subscribe the notifications app to every event type that has a strategy (core.events, not
Django signals). Events are delivered on commit by core.events."""

from __future__ import annotations

from urbanforum.core.events import DomainEvent, subscribe
from urbanforum.notifications.strategies import STRATEGIES


def on_event(event: DomainEvent) -> None:
    from urbanforum.notifications.services import deliver

    deliver(event)


def connect() -> None:
    for name in STRATEGIES:
        subscribe(name, on_event)
