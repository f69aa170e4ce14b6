"""Forms of the process pages. Each validates through its action's schema (core.forms.SchemaForm,
the same class the API takes as its body); the fields parse the browser's strings and draw the
widgets, and turn chosen objects into the references the schema holds (slugs, e-mails)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from urbanforum.accounts.models import Organisation, User
from urbanforum.core.forms import SchemaForm
from urbanforum.processes import registry, schemas
from urbanforum.processes.models import ProcessRole, ProcessVisibility


class DateInput(forms.DateInput):
    input_type = "date"


class ProcessOpenForm(SchemaForm):
    """Open a process from the challenge in the address."""

    schema = schemas.ProcessIn

    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        required=False,
        help_text=_("Leave empty to use the challenge's title."),
    )
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    visibility = forms.ChoiceField(
        label=_("Visibility"), choices=ProcessVisibility.choices, initial=ProcessVisibility.MEMBERS
    )
    blueprint = forms.ChoiceField(label=_("Process template"), choices=())
    starts_on = forms.DateField(label=_("Starts on"), required=False, widget=DateInput)

    def __init__(self, *args: Any, challenge: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.challenge = challenge
        blueprint = self.fields["blueprint"]
        assert isinstance(blueprint, forms.ChoiceField)
        blueprint.choices = [(b.slug, b.label) for b in registry.blueprints()]
        blueprint.initial = registry.FIVE_STEPS

    def schema_data(self, cleaned: dict[str, Any]) -> dict[str, Any]:
        return {**super().schema_data(cleaned), "challenge": self.challenge}


class CityChoiceField(forms.ModelChoiceField[Organisation]):
    def label_from_instance(self, obj: Organisation) -> str:
        if getattr(obj, "shares_challenge", False):
            return f"{obj.name} — {_('has this challenge too')}"
        return obj.name


class ProcessEditForm(SchemaForm):
    schema = schemas.ProcessPatchIn

    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 5}), required=False
    )
    visibility = forms.ChoiceField(label=_("Visibility"), choices=ProcessVisibility.choices)


class InviteForm(SchemaForm):
    """Invite a city administration; the choice lists `invitable` (set by the view)."""

    schema = schemas.InvitationIn

    organisation = CityChoiceField(
        label=_("City administration"), queryset=Organisation.objects.none()
    )
    role = forms.ChoiceField(
        label=_("Role"),
        choices=[
            (r.value, r.label)
            for r in (ProcessRole.PARTNER, ProcessRole.PROVIDER, ProcessRole.OBSERVER)
        ],
    )
    message = forms.CharField(
        label=_("Message"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(
        self, *args: Any, invitable: QuerySet[Organisation] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if invitable is not None:
            field = self.fields["organisation"]
            assert isinstance(field, CityChoiceField)
            field.queryset = invitable

    def schema_data(self, cleaned: dict[str, Any]) -> dict[str, Any]:
        return {**cleaned, "organisation": cleaned["organisation"].slug}


class TaskForm(SchemaForm):
    """A task; the owner is chosen among the people of the process (`people`, set by the view)."""

    schema = schemas.TaskIn

    title = forms.CharField(label=_("Task"), max_length=200)
    owner = forms.ModelChoiceField(label=_("Owner"), queryset=User.objects.none(), required=False)
    due_on = forms.DateField(label=_("Due"), required=False, widget=DateInput)

    def __init__(self, *args: Any, people: QuerySet[User] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if people is not None:
            field = self.fields["owner"]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = people

    def schema_data(self, cleaned: dict[str, Any]) -> dict[str, Any]:
        owner = cleaned.get("owner")
        return {**cleaned, "owner": owner.email if owner is not None else None}


class DeliverableForm(SchemaForm):
    schema = schemas.DeliverableIn

    title = forms.CharField(label=_("Title"), max_length=200)
    file = forms.FileField(label=_("File"), required=False)
    url = forms.URLField(label=_("…or a link"), required=False, assume_scheme="https")
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("document", _("Document")), ("solution", _("Solution proposal"))]
    )


class DecisionForm(SchemaForm):
    schema = schemas.DecisionIn

    text = forms.CharField(label=_("Decision"), widget=forms.Textarea(attrs={"rows": 2}))


class ReviewForm(SchemaForm):
    schema = schemas.ReviewIn

    text = forms.CharField(label=_("Review"), widget=forms.Textarea(attrs={"rows": 3}))
    rating = forms.IntegerField(label=_("Rating (1–5)"), min_value=1, max_value=5, required=False)


class AdvanceForm(SchemaForm):
    schema = schemas.AdvanceIn

    override_reason = forms.CharField(
        label=_("Override reason (coordinators)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class PublishForm(SchemaForm):
    schema = schemas.PublishIn

    summary = forms.CharField(label=_("Result"), widget=forms.Textarea(attrs={"rows": 4}))


class ParticipantForm(SchemaForm):
    """Add an expert, provider or observer by e-mail."""

    schema = schemas.ParticipantIn

    email = forms.EmailField(label=_("E-mail of the expert or provider"))
    role = forms.ChoiceField(
        label=_("Role"),
        choices=[
            (r.value, r.label)
            for r in (ProcessRole.EXPERT, ProcessRole.PROVIDER, ProcessRole.OBSERVER)
        ],
    )

    def schema_data(self, cleaned: dict[str, Any]) -> dict[str, Any]:
        return {"role": cleaned["role"], "user": cleaned["email"]}


class PhaseDatesForm(SchemaForm):
    """The planned dates of a phase not yet completed."""

    schema = schemas.PhaseDatesIn

    starts_on = forms.DateField(label=_("Planned start"), required=False, widget=DateInput)
    ends_on = forms.DateField(label=_("Planned end"), required=False, widget=DateInput)
