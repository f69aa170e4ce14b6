"""One input per action: the schema that both a form and its API twin validate through.

Each app declares the input of an action once, in its `schemas.py`, as a subclass of `Input`
(pydantic, which is what django-ninja's `Schema` is). The API endpoint takes it as its body; the
form (`core.forms.SchemaForm`) validates its cleaned data through the same class; the service
takes the validated object as a typed keyword argument. Rules that belong to the input (a known
domain, a visibility among the choices) live in the schema's validators, written once.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from pydantic import BaseModel, ConfigDict
from pydantic import ValidationError as PydanticValidationError


class Input(BaseModel):
    """Base of every action's input: unknown fields are refused, text is stripped."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    def given(self) -> dict[str, Any]:
        """The fields the caller set (a PATCH changes only these)."""
        return {name: getattr(self, name) for name in self.model_fields_set}


def field_of(error: Any) -> str:
    """The field a pydantic error is about ("" for the whole input). django-ninja puts where the
    input came from first ("body", "payload"); only those leading parts are dropped, so a field
    that is itself called "query" (a saved search's) keeps its name."""
    loc = [str(p) for p in error.get("loc", ())]
    while len(loc) > 1 and loc[0] in ("body", "query", "path", "payload"):
        loc = loc[1:]
    return ".".join(loc)


def message_of(error: Any) -> str:
    message = str(error.get("msg", "invalid"))
    # pydantic prefixes errors raised by our validators with "Value error, ".
    return message.removeprefix("Value error, ")


def to_validation_error(exc: PydanticValidationError) -> ValidationError:
    """A pydantic error as Django's ValidationError naming each field (the services' currency)."""
    errors: dict[str, list[str]] = {}
    for error in exc.errors():
        errors.setdefault(field_of(error) or "__all__", []).append(message_of(error))
    return ValidationError(errors)


def parse(schema: type[BaseModel], data: dict[str, Any]) -> Any:
    """Validate `data` through `schema`, raising Django's ValidationError (field-named) on errors."""
    try:
        return schema.model_validate(data)
    except PydanticValidationError as exc:
        raise to_validation_error(exc) from exc
