"""Form helpers: service errors on the form, and forms validated by their action's schema."""

from __future__ import annotations

from typing import Any, ClassVar

from django import forms
from django.core.exceptions import ValidationError
from pydantic import BaseModel
from pydantic import ValidationError as PydanticValidationError

from urbanforum.core.schemas import field_of, message_of


def apply_errors(form: forms.Form, exc: ValidationError) -> None:
    """Show a service's ValidationError on the form, next to the field it names."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            target = field if field in form.fields else None
            for message in errors:
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
                name = field_of(error).split(".")[0]
                self.add_error(name if name in self.fields else None, message_of(error))
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
