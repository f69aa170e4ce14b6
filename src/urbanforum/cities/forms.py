"""The browser's form of the city profile; it validates through `CityChanges`, the same input
the API takes."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from urbanforum.cities.schemas import CityChanges
from urbanforum.core.forms import SchemaForm


class CityForm(SchemaForm):
    schema = CityChanges

    description = forms.CharField(label=_("Description"), widget=forms.Textarea, required=False)
    local_names = forms.CharField(
        label=_("Local names"), required=False, help_text=_("Separated by commas.")
    )
