from __future__ import annotations

from typing import Any

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from urbanforum.benchmark.models import PeerGroup
from urbanforum.benchmark.schemas import PublishRequest, RunRequest
from urbanforum.cities.models import SizeClass
from urbanforum.core.forms import SchemaForm
from urbanforum.indicators.models import Framework

NORMALISE_CHOICES = [
    ("", _("As the framework says")),
    ("minmax", _("Min-max 0–100")),
    ("zscore", _("z-scores")),
    ("percentile_rank", _("Percentile ranks")),
    ("rank", _("Ranks")),
]


def _int(value: object) -> int | None:
    try:
        return int(str(value)) if value else None
    except ValueError:
        return None


AGGREGATE_CHOICES = [
    ("", _("As the framework says")),
    ("arithmetic", _("Arithmetic mean")),
    ("geometric", _("Geometric mean (needs a positive scale)")),
]


class RunForm(SchemaForm):
    """The dashboard's run form; it validates through `RunRequest`, the API's input."""

    schema = RunRequest

    framework = forms.ModelChoiceField(
        label=_("Framework"), queryset=Framework.objects.all(), to_field_name="code"
    )
    year = forms.IntegerField(label=_("Year"), min_value=1990, max_value=2100)
    window = forms.IntegerField(
        label=_("Window (years)"),
        min_value=1,
        max_value=20,
        initial=5,
        help_text=_("Per indicator, the latest value of the last N years up to the year."),
    )
    peer_group = forms.ChoiceField(
        label=_("Peer group"), choices=PeerGroup.choices, initial=PeerGroup.BSR
    )
    peer_value = forms.CharField(
        label=_("Country code or size class"),
        required=False,
        max_length=20,
        # The size classes' codes are what is typed; their labels say, in the reader's
        # language, which code is which.
        help_text=format_lazy(
            "{} " + "; ".join(["{} = {}"] * len(SizeClass.choices)),
            _("For a country group: a country code such as FI or EE; for a size class, its code:"),
            *[part for choice in SizeClass.choices for part in choice],
        ),
    )
    peer_cities = forms.CharField(
        label=_("Cities (for a list)"),
        required=False,
        help_text=_("Eurostat codes or slugs separated by commas."),
    )
    normalise = forms.ChoiceField(
        label=_("Normalisation"), choices=NORMALISE_CHOICES, required=False
    )
    aggregate = forms.ChoiceField(label=_("Aggregation"), choices=AGGREGATE_CHOICES, required=False)
    uncertainty_runs = forms.IntegerField(
        label=_("Monte Carlo runs"),
        min_value=0,
        max_value=5000,
        initial=0,
        required=False,
        help_text=_(
            "0 = nominal only. With runs, the ranks get intervals; it runs in the background."
        ),
    )

    def schema_data(self, cleaned: dict[str, Any]) -> dict[str, Any]:
        framework = cleaned.get("framework")
        return {
            "framework": framework.code if framework is not None else "",
            "year": cleaned.get("year"),
            "window": cleaned.get("window") or 5,
            "peer_group": cleaned.get("peer_group"),
            "peer_value": cleaned.get("peer_value", ""),
            "peer_cities": cleaned.get("peer_cities", ""),
            "step_changes": self.step_changes(),
            "uncertainty_runs": cleaned.get("uncertainty_runs") or 0,
            # The re-run form sends the run it re-runs as a hidden input of its own.
            "rerun_of": _int(self.data.get("rerun_of")),
        }

    def step_changes(self) -> dict[str, Any]:
        changes: dict[str, Any] = {}
        method = self.cleaned_data.get("normalise")
        if method == "minmax":
            changes["normalise"] = {"method": "minmax", "range": [0, 100]}
        elif method:
            changes["normalise"] = {"method": method}
        if self.cleaned_data.get("aggregate"):
            changes["aggregate"] = {"method": self.cleaned_data["aggregate"]}
            if self.cleaned_data["aggregate"] == "geometric" and not method:
                changes["normalise"] = {"method": "minmax", "range": [1, 100]}
        return changes


class PublishForm(SchemaForm):
    """The coordinator's button on a run's page (benchmark.schemas.PublishRequest)."""

    schema = PublishRequest
    # "true" or "false": the schema (pydantic) reads them as the boolean.
    official = forms.ChoiceField(choices=[("true", "true"), ("false", "false")])
