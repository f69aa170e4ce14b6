"""The forms of the procurement pages. Each validates through its action's schema (`schemas.py`),
the same the API takes as its body."""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar

from django import forms
from django.utils.translation import gettext_lazy as _
from pydantic import BaseModel

from urbanforum.core.forms import SchemaForm
from urbanforum.procurement import clock
from urbanforum.procurement.models import (
    MIN_STANDSTILL_DAYS,
    Category,
    JointProcurement,
    Procedure,
)
from urbanforum.procurement.schemas import BidInput, ProcurementChanges, ProcurementInput

DT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
# The same sentence as the model's validator (one translation).
STANDSTILL_MINIMUM = _(
    "The standstill period is at least %(limit_value)s calendar days (Remedies "
    "Directive 2007/66/EC, art. 2a)."
)


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
        label=_("Standstill period (days)"),
        initial=MIN_STANDSTILL_DAYS,
        min_value=MIN_STANDSTILL_DAYS,
        error_messages={"min_value": STANDSTILL_MINIMUM},
        help_text=_(
            "Calendar days from each award decision before the contracts may be signed: at "
            "least 10 (Remedies Directive 2007/66/EC, art. 2a, for an award decision sent "
            "electronically). Once published it can only be lengthened."
        ),
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

    def __init__(self, *args: Any, procurement: JointProcurement, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if procurement.terms_fixed:
            # Shown but not editable: a disabled field keeps its initial (stored) value.
            for name in ("procedure", "category"):
                self.fields[name].disabled = True
                self.fields[name].help_text = _("Fixed once the procurement is published.")


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
