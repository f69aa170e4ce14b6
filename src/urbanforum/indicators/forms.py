"""The browser's upload form (a file and its options, sent as multipart like the API's)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy

from urbanforum.indicators.models import ImportFormat


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy(
            "CSV or XLSX with the columns city, indicator, year, value (optional: unit, source, flags); "
            "or a Eurostat bulk TSV (coordinators)."
        ),
    )
    format = forms.ChoiceField(
        label=gettext_lazy("Format"),
        required=False,
        choices=[("", gettext_lazy("Detect from the file")), *ImportFormat.choices],
    )
    source = forms.CharField(
        label=gettext_lazy("Source"),
        required=False,
        max_length=200,
        help_text=gettext_lazy("Where the numbers come from, e.g. 'City statistics office 2024'."),
    )
