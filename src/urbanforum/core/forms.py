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
