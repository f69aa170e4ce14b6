"""Forms for practices: they parse the browser's strings; the schema (`practices.schemas`) validates."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from urbanforum.cities.models import City
from urbanforum.core.forms import LinesField, SchemaForm, domain_field, sdg_field
from urbanforum.practices.models import CITY_SIZES, PracticeStatus
from urbanforum.practices.schemas import PracticeFields


def _pipe_rows(text: str | None, width: int = 5) -> list[tuple[int, list[str]]]:
    """(line number, its `width` cells, stripped and padded) of each non-blank line "a | b | c"."""
    rows = []
    for n, line in enumerate((text or "").splitlines(), start=1):
        if line.strip():
            rows.append((n, ([p.strip() for p in line.split("|")] + [""] * width)[:width]))
    return rows


class KpiField(forms.CharField):
    """KPIs, one per line: name | unit | baseline | result | year."""

    widget = forms.Textarea(attrs={"rows": 3})

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list):
            return "\n".join(
                " | ".join(
                    "" if k.get(f) is None else str(k.get(f))
                    for f in ("name", "unit", "baseline", "result", "year")
                )
                for k in value
            )
        return value

    def to_python(self, value: Any) -> list[dict[str, Any]]:  # type: ignore[override]
        rows = []
        for n, parts in _pipe_rows(super().to_python(value)):
            name, unit, baseline, result, year = parts
            if not name:
                raise ValidationError(_("Line %(n)s: a KPI needs a name."), params={"n": n})
            try:
                rows.append(
                    {
                        "name": name,
                        "unit": unit,
                        "baseline": _number(baseline),
                        "result": _number(result),
                        "year": int(year) if year else None,
                    }
                )
            except ValueError as exc:
                raise ValidationError(
                    _("Line %(n)s: the year must be a whole number."), params={"n": n}
                ) from exc
        return rows


class SourcesField(forms.CharField):
    """Sources, one per line: title | link | publisher | date | the fields it supports."""

    widget = forms.Textarea(attrs={"rows": 3})
    PARTS = ("title", "url", "publisher", "date")

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list):
            return "\n".join(
                s
                if isinstance(s, str)
                else " | ".join(
                    [str(s.get(f) or "") for f in self.PARTS] + [", ".join(s.get("supports") or [])]
                ).rstrip(" |")
                for s in value
            )
        return value

    def to_python(self, value: Any) -> list[dict[str, Any]]:  # type: ignore[override]
        rows = []
        for n, parts in _pipe_rows(super().to_python(value)):
            if not parts[0]:
                raise ValidationError(_("Line %(n)s: a source needs a title."), params={"n": n})
            row: dict[str, Any] = {f: parts[i] or None for i, f in enumerate(self.PARTS)}
            row["title"] = parts[0]
            row["supports"] = [f.strip() for f in parts[4].split(",") if f.strip()]
            rows.append(row)
        return rows


def _number(text: str) -> float | int | str | None:
    if not text:
        return None
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        return text
    return int(value) if value.is_integer() else value


class PracticeForm(SchemaForm):
    schema = PracticeFields

    title = forms.CharField(label=_("Title"), max_length=250)
    summary = forms.CharField(label=_("Summary"), widget=forms.Textarea(attrs={"rows": 3}))
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea, required=False, help_text=_("Markdown.")
    )
    domains = domain_field()
    sdgs = sdg_field()
    sdg_targets = LinesField(
        label=_("SDG targets"), required=False, help_text=_("One per line, e.g. 11.2")
    )
    year_start = forms.IntegerField(label=_("Started (year)"), required=False)
    year_end = forms.IntegerField(label=_("Ended (year)"), required=False)
    organisations = LinesField(
        label=_("Organisations involved"), required=False, help_text=_("One per line.")
    )
    problem = forms.CharField(
        label=_("The problem addressed"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    what_was_done = forms.CharField(
        label=_("What was done"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    costs = forms.CharField(
        label=_("Costs"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    results = forms.CharField(
        label=_("Results"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    kpis = KpiField(
        label=_("KPIs"),
        required=False,
        help_text=_("One per line: name | unit | baseline | result | year"),
    )
    what_worked = forms.CharField(
        label=_("What worked"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    what_did_not_work = forms.CharField(
        label=_("What did not work"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    transfer_conditions = forms.CharField(
        label=_("Conditions for transfer"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    transfer_city_sizes = forms.MultipleChoiceField(
        label=_("Fits city sizes"),
        choices=[(s, s) for s in CITY_SIZES],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    transfer_climate = forms.CharField(label=_("Climate"), max_length=200, required=False)
    contacts = LinesField(label=_("Contacts (units, not personal e-mails)"), required=False)
    sources = SourcesField(
        label=_("Sources"),
        required=False,
        help_text=_(
            "One per line: title | link | publisher | date | the fields it supports "
            "(e.g. problem, results, what_did_not_work)"
        ),
    )
    language = forms.CharField(label=_("Language (ISO 639-1)"), max_length=8, initial="en")
    status = forms.ChoiceField(label=_("Status"), choices=PracticeStatus.choices)


class PracticeCreateForm(PracticeForm):
    city = forms.ModelChoiceField(label=_("City"), queryset=City.objects.none())

    field_order = ["city"]

    def __init__(self, *args: Any, cities: QuerySet[City] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["city"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = cities if cities is not None else City.objects.none()
