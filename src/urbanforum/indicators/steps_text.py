"""Plain words for the build steps of an indicator framework (the engine's denominate, impute,
screen, treat, normalise, aggregate), for a city officer rather than a statistician: each step's
title and one sentence saying what it does with its settings. The framework page shows them; the
benchmark's run pages too (benchmark.labels), with the technical names one click away.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

STEP_TITLES = {
    "denominate": gettext_lazy("Making cities comparable"),
    "impute": gettext_lazy("Missing values"),
    "screen": gettext_lazy("Cities with too little data"),
    "treat": gettext_lazy("Extreme values"),
    "normalise": gettext_lazy("Common scale"),
    "aggregate": gettext_lazy("Combining into scores"),
}


def _num(value: object, default: float) -> float:
    return float(value) if isinstance(value, int | float) else default


def _pct(share: float) -> str:
    return f"{100 * share:.0f} %"


def step_title(step: str) -> str:
    return str(STEP_TITLES.get(step, step))


def step_text(step: str, params: Mapping[str, Any]) -> str:
    """What a step with these parameters does, in one plain sentence."""
    method = params.get("method")
    if step == "denominate":
        return _("Indicators are divided by the city's population or area, per the framework.")
    if step == "impute":
        return {
            "none": _("Missing values stay missing; they are not estimated."),
            "mean": _("A missing value is filled with the average of the peer group."),
            "median": _("A missing value is filled with the middle value of the peer group."),
            "group_mean": _("A missing value is filled with the average of similar cities."),
            "group_median": _("A missing value is filled with the middle value of similar cities."),
        }.get(str(method), _("Missing values are filled in."))
    if step == "screen":
        return _("Cities with data for less than %(share)s of the indicators are not ranked.") % {
            "share": _pct(_num(params.get("min_availability"), 0.5))
        }
    if step == "treat":
        n = int(_num(params.get("max_points"), 5))
        if method == "none":
            return _("Extreme values are kept as they are.")
        if method == "winsorise_log":
            return _(
                "A few extreme values (at most %(n)s per indicator) are pulled in to the next "
                "value; an indicator that stays very lopsided is put on a log scale."
            ) % {"n": n}
        return _(
            "A few extreme values (at most %(n)s per indicator) are pulled in to the next value."
        ) % {"n": n}
    if step == "normalise":
        low, high = (params.get("range") or [0, 100])[:2]
        return {
            "minmax": _(
                "Each indicator is rescaled so that the lowest city of the peer group gets "
                "%(low)s and the highest %(high)s."
            )
            % {"low": f"{_num(low, 0):g}", "high": f"{_num(high, 100):g}"},
            "zscore": _("Each indicator is measured as the distance from the peer-group average."),
            "goalposts": _("Each indicator is scored 0–100 between a fixed worst and best value."),
            "rank": _("Each indicator is replaced by the cities' ranks."),
            "percentile_rank": _(
                "Each indicator is replaced by the share of peer cities a city does better than."
            ),
            "borda": _("Each indicator is replaced by the number of peer cities a city beats."),
            "none": _("Indicator values are used as they are."),
        }.get(str(method), _("Indicators are brought to a common scale."))
    if step == "aggregate":
        how = {
            "arithmetic": _("Scores are combined as weighted averages."),
            "geometric": _(
                "Scores are combined as weighted geometric means: a strength does not fully make "
                "up for a weakness."
            ),
            "harmonic": _(
                "Scores are combined as weighted harmonic means: weak scores count most."
            ),
        }.get(str(method), _("Scores are combined."))
        if params.get("missing") == "propagate":
            return how + " " + _("A missing part leaves the score missing.")
        return how + " " + _("A missing part is left out and the others count for more.")
    return step


def technical(params: Mapping[str, Any]) -> list[tuple[str, str]]:
    """The parameters as (name, value) pairs, for the technical detail."""
    out = []
    for key, value in params.items():
        if isinstance(value, list | tuple):
            value = ", ".join(str(v) for v in value)
        out.append((str(key), "—" if value is None else str(value)))
    return out


def described(steps: list[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """A framework's steps (as stored: [{name: params}]) with title, text and parameters."""
    out = []
    for entry in steps:
        for name, params in entry.items():
            given = {"method": params} if isinstance(params, str) else dict(params or {})
            out.append(
                {
                    "step": name,
                    "title": step_title(name),
                    "text": step_text(name, given),
                    "params": technical(given),
                }
            )
    return out
