"""Forms of the community pages. Each validates through its action's schema (core.forms.SchemaForm,
the same class the API takes as its body); the fields only parse the browser's strings and draw
the widgets."""

from __future__ import annotations

from typing import Any, ClassVar

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from pydantic import BaseModel

from urbanforum.community import schemas
from urbanforum.community.models import TIMEZONE_CHOICES, EventKind, GroupVisibility
from urbanforum.core.forms import SchemaForm
from urbanforum.core.taxonomy import DOMAINS

MARKDOWN_HELP = _("Markdown. Mention people with @name@example.org.")


class GroupForm(SchemaForm):
    schema = schemas.GroupIn

    name = forms.CharField(label=_("Name"), max_length=200)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    domains = forms.MultipleChoiceField(
        label=_("Domains"), choices=DOMAINS, required=False, widget=forms.CheckboxSelectMultiple
    )
    visibility = forms.ChoiceField(label=_("Visibility"), choices=GroupVisibility.choices)
    language = forms.ChoiceField(
        label=_("Written in"), choices=settings.LANGUAGES, initial="en", required=False
    )


class DocumentForm(SchemaForm):
    schema = schemas.DocumentIn

    title = forms.CharField(label=_("Title"), max_length=200)
    file = forms.FileField(label=_("File"), required=False)
    url = forms.URLField(label=_("…or a link"), required=False, assume_scheme="https")


class ThreadForm(SchemaForm):
    schema = schemas.ThreadIn

    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(
        label=_("Text"), widget=forms.Textarea(attrs={"rows": 6}), help_text=MARKDOWN_HELP
    )


class PostForm(SchemaForm):
    schema = schemas.PostIn

    body = forms.CharField(
        label=_("Text"), widget=forms.Textarea(attrs={"rows": 4}), help_text=MARKDOWN_HELP
    )


class DateTimeLocal(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M")


class EventForm(SchemaForm):
    """A new event (`EventIn`); the same fields edit one (`EventEditForm`)."""

    schema: ClassVar[type[BaseModel]] = schemas.EventIn

    title = forms.CharField(label=_("Title"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=EventKind.choices)
    starts_at = forms.DateTimeField(
        label=_("Starts (local time of the event)"),
        widget=DateTimeLocal(),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )
    ends_at = forms.DateTimeField(
        label=_("Ends (local time of the event)"),
        widget=DateTimeLocal(),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )
    timezone = forms.ChoiceField(
        label=_("Time zone"), choices=TIMEZONE_CHOICES, initial="Europe/Helsinki"
    )
    place = forms.CharField(label=_("Place"), max_length=255, required=False)
    online_url = forms.URLField(label=_("Online link"), required=False, assume_scheme="https")
    capacity = forms.IntegerField(
        label=_("Capacity"),
        min_value=1,
        required=False,
        help_text=_("Leave empty for no limit. When full, people join a waiting list."),
    )
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    agenda = forms.CharField(
        label=_("Agenda"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    language = forms.ChoiceField(
        label=_("Written in"), choices=settings.LANGUAGES, initial="en", required=False
    )


class EventEditForm(EventForm):
    schema = schemas.EventPatchIn


class ReportForm(SchemaForm):
    schema = schemas.EventPatchIn

    report = forms.CharField(label=_("Report"), widget=forms.Textarea(attrs={"rows": 5}))


class OfferForm(SchemaForm):
    schema = schemas.OfferIn

    topics = forms.MultipleChoiceField(
        label=_("Topics"), choices=DOMAINS, widget=forms.CheckboxSelectMultiple
    )
    description = forms.CharField(
        label=_("What you offer"), widget=forms.Textarea(attrs={"rows": 3})
    )


class RequestForm(SchemaForm):
    """Asking for a mentor on a challenge (the challenge comes from the address)."""

    schema = schemas.RequestIn

    description = forms.CharField(
        label=_("What you need"), widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args: Any, challenge: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.challenge = challenge

    def schema_data(self, cleaned: dict[str, Any]) -> dict[str, Any]:
        return {"challenge": self.challenge, "description": cleaned.get("description", "")}


class SessionForm(SchemaForm):
    schema = schemas.SessionIn

    held_on = forms.DateField(label=_("Held on"), widget=forms.DateInput(attrs={"type": "date"}))
    notes = forms.CharField(
        label=_("Notes"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class FeedbackForm(SchemaForm):
    schema = schemas.FeedbackIn

    text = forms.CharField(label=_("Feedback"), widget=forms.Textarea(attrs={"rows": 3}))
    rating = forms.IntegerField(label=_("Rating (1–5)"), min_value=1, max_value=5, required=False)
