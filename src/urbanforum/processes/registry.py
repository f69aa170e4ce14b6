"""The registry of phase types, process blueprints and phase features.

Modelled on adhocracy4's phase/content registries: a *phase type* says what a phase is for and which
*capabilities* are open while it is active (invite cities, add tasks, review …); a *blueprint* is an
ordered list of phase types with default durations and checklist items, so a network can define
another kind of process without touching code here. Other apps plug *features* (screens with a URL)
into a phase type with `register_feature` — e.g. joint procurement and pilots in the Action phase —
and *panels* (what they hold about a process: its discussions, events, pilots …) into the process
page with `register_panel`. Apps above processes register both in their `AppConfig.ready()`;
processes never imports them.

Capabilities are checked by the permission predicates (`processes.permissions`); features are only
shown (links on the phase page), their own app checks its own permissions; a panel's source shows
only what the viewer may see.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from urbanforum.accounts.models import User

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise  # a dev (typing) dependency only

    from urbanforum.processes.models import Process

# Capabilities a phase type can open. Predicates in permissions.py refer to these names.
INVITE_CITY = "invite_city"
CALL_FOR_SOLUTIONS = "call_for_solutions"
CONSULTANCY = "consultancy"
COMMENT = "comment"
ADD_TASK = "add_task"
ADD_DELIVERABLE = "add_deliverable"
ADD_DECISION = "add_decision"
REVIEW = "review"
PUBLISH_RESULT = "publish_result"

CAPABILITIES = {
    INVITE_CITY: _("Invite cities"),
    CALL_FOR_SOLUTIONS: _("Submit a solution (call for solutions)"),
    CONSULTANCY: _("Consultancy sessions with experts"),
    COMMENT: _("Comment and discuss"),
    ADD_TASK: _("Add tasks"),
    ADD_DELIVERABLE: _("Add deliverables"),
    ADD_DECISION: _("Record decisions"),
    REVIEW: _("Peer and expert review"),
    PUBLISH_RESULT: _("Publish and promote the result"),
}


@dataclass(frozen=True)
class PhaseType:
    slug: str
    label: StrOrPromise
    description: StrOrPromise
    capabilities: frozenset[str]


@dataclass(frozen=True)
class BlueprintPhase:
    phase_type: str
    days: int
    checklist: tuple[str, ...] = ()


@dataclass(frozen=True)
class Blueprint:
    slug: str
    label: StrOrPromise
    description: StrOrPromise
    phases: tuple[BlueprintPhase, ...]


@dataclass(frozen=True)
class PhaseFeature:
    """A screen another app offers inside a phase (e.g. "Joint procurement" in Action)."""

    phase_type: str
    feature: str
    label: StrOrPromise
    url_name: str  # reversed with the process slug as its only argument
    description: StrOrPromise = ""


@dataclass(frozen=True)
class PanelItem:
    """One line of a panel: a link, and a short note after it (kind, date, count …)."""

    label: StrOrPromise
    url: str
    note: str = ""


@dataclass(frozen=True)
class PanelLink:
    label: StrOrPromise
    url: str


@dataclass(frozen=True)
class Panel:
    """What another app shows about a process to one viewer (a card on the process page)."""

    title: StrOrPromise
    items: Sequence[PanelItem] = ()
    empty: StrOrPromise = ""  # shown when there are no items
    links: Sequence[PanelLink] = ()  # below the items ("All discussions", "Schedule a meeting")
    # A button next to "Edit" for the people who manage the process (the app's own page).
    shortcut: PanelLink | None = None


Viewer = User | AnonymousUser


def signed_in(viewer: Viewer | None) -> User | None:
    """The viewer as a `User` when someone is logged in, else None."""
    return viewer if isinstance(viewer, User) and viewer.is_authenticated else None


# (process, viewer) → the panel, or None to show nothing to this viewer.
PanelSource = Callable[["Process", Viewer], Panel | None]


@dataclass(frozen=True)
class ProcessPanel:
    key: str  # also the panel's HTML id: "<key>-heading"
    source: PanelSource
    order: int = 100


@dataclass
class Registry:
    phase_types: dict[str, PhaseType] = field(default_factory=dict)
    blueprints: dict[str, Blueprint] = field(default_factory=dict)
    features: dict[tuple[str, str], PhaseFeature] = field(default_factory=dict)
    panels: dict[str, ProcessPanel] = field(default_factory=dict)


_registry = Registry()


def register_phase_type(
    slug: str,
    *,
    label: StrOrPromise,
    description: StrOrPromise = "",
    capabilities: set[str] | frozenset[str],
) -> PhaseType:
    unknown = set(capabilities) - set(CAPABILITIES)
    if unknown:
        raise ValueError(f"unknown capability '{sorted(unknown)[0]}' for phase type '{slug}'")
    phase_type = PhaseType(slug, label, description, frozenset(capabilities))
    _registry.phase_types[slug] = phase_type
    return phase_type


def register_blueprint(
    slug: str, *, label: StrOrPromise, description: StrOrPromise = "", phases: list[BlueprintPhase]
) -> Blueprint:
    if not phases:
        raise ValueError(f"blueprint '{slug}' has no phases")
    for phase in phases:
        if phase.phase_type not in _registry.phase_types:
            raise ValueError(f"blueprint '{slug}': unknown phase type '{phase.phase_type}'")
        if phase.days < 1:
            raise ValueError(f"blueprint '{slug}': phase '{phase.phase_type}' needs days ≥ 1")
    blueprint = Blueprint(slug, label, description, tuple(phases))
    _registry.blueprints[slug] = blueprint
    return blueprint


def register_feature(
    *,
    phase_type: str,
    feature: str,
    label: StrOrPromise,
    url_name: str,
    description: StrOrPromise = "",
) -> PhaseFeature:
    """Plug a screen of another app into a phase type. Idempotent (re-registering replaces).

    `url_name` is reversed with the process slug: `reverse(url_name, args=[process.slug])`.
    """
    if phase_type not in _registry.phase_types:
        raise ValueError(f"unknown phase type '{phase_type}'")
    item = PhaseFeature(phase_type, feature, label, url_name, description)
    _registry.features[(phase_type, feature)] = item
    return item


def unregister_feature(*, phase_type: str, feature: str) -> None:
    _registry.features.pop((phase_type, feature), None)


def register_panel(key: str, source: PanelSource, *, order: int = 100) -> ProcessPanel:
    """Show a panel on every process page: `source(process, viewer)` says what (or None).

    Idempotent (re-registering a key replaces it). Panels are shown by `order`, then key.
    """
    panel = ProcessPanel(key, source, order)
    _registry.panels[key] = panel
    return panel


def unregister_panel(key: str) -> None:
    _registry.panels.pop(key, None)


def panels() -> list[ProcessPanel]:
    return sorted(_registry.panels.values(), key=lambda p: (p.order, p.key))


def phase_type(slug: str) -> PhaseType:
    try:
        return _registry.phase_types[slug]
    except KeyError:
        raise ValueError(f"unknown phase type '{slug}'") from None


def phase_types() -> list[PhaseType]:
    return list(_registry.phase_types.values())


def blueprint(slug: str) -> Blueprint:
    try:
        return _registry.blueprints[slug]
    except KeyError:
        raise ValueError(f"unknown blueprint '{slug}'") from None


def blueprints() -> list[Blueprint]:
    return list(_registry.blueprints.values())


def features_for(phase_type_slug: str) -> list[PhaseFeature]:
    return [f for (pt, _), f in _registry.features.items() if pt == phase_type_slug]


# --- The five steps of the collaboration process -------------------------------------------------
STARTING = "starting"
INTERVENTION = "intervention"
ACTION = "action"
EVALUATION = "evaluation"
FOLLOW_UP = "follow_up"

register_phase_type(
    STARTING,
    label=_("Starting"),
    description=_(
        "City profiles and the benchmark are attached; the cities find their common topics."
    ),
    capabilities={INVITE_CITY, COMMENT, ADD_TASK, ADD_DELIVERABLE, ADD_DECISION},
)
register_phase_type(
    INTERVENTION,
    label=_("Intervention and consultancy"),
    description=_(
        "Cities with the same challenge are invited; a call for solutions; consultancy sessions with experts."
    ),
    capabilities={
        INVITE_CITY,
        CALL_FOR_SOLUTIONS,
        CONSULTANCY,
        COMMENT,
        ADD_TASK,
        ADD_DELIVERABLE,
        ADD_DECISION,
    },
)
register_phase_type(
    ACTION,
    label=_("Action"),
    description=_("Joint procurement and pilots."),
    capabilities={COMMENT, ADD_TASK, ADD_DELIVERABLE, ADD_DECISION},
)
register_phase_type(
    EVALUATION,
    label=_("Evaluation"),
    description=_("Peer and expert review of what was done."),
    capabilities={REVIEW, COMMENT, ADD_TASK, ADD_DELIVERABLE, ADD_DECISION},
)
register_phase_type(
    FOLLOW_UP,
    label=_("Follow-up and promotion"),
    description=_("The result is published as a good practice and promoted."),
    capabilities={PUBLISH_RESULT, COMMENT, ADD_TASK, ADD_DELIVERABLE, ADD_DECISION},
)

FIVE_STEPS = "five-steps"
register_blueprint(
    FIVE_STEPS,
    label=_("Five-step collaboration process"),
    description=_(
        "Starting → Intervention and consultancy → Action → Evaluation → Follow-up and promotion."
    ),
    phases=[
        BlueprintPhase(
            STARTING,
            30,
            (
                gettext_noop("City profiles of the participating cities are up to date"),
                gettext_noop("Benchmark attached"),
                gettext_noop("Common topics agreed"),
            ),
        ),
        BlueprintPhase(
            INTERVENTION,
            90,
            (
                gettext_noop("Cities with the same challenge invited"),
                gettext_noop("Call for solutions closed"),
                gettext_noop("At least one consultancy session held"),
            ),
        ),
        BlueprintPhase(
            ACTION,
            180,
            (gettext_noop("Procurement or pilot decided"), gettext_noop("Pilot running")),
        ),
        BlueprintPhase(
            EVALUATION,
            60,
            (gettext_noop("Peer review done"), gettext_noop("Expert review done")),
        ),
        BlueprintPhase(
            FOLLOW_UP,
            30,
            (
                gettext_noop("Result published as a good practice"),
                gettext_noop("Result promoted"),
            ),
        ),
    ],
)
