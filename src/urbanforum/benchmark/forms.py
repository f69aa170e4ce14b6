from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from urbanforum.benchmark.models import PeerGroup
from urbanforum.cities.models import SizeClass
from urbanforum.indicators.models import Framework

NORMALISE_CHOICES = [
    ("", _("As the framework says")),
    ("minmax", _("Min-max 0–100")),
    ("zscore", _("z-scores")),
    ("percentile_rank", _("Percentile ranks")),
    ("rank", _("Ranks")),
]
AGGREGATE_CHOICES = [
    ("", _("As the framework says")),
    ("arithmetic", _("Arithmetic mean")),
    ("geometric", _("Geometric mean (needs a positive scale)")),
]


class RunForm(forms.Form):
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
        help_text=_("For a country group: FI, EE…; for a size class: ")
        + ", ".join(SizeClass.values),
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
