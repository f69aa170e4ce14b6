"""Subscribe the notifications app to the domain events that have a strategy (core.events, not
Django signals). Events are delivered on commit by core.events.

The app subscribes once to every event ("*") and routes those with a registered strategy, so it
does not matter in which order the apps register their strategies in their `ready()`."""

from __future__ import annotations

import logging

from urbanforum.core.events import DomainEvent, subscribe
from urbanforum.notifications.services import deliver
from urbanforum.notifications.strategies import STRATEGIES

log = logging.getLogger(__name__)


def on_event(event: DomainEvent) -> None:
    """Runs after the service's transaction committed: a failure to notify is logged and must not
    turn the user's successful action into an error page."""
    if event.name not in STRATEGIES:
        return
    try:
        deliver(event)
    except Exception:
        log.exception("notifications for %s failed", event.name)


def connect() -> None:
    """Idempotent (procurement's ready() calls it too)."""
    subscribe("*", on_event)
