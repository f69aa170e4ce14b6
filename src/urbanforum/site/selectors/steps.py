"""The shape of a workspace: the five steps (and the community), each with what stands there and
the next steps in plain words. The page and its JSON twin (/api/v1/workspace) show the same."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from urbanforum.benchmark.models import BenchmarkRun
from urbanforum.core.text import translated

# The steps in the order of the main navigation (core.context_processors.NAV_GROUPS).
STEP_TITLES = {
    "start": _("1 Where your city stands"),
    "challenges": _("2 Challenges and matches"),
    "action": _("3 Joint action"),
    "evaluation": _("4 Evaluation"),
    "share": _("5 Share what worked"),
    "community": _("Community"),
}
NETWORK_TITLES = {
    "start": _("1 Where the cities stand"),
    "challenges": _("2 Challenges and matches"),
    "action": _("3 Joint action"),
    "evaluation": _("4 Evaluation"),
    "share": _("5 Share what worked"),
    "community": _("Community"),
}


@dataclass(frozen=True)
class Entry:
    """One line of a step: a thing with a link and a short note ("3 new matches", "due 5 Jan")."""

    title: str
    url: str = ""
    note: str = ""


@dataclass(frozen=True)
class NextStep:
    """What to do next, in plain words, and where to do it."""

    text: str
    url: str = ""
    link: str = ""


@dataclass(frozen=True)
class Step:
    key: str
    title: str
    entries: list[Entry] = field(default_factory=list)
    next_steps: list[NextStep] = field(default_factory=list)
    empty: str = ""  # what the step says when it has no entries
    more_url: str = ""  # the full list of this step's things


NETWORK = "network"  # `city_slug` of the network's workspace (a city's slug ends in its country)


@dataclass(frozen=True)
class Workspace:
    """`kind` is "city" (a city officer's), "network" (a coordinator's) or "none" (a person who
    belongs to no city administration: the page says how to join)."""

    kind: str
    title: str
    city_slug: str = ""
    # (slug, name) of the other workspaces to switch to: cities, and `NETWORK` for a coordinator
    other_cities: list[tuple[str, str]] = field(default_factory=list)
    steps: list[Step] = field(default_factory=list)


def number(n: float | int) -> str:
    """A number in the reader's locale (grouping, decimal separator)."""
    return str(formats.number_format(n, force_grouping=True))


def day(value: date | datetime) -> str:
    """A date (or the day of a moment, in the reader's time zone) in the reader's locale."""
    if isinstance(value, datetime):
        value = timezone.localtime(value).date()
    return str(formats.date_format(value))


def run_name(run: BenchmarkRun) -> str:
    """A run as the dashboard names it: its framework and year."""
    return f"{translated(run.framework.name)} {run.year}"


def join_help() -> str:
    """What a person of no city administration reads on the workspace (the page says more)."""
    return str(
        _(
            "You do not belong to a city administration yet. Ask an admin of your city's "
            "organisation on urbanforum to invite you, or confirm your work e-mail address: if "
            "your city's organisation lists its domain, you join it."
        )
    )
