"""Forms of the marketplace: they parse the browser's strings; the schemas validate."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from urbanforum.accounts.models import Organisation
from urbanforum.core.forms import LinesField, SchemaForm, domain_field, sdg_field
from urbanforum.marketplace.models import Maturity, PublicationStatus
from urbanforum.marketplace.schemas import ExpertFields, SolutionFields


class ReferencesField(forms.CharField):
    """Deployments, one per line: city | country | year | outcome."""

    widget = forms.Textarea(attrs={"rows": 3})

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list):
            return "\n".join(
                " | ".join(
                    "" if r.get(f) is None else str(r.get(f))
                    for f in ("city", "country", "year", "outcome")
                )
                for r in value
            )
        return value

    def to_python(self, value: Any) -> list[dict[str, Any]]:  # type: ignore[override]
        rows = []
        for line in (super().to_python(value) or "").splitlines():
            if not line.strip():
                continue
            city, country, year, outcome = ([p.strip() for p in line.split("|")] + [""] * 4)[:4]
            rows.append(
                {
                    "city": city,
                    "country": country.upper(),
                    "year": int(year) if year.isdigit() else None,
                    "outcome": outcome,
                }
            )
        return rows


class SolutionForm(SchemaForm):
    schema = SolutionFields

    title = forms.CharField(label=_("Title"), max_length=250)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea, help_text=_("Markdown.")
    )
    domains = domain_field()
    sdgs = sdg_field()
    maturity = forms.ChoiceField(label=_("Maturity"), choices=Maturity.choices)
    trl = forms.IntegerField(
        label=_("Technology readiness level (1–9)"), min_value=1, max_value=9, required=False
    )
    references = ReferencesField(
        label=_("References (deployments)"),
        required=False,
        help_text=_("One per line: city | country | year | outcome"),
    )
    pricing_model = forms.CharField(label=_("Pricing model"), max_length=300, required=False)
    standards = LinesField(
        label=_("Standards and interoperability"), required=False, help_text=_("One per line.")
    )
    languages = LinesField(
        label=_("Languages (ISO 639-1)"), required=False, help_text=_("One per line.")
    )
    language = forms.ChoiceField(
        label=_("Written in"), choices=settings.LANGUAGES, initial="en", required=False
    )
    status = forms.ChoiceField(label=_("Status"), choices=PublicationStatus.choices)


class SolutionCreateForm(SolutionForm):
    provider = forms.ModelChoiceField(label=_("Provider"), queryset=Organisation.objects.none())
    field_order = ["provider"]

    def __init__(
        self, *args: Any, providers: QuerySet[Organisation] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["provider"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = providers if providers is not None else Organisation.objects.none()


class ExpertForm(SchemaForm):
    schema = ExpertFields

    name = forms.CharField(label=_("Name"), max_length=150)
    organisation_name = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    country = forms.CharField(label=_("Country (two letters)"), max_length=2, required=False)
    expertise = LinesField(
        label=_("Expertise areas"), required=False, help_text=_("Domains and topics, one per line.")
    )
    languages = LinesField(
        label=_("Languages (ISO 639-1)"), required=False, help_text=_("One per line.")
    )
    availability = forms.CharField(label=_("Availability"), max_length=200, required=False)
    past_engagements = LinesField(
        label=_("Past engagements"), required=False, help_text=_("One per line.")
    )
    bio = forms.CharField(label=_("Bio"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    language = forms.ChoiceField(
        label=_("Written in"), choices=settings.LANGUAGES, initial="en", required=False
    )
    is_published = forms.BooleanField(
        label=_("Show my profile in the directory"), required=False, initial=True
    )
