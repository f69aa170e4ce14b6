"""Sections that higher apps add to a pilot's page.

impact sits below reviews in the tree of apps (docs/architecture.md): it never imports them. An
app that has something to show on a pilot's page — reviews shows the pilot's review rounds —
registers a section in its `AppConfig.ready()`:

    register_pilot_section(
        "reviews",
        template="reviews/_pilot_section.html",
        context=lambda pilot, user: {"rounds": ..., "can_start": ...},
    )

The pilot's page includes each section's template with `section.context` (and the page's own
context: `pilot`, `can_edit`…), in the order the apps registered them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AnonymousUser

from urbanforum.accounts.models import User
from urbanforum.impact.models import Pilot

SectionContext = Callable[[Pilot, Any], dict[str, Any]]


@dataclass(frozen=True)
class PilotSection:
    key: str
    template: str
    context: SectionContext


@dataclass(frozen=True)
class RenderedSection:
    key: str
    template: str
    context: dict[str, Any]


_sections: dict[str, PilotSection] = {}


def register_pilot_section(key: str, *, template: str, context: SectionContext) -> PilotSection:
    """Add (or replace: idempotent) a section of the pilot's page."""
    section = PilotSection(key, template, context)
    _sections[key] = section
    return section


def unregister_pilot_section(key: str) -> None:
    _sections.pop(key, None)


def pilot_sections(pilot: Pilot, user: User | AnonymousUser) -> list[RenderedSection]:
    """The registered sections with their context for this pilot and user."""
    return [RenderedSection(s.key, s.template, s.context(pilot, user)) for s in _sections.values()]
