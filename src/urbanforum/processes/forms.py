from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from urbanforum.accounts.models import Organisation, User
from urbanforum.processes import registry
from urbanforum.processes.models import ProcessRole, ProcessVisibility


class DateInput(forms.DateInput):
    input_type = "date"


class ProcessOpenForm(forms.Form):
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

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["blueprint"].choices = [(b.slug, b.label) for b in registry.blueprints()]  # type: ignore[attr-defined]
        self.fields["blueprint"].initial = registry.FIVE_STEPS


class CityChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Organisation) -> str:
        if getattr(obj, "shares_challenge", False):
            return f"{obj.name} — {_('has this challenge too')}"
        return obj.name


class ProcessEditForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 5}), required=False
    )
    visibility = forms.ChoiceField(label=_("Visibility"), choices=ProcessVisibility.choices)


class InviteForm(forms.Form):
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


class TaskForm(forms.Form):
    title = forms.CharField(label=_("Task"), max_length=200)
    owner = forms.ModelChoiceField(label=_("Owner"), queryset=User.objects.none(), required=False)
    due_on = forms.DateField(label=_("Due"), required=False, widget=DateInput)


class DeliverableForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    file = forms.FileField(label=_("File"), required=False)
    url = forms.URLField(label=_("…or a link"), required=False, assume_scheme="https")
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("document", _("Document")), ("solution", _("Solution proposal"))]
    )


class DecisionForm(forms.Form):
    text = forms.CharField(label=_("Decision"), widget=forms.Textarea(attrs={"rows": 2}))


class ReviewForm(forms.Form):
    text = forms.CharField(label=_("Review"), widget=forms.Textarea(attrs={"rows": 3}))
    rating = forms.IntegerField(label=_("Rating (1–5)"), min_value=1, max_value=5, required=False)


class AdvanceForm(forms.Form):
    override_reason = forms.CharField(
        label=_("Override reason (coordinators)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class PublishForm(forms.Form):
    summary = forms.CharField(label=_("Result"), widget=forms.Textarea(attrs={"rows": 4}))


class ParticipantForm(forms.Form):
    email = forms.EmailField(label=_("E-mail of the expert or provider"))
    role = forms.ChoiceField(
        label=_("Role"),
        choices=[
            (r.value, r.label)
            for r in (ProcessRole.EXPERT, ProcessRole.PROVIDER, ProcessRole.OBSERVER)
        ],
    )
