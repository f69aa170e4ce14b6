"""Plain words for a run's methods and settings, for a city officer rather than a statistician.

Every step of a build (engines.benchmark) gets a title and one sentence saying what it did with
its settings; the technical name and parameters stay available (the run page shows them one
click away). Also the reasons the coverage rule gives for leaving an indicator out.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from urbanforum.indicators.steps_text import STEP_TITLES, step_text, step_title, technical

# The smallest peer group whose ranking we show without a warning: with fewer cities, scaling
# from lowest to highest puts them at 0 and 100 whatever their values (docs/benchmark-dashboard.md).
MIN_PEER_GROUP = 5

REASONS = {
    "too_few_units": gettext_lazy("too few cities of the peer group have it"),
    "no_spread": gettext_lazy("all cities that have it have the same value"),
    "no_children": gettext_lazy("none of its indicators could be used"),
}


TREATMENTS = {
    "none": gettext_lazy("unchanged"),
    "winsorised": gettext_lazy("extreme values pulled in"),
    "log": gettext_lazy("put on a log scale"),
}


def treatment_text(kind: str) -> str:
    return str(TREATMENTS.get(kind, kind))


def changes_text(changes: Mapping[str, Any], log: list[Mapping[str, Any]]) -> list[str]:
    """The run's changes to the framework's steps in plain words: each changed step's title and
    what it did in this run (from the run's log); a removed step says so."""
    ran = {str(s.get("step")): s.get("params") or {} for s in log}
    out: list[str] = []
    for step, params in changes.items():
        if params is None:
            out.append(_("%(step)s: switched off") % {"step": step_title(step)})
        elif step in ran:
            out.append(f"{step_title(step)}: {step_text(step, ran[step])}")
        else:
            given = {"method": params} if isinstance(params, str) else dict(params)
            out.append(f"{step_title(step)}: {step_text(step, given)}")
    return out


__all__ = [
    "MIN_PEER_GROUP",
    "REASONS",
    "STEP_TITLES",
    "TREATMENTS",
    "changes_text",
    "reason_text",
    "step_text",
    "step_title",
    "technical",
    "treatment_text",
]


def reason_text(reason: str) -> str:
    return str(REASONS.get(reason, reason))
