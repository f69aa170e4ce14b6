"""Explicit domain events.

Services emit events after their write (`emit`); subscribers (e.g. notifications) register with
`subscribe`. Subscribers run on commit, so a rolled-back write emits nothing. We deliberately do not use
Django model signals for domain flow: the flow stays visible in the services.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction


@dataclass(frozen=True)
class DomainEvent:
    name: str
    actor_id: int | None = None
    payload: dict[str, Any] = field(default_factory=dict)


Subscriber = Callable[[DomainEvent], None]
_subscribers: dict[str, list[Subscriber]] = defaultdict(list)


def subscribe(name: str, handler: Subscriber) -> None:
    """Register `handler` for events called `name` ("*" for all). Idempotent."""
    if handler not in _subscribers[name]:
        _subscribers[name].append(handler)


def emit(event: DomainEvent) -> None:
    """Deliver `event` to its subscribers once the current transaction commits."""

    def deliver() -> None:
        for handler in [*_subscribers.get(event.name, []), *_subscribers.get("*", [])]:
            handler(event)

    transaction.on_commit(deliver)
