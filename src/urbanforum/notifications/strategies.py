"""Who gets which event: the machinery of notification strategies.

A strategy turns a `DomainEvent` into recipients and a message; there is one small class per event
type. Strategies live with the app whose events they route — `<app>/notifications.py`, imported in
that app's `AppConfig.ready()` — and register here with `@register`. The notifications app knows
none of them by name: `subscribers.connect` routes every event that has a registered strategy, and
the preferences page lists whatever is registered.

Nothing app-specific lives in this module: only `Message`, `Strategy`, the registry and helpers
every strategy uses (a URL that never raises, the actor's name).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from urbanforum.accounts.models import User
from urbanforum.core.events import DomainEvent

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise  # a dev (typing) dependency only


@dataclass(frozen=True)
class Message:
    text: str
    url: str = ""
    object_key: str = ""  # groups a digest by object, e.g. "processes.process:12"
    object_label: str = ""


class Strategy:
    """Subclass, set `event_type` and `label`, write `recipients` and `message`, and `@register`."""

    event_type: ClassVar[str]
    label: ClassVar[StrOrPromise]  # gettext_lazy: shown in the reader's language
    default_email: ClassVar[str] = "daily"

    def recipients(self, event: DomainEvent) -> Iterable[User]:  # pragma: no cover - abstract
        raise NotImplementedError

    def message(self, event: DomainEvent) -> Message:  # pragma: no cover - abstract
        raise NotImplementedError


# event type → its strategy, in the order the apps registered them (the preferences page's order).
STRATEGIES: dict[str, Strategy] = {}


def register(cls: type[Strategy]) -> type[Strategy]:
    """Class decorator: route `cls.event_type` through an instance of `cls` (re-registering an
    event type replaces its strategy)."""
    STRATEGIES[cls.event_type] = cls()
    return cls


def url(name: str, *args: object) -> str:
    """The path of a URL name, or "" when it does not resolve (the app is not mounted)."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


def actor_name(event: DomainEvent) -> str:
    """Who did it, for the message text ("Someone" for system events and deleted users)."""
    if event.actor_id is None:
        return _("Someone")
    user = User.objects.filter(pk=int(event.actor_id)).first()
    return user.display_name if user else _("Someone")


def people(ids: Iterable[int]) -> Iterable[User]:
    """The users with these ids (payloads carry ids; strategies return users)."""
    return User.objects.filter(pk__in=list(ids))


# The names strategies outside this app used before these helpers were public.
_url = url
_actor_name = actor_name
