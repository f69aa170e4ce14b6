"""Form helpers: service errors on the form, and forms validated by their action's schema."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, ClassVar

from django import forms
from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.http import HttpRequest
from django.utils.text import capfirst
from pydantic import BaseModel
from pydantic import ValidationError as PydanticValidationError

from urbanforum.core.labels import FIELD_LABELS
from urbanforum.core.schemas import field_of, message_of

_INDEXED = re.compile(r"^(?P<name>[^\[]+)\[(?P<index>\d+)\]$")


def field_label(name: str, labels: Mapping[str, Any] | None = None) -> str:
    """What a person reads for a field's name, in their language: the given label (a form's, a
    model field's verbose_name), else the platform's label of the name (core.labels):
    "bid_deadline" → "Tarjousten määräaika", "criteria[1].weight" → "Vertailuperusteet 2: Paino".
    Only a name nobody registered is shown made readable ("some_name" → "Some name")."""
    if labels and name in labels:
        return str(labels[name])
    parts = []
    for part in name.split("."):
        if labels and part in labels:
            parts.append(str(labels[part]))
            continue
        match = _INDEXED.match(part)
        base, index = (match["name"], int(match["index"]) + 1) if match else (part, None)
        text = str(FIELD_LABELS[base]) if base in FIELD_LABELS else base.replace("_", " ").strip()
        parts.append(f"{text} {index}" if index is not None else text)
    return capfirst(": ".join(parts)) or name


def error_messages(exc: ValidationError, labels: Mapping[str, Any] | None = None) -> list[str]:
    """A service's ValidationError as sentences for a page: "Bid deadline: must be in the future."
    Labels come from `labels` (e.g. a form's), then the error's own (`field_labels`, set by
    core.services.validate from the model), then the readable field name."""
    known = {**getattr(exc, "field_labels", {}), **(labels or {})}
    if not hasattr(exc, "error_dict"):
        return [str(m) for m in exc.messages]
    out = []
    for field, errors in exc.message_dict.items():
        for message in errors:
            if not field or field == NON_FIELD_ERRORS:
                out.append(str(message))
            else:
                out.append(f"{field_label(field, known)}: {message}")
    return out


def form_labels(form: forms.Form) -> dict[str, str]:
    return {name: str(f.label) for name, f in form.fields.items() if f.label}


def errors_of(form: forms.Form) -> ValidationError:
    """A form's errors as a ValidationError (an action that answers with a redirect flashes
    them), carrying the form's labels: the page says "Määräpäivä: …", never "due_on"."""
    exc = ValidationError({k: [str(e) for e in v] for k, v in form.errors.items()})
    exc.field_labels = form_labels(form)  # type: ignore[attr-defined]
    return exc


def flash_errors(
    request: HttpRequest, exc: ValidationError, labels: Mapping[str, Any] | None = None
) -> None:
    """A service's errors as messages on the next page, each naming its field by its label."""
    for message in error_messages(exc, labels):
        messages.error(request, message)


# ---------------------------------------------------------------------------- kept input
# An action posted from a page's small form (a lot, a question) answers with a redirect to the
# page; on an error the page shows the form again with what the user typed, read once from the
# session. Passwords are never kept (the session is stored in clear).
KEPT_INPUT = "urbanforum.kept_input"


def keep_input(request: HttpRequest) -> None:
    data = {
        name: request.POST.get(name, "")
        for name in request.POST
        if name != "csrfmiddlewaretoken" and "password" not in name
    }
    request.session[KEPT_INPUT] = {"action": request.path, "data": data}


def kept_input(request: HttpRequest) -> dict[str, dict[str, str]]:
    """{the action's path: what was typed}, once: the next page that asks gets nothing."""
    kept = request.session.pop(KEPT_INPUT, None) if hasattr(request, "session") else None
    return {kept["action"]: kept["data"]} if kept else {}


def apply_errors(form: forms.Form, exc: ValidationError) -> None:
    """Show a service's ValidationError on the form, next to the field it names; an error about
    a field the form does not show goes on top, naming the field by its label."""
    if hasattr(exc, "error_dict"):
        known = {**getattr(exc, "field_labels", {}), **form_labels(form)}
        for field, errors in exc.message_dict.items():
            target = field if field in form.fields else None
            for message in errors:
                if target is None and field != NON_FIELD_ERRORS:
                    message = f"{field_label(field, known)}: {message}"
                form.add_error(target, message)
    else:
        for message in exc.messages:
            form.add_error(None, message)


class SchemaForm(forms.Form):
    """A form whose input is validated by the same schema as its API twin.

    The form's fields parse the browser's strings (and render the widgets); `clean` then passes
    the result through `schema`, so a rule is written once, in the schema. After `is_valid()`,
    `form.validated` is the schema instance to hand to the service.
    """

    schema: ClassVar[type[BaseModel]]
    validated: Any = None

    def schema_data(self, cleaned: dict[str, Any]) -> dict[str, Any]:
        """The cleaned data as the schema expects it (override to rename or convert fields)."""
        return {name: value for name, value in cleaned.items() if name in self.schema.model_fields}

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.errors:
            return cleaned  # the fields' own errors first; the schema sees only parsed values
        try:
            self.validated = self.schema.model_validate(self.schema_data(cleaned))
        except PydanticValidationError as exc:
            for error in exc.errors():
                path = field_of(error)
                name = path.split(".")[0]
                if name in self.fields:
                    self.add_error(name, message_of(error))
                elif path:
                    label = field_label(path, form_labels(self))
                    self.add_error(None, f"{label}: {message_of(error)}")
                else:
                    self.add_error(None, message_of(error))
        return cleaned


# --------------------------------------------------------------------------- shared form fields
# Used by the content apps (practices, marketplace, challenges), which sit side by side and must not
# import each other: the fields live here, on the ground floor.
class LinesField(forms.CharField):
    """A list of texts, one per line."""

    widget = forms.Textarea(attrs={"rows": 3})

    def prepare_value(self, value: Any) -> Any:
        return "\n".join(value) if isinstance(value, list) else value

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        text = super().to_python(value) or ""
        return [line.strip() for line in str(text).splitlines() if line.strip()]


def sdg_choices() -> list[tuple[str, Any]]:
    """ "11. Sustainable cities and communities": lazy, so a form class built at import time still
    shows the goal in the reader's language."""
    from django.utils.text import format_lazy

    from urbanforum.core.taxonomy import SDG_GOALS

    return [(str(k), format_lazy("{}. {}", k, v)) for k, v in SDG_GOALS.items()]


def domain_field() -> forms.MultipleChoiceField:
    from django.utils.translation import gettext_lazy as _

    from urbanforum.core.taxonomy import DOMAINS

    return forms.MultipleChoiceField(
        label=_("Domains"), choices=DOMAINS, required=False, widget=forms.CheckboxSelectMultiple
    )


def sdg_field() -> forms.TypedMultipleChoiceField:
    from django.utils.translation import gettext_lazy as _

    return forms.TypedMultipleChoiceField(
        label=_("SDG goals"),
        choices=sdg_choices(),
        coerce=int,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
