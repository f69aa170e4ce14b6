"""The forms of the procurement pages. Each validates through its action's schema (`schemas.py`),
the same the API takes as its body."""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from django import forms
from django.utils.translation import gettext_lazy as _
from pydantic import BaseModel

from urbanforum.core.forms import SchemaForm
from urbanforum.procurement import clock
from urbanforum.procurement.models import Category, Procedure
from urbanforum.procurement.schemas import BidInput, ProcurementChanges, ProcurementInput

DT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class ProcurementForm(SchemaForm):
    schema: ClassVar[type[BaseModel]] = ProcurementInput

    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea, required=False)
    procedure = forms.ChoiceField(label=_("Procedure"), choices=Procedure.choices)
    category = forms.ChoiceField(label=_("Main category"), choices=Category.choices)
    cpv_codes = forms.CharField(
        label=_("CPV codes"),
        help_text=_("Separated by commas, format NNNNNNNN-N (e.g. 34993000-4)."),
    )
    selection_criteria = forms.CharField(
        label=_("Selection criteria"), widget=forms.Textarea, required=False
    )
    clarification_deadline = forms.DateTimeField(label=_("Clarification deadline"), widget=DT)
    bid_deadline = forms.DateTimeField(label=_("Bid deadline"), widget=DT)
    opening_date = forms.DateTimeField(label=_("Planned opening"), widget=DT, required=False)
    award_date = forms.DateTimeField(label=_("Planned award"), widget=DT, required=False)
    standstill_days = forms.IntegerField(
        label=_("Standstill period (days)"), initial=10, min_value=0
    )

    def clean_cpv_codes(self) -> list[str]:
        return [c.strip() for c in self.cleaned_data["cpv_codes"].split(",") if c.strip()]

    # The form refuses deadlines in the past at once (also an unchanged one on the edit page:
    # a draft whose deadlines passed must get new ones before it can be published).
    def clean_clarification_deadline(self) -> datetime:
        return _future(self.cleaned_data["clarification_deadline"], "clarification_deadline")

    def clean_bid_deadline(self) -> datetime:
        return _future(self.cleaned_data["bid_deadline"], "bid_deadline")


PAST_DEADLINE = {
    "clarification_deadline": _("The clarification deadline must be in the future."),
    "bid_deadline": _("The bid deadline must be in the future."),
}


def _future(value: datetime, name: str) -> datetime:
    if value is not None and value <= clock.now():
        raise forms.ValidationError(PAST_DEADLINE[name], code="past")
    return value


class ProcurementChangesForm(ProcurementForm):
    """The edit form: the same fields, validated as the changes of an edit (the PATCH's schema)."""

    schema = ProcurementChanges


class BidForm(SchemaForm):
    schema = BidInput

    # Text, parsed by the schema: "1 234 500,00" in the bidder's language as well as "1234500.00".
    amount = forms.CharField(
        label=_("Total price (EUR, excl. VAT)"),
        max_length=40,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    offer = forms.CharField(
        label=_("Offer"),
        widget=forms.Textarea,
        help_text=_("How the offer meets the quality criteria. Sealed until the deadline."),
    )
