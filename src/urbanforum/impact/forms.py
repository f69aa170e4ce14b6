"""The forms of the pilot pages. Each validates through its action's schema (`schemas.py`), the
same the API takes as its body."""

from __future__ import annotations

from django import forms
from django.forms.models import fields_for_model
from django.utils.translation import gettext_lazy as _

from urbanforum.core.forms import SchemaForm
from urbanforum.impact.models import ImpactAssessment, PilotStatus
from urbanforum.impact.schemas import IMPACT_FIELDS, ImpactInput, PilotEditIn, PilotInput

DATE = forms.DateInput(attrs={"type": "date"})


class PilotForm(SchemaForm):
    schema = PilotInput

    title = forms.CharField(label=_("Title"), max_length=200)
    solution_name = forms.CharField(label=_("Solution"), max_length=200)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea, required=False)
    start_date = forms.DateField(label=_("Start"), widget=DATE)
    end_date = forms.DateField(label=_("End"), widget=DATE)
    budget_eur = forms.DecimalField(label=_("Budget (EUR)"), max_digits=14, decimal_places=2)
    status = forms.ChoiceField(
        label=_("Status"), choices=PilotStatus.choices, initial=PilotStatus.RUNNING
    )


class PilotEditForm(SchemaForm):
    """The pilot's edit page; the choices of provider, procurement and contract are set by the
    view (`choices`), the schema takes their slug / reference / id like the API."""

    schema = PilotEditIn

    title = forms.CharField(label=_("Title"), max_length=200)
    solution_name = forms.CharField(label=_("Solution"), max_length=200)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea, required=False)
    start_date = forms.DateField(label=_("Start"), widget=DATE)
    end_date = forms.DateField(label=_("End"), widget=DATE)
    budget_eur = forms.DecimalField(label=_("Budget (EUR)"), max_digits=14, decimal_places=2)
    status = forms.ChoiceField(label=_("Status"), choices=PilotStatus.choices)
    provider = forms.ChoiceField(label=_("Provider organisation"), required=False)
    procurement = forms.ChoiceField(label=_("Procured through (joint procurement)"), required=False)
    contract = forms.TypedChoiceField(
        label=_("This city's contract"), required=False, coerce=int, empty_value=None
    )
    share = forms.DecimalField(
        label=_("This city's share of a joint pilot (0–1)"),
        required=False,
        min_value=0,
        max_value=1,
        decimal_places=4,
        help_text=_(
            "When several cities run the pilot together, the part of the shared result this city "
            "claims (it feeds the impact assessment)."
        ),
    )

    def __init__(
        self, *args: object, choices: dict[str, list[tuple[object, str]]], **kwargs: object
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        for name, options in choices.items():
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)
            field.choices = [("", "—"), *options]


class ImpactForm(SchemaForm):
    """The impact assessment's inputs: the model's fields (labels, help, widgets), validated
    through the API's schema."""

    schema = ImpactInput


ImpactForm.base_fields.update(
    fields_for_model(
        ImpactAssessment,
        fields=IMPACT_FIELDS,
        widgets={
            k: forms.Textarea(attrs={"rows": 2})
            for k in ("system_boundary", "data_sources", "assumptions")
        },
    )
)
