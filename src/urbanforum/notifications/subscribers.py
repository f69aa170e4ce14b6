"""Subscribe the notifications app to every event type that has a strategy (core.events, not
Django signals). Events are delivered on commit by core.events."""

from __future__ import annotations

import logging

from urbanforum.core.events import DomainEvent, subscribe
from urbanforum.notifications.strategies import STRATEGIES

log = logging.getLogger(__name__)


def on_event(event: DomainEvent) -> None:
    """Runs after the service's transaction committed: a failure to notify is logged and must not
    turn the user's successful action into an error page."""
    from urbanforum.notifications.services import deliver

    try:
        deliver(event)
    except Exception:
        log.exception("notifications for %s failed", event.name)


def connect() -> None:
    for name in STRATEGIES:
        subscribe(name, on_event)
