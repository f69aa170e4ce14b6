"""One input per action: the schema that both a form and its API twin validate through.

Each app declares the input of an action once, in its `schemas.py`, as a subclass of `Input`
(pydantic, which is what django-ninja's `Schema` is). The API endpoint takes it as its body; the
form (`core.forms.SchemaForm`) validates its cleaned data through the same class; the service
takes the validated object as a typed keyword argument. Rules that belong to the input (a known
domain, a visibility among the choices) live in the schema's validators, written once.
"""

from __future__ import annotations

import math
from decimal import Decimal
from typing import Annotated, Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from pydantic import AfterValidator, BaseModel, ConfigDict, field_validator
from pydantic import ValidationError as PydanticValidationError
from pydantic_core import PydanticCustomError

from urbanforum.core.numbers import parse_number

# Whole numbers are stored in 32-bit columns on PostgreSQL (PositiveIntegerField, IntegerField):
# anything outside is refused as input rather than failing in the database.
INT_MIN, INT_MAX = -(2**31), 2**31 - 1


def refused(message: str) -> PydanticCustomError:
    """A validation error whose message is shown as written (no "Value error, " prefix)."""
    return PydanticCustomError("invalid", message, None)


def typed_number(value: object) -> Decimal:
    """A number as a person types it in their language ("12,5", "1 234,50"; core.numbers), for a
    schema's `mode="before"` validator; else an error saying it is not a number."""
    if isinstance(value, str) and not value.strip():
        raise refused(_("Field required"))
    try:
        return parse_number(value)
    except ValueError:
        raise refused(_("“%(value)s” is not a number.") % {"value": value}) from None


def typed_whole_number(value: object) -> int:
    """A whole number as typed ("40", "40,0"); "40,5" and "abc" say what is wrong with them."""
    number = typed_number(value)
    if number != number.to_integral_value():
        raise refused(_("“%(value)s” is not a whole number.") % {"value": value})
    return int(number)


def check_number(value: Any) -> Any:
    """`value` if it is a finite number that a column can hold; a validation error otherwise.

    NaN, ±Infinity and numbers that overflow a float (JSON's `1e400`, a Decimal `1E+400`) are
    refused everywhere a number comes in: stored, they take every page that shows them down."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        if not INT_MIN <= value <= INT_MAX:
            raise refused(
                _("%(value)s is out of range (%(min)s to %(max)s).")
                % {"value": value, "min": INT_MIN, "max": INT_MAX}
            )
    elif isinstance(value, float | Decimal) and not is_finite_number(value):
        raise refused(_("%(value)s is not a finite number.") % {"value": value})
    return value


def is_finite_number(value: float | Decimal) -> bool:
    """Not NaN, not ±Infinity, and not so large that it overflows a float (Decimal 1E+400)."""
    try:
        return math.isfinite(float(value))
    except (OverflowError, ValueError):
        return False


def check_text(value: str) -> str:
    if "\x00" in value:
        raise refused(_("The text contains a NUL character, which is not allowed."))
    return value


def check_value(value: Any) -> Any:
    """Numbers finite and in range, text without NUL — also inside lists and mappings."""
    if isinstance(value, str):
        return check_text(value)
    if isinstance(value, dict):
        for key, item in value.items():
            check_value(key)
            check_value(item)
    elif isinstance(value, list | tuple | set | frozenset):
        for item in value:
            check_value(item)
    elif isinstance(value, int | float | Decimal):
        check_number(value)
    return value


# The shared number types, for schemas outside `Input` (query filters, outputs read back).
FiniteFloat = Annotated[float, AfterValidator(check_number)]
FiniteDecimal = Annotated[Decimal, AfterValidator(check_number)]
BoundedInt = Annotated[int, AfterValidator(check_number)]


class Input(BaseModel):
    """Base of every action's input: unknown fields are refused, text is stripped, numbers are
    finite and in range and text has no NUL character (`check_value`, on every field)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, allow_inf_nan=False)

    @field_validator("*", mode="after")
    @classmethod
    def _robust(cls, value: Any) -> Any:
        if isinstance(value, BaseModel):
            return value  # a nested Input checks itself
        return check_value(value)

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


def _translated(kind: str, ctx: dict[str, Any]) -> str | None:
    """pydantic's message for the error types a person meets, in the active language (the
    English text is pydantic's own, word for word), or None for the rarer ones."""
    n = ctx.get("min_length", ctx.get("max_length", 0))
    if kind == "missing":
        return _("Field required")
    if kind == "extra_forbidden":
        return _("Extra inputs are not permitted")
    if kind == "string_too_short":
        return ngettext(
            "String should have at least %(n)s character",
            "String should have at least %(n)s characters",
            n,
        ) % {"n": n}
    if kind == "string_too_long":
        return ngettext(
            "String should have at most %(n)s character",
            "String should have at most %(n)s characters",
            n,
        ) % {"n": n}
    if kind == "too_short" and ctx.get("field_type") == "List":
        return ngettext(
            "List should have at least %(n)s item after validation, not %(actual)s",
            "List should have at least %(n)s items after validation, not %(actual)s",
            n,
        ) % {"n": n, "actual": ctx.get("actual_length")}
    if kind == "too_long" and ctx.get("field_type") == "List":
        return ngettext(
            "List should have at most %(n)s item after validation, not %(actual)s",
            "List should have at most %(n)s items after validation, not %(actual)s",
            n,
        ) % {"n": n, "actual": ctx.get("actual_length")}
    simple = {
        "string_type": _("Input should be a valid string"),
        "int_type": _("Input should be a valid integer"),
        "int_parsing": _("Input should be a valid integer, unable to parse string as an integer"),
        "int_from_float": _("Input should be a valid integer, got a number with a fractional part"),
        "float_type": _("Input should be a valid number"),
        "float_parsing": _("Input should be a valid number, unable to parse string as a number"),
        "bool_parsing": _("Input should be a valid boolean, unable to interpret input"),
        "list_type": _("Input should be a valid list"),
        "finite_number": _("Input should be a finite number"),
    }
    if kind in simple:
        return simple[kind]
    bounds = {
        "greater_than_equal": ("ge", _("Input should be greater than or equal to %(limit)s")),
        "less_than_equal": ("le", _("Input should be less than or equal to %(limit)s")),
        "greater_than": ("gt", _("Input should be greater than %(limit)s")),
        "less_than": ("lt", _("Input should be less than %(limit)s")),
    }
    if kind in bounds and bounds[kind][0] in ctx:
        key, message = bounds[kind]
        return message % {"limit": ctx[key]}
    if kind in ("literal_error", "enum") and "expected" in ctx:
        return _("Input should be %(expected)s") % {"expected": ctx["expected"]}
    return None


def message_of(error: Any) -> str:
    translated = _translated(str(error.get("type", "")), dict(error.get("ctx") or {}))
    if translated is not None:
        return translated
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
