"""Forms for challenges: they parse the browser's strings; the schema (`challenges.schemas`)
validates."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from urbanforum.challenges.models import Visibility
from urbanforum.challenges.schemas import ChallengeFields
from urbanforum.cities.models import City
from urbanforum.core.forms import LinesField, SchemaForm, domain_field, sdg_field


class ChallengeForm(SchemaForm):
    schema = ChallengeFields

    title = forms.CharField(label=_("Title"), max_length=200)
    problem_statement = forms.CharField(
        label=_("The problem"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The problem, not the solution."),
    )
    context = forms.CharField(
        label=_("Context"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    baseline = forms.CharField(
        label=_("Baseline"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    desired_outcomes = forms.CharField(
        label=_("Desired outcomes"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    constraints = forms.CharField(
        label=_("Constraints"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    budget_min_eur = forms.IntegerField(label=_("Budget from (EUR)"), required=False, min_value=0)
    budget_max_eur = forms.IntegerField(label=_("Budget up to (EUR)"), required=False, min_value=0)
    timeline = forms.CharField(label=_("Timeline"), max_length=200, required=False)
    domains = domain_field()
    sdgs = sdg_field()
    sdg_targets = LinesField(
        label=_("SDG targets"), required=False, help_text=_("One per line, e.g. 11.2")
    )
    visibility = forms.ChoiceField(label=_("Who may see it"), choices=Visibility.choices)
    language = forms.CharField(label=_("Language (ISO 639-1)"), max_length=8, initial="en")


class ChallengeCreateForm(ChallengeForm):
    owner_city = forms.ModelChoiceField(label=_("City"), queryset=City.objects.none())
    field_order = ["owner_city"]

    def __init__(self, *args: Any, cities: QuerySet[City] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["owner_city"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = cities if cities is not None else City.objects.none()
