"""Numbers as people write and read them, in the active language: one money format for the
whole site and one parser for the numbers typed into forms.

Amounts: the language's digit grouping and decimal separator (Django's format files and ours in
urbanforum/formats/) and the euro sign where the language puts it: "1 180 000,00 €" in Finnish,
"1.180.000,00 €" in German, "€1,180,000.00" in English. Chaining `floatformat` and `intcomma`
in templates had grouped an already localised "1180000,00" with commas ("1,180,000,00").

Input: a decimal comma or point, and digits grouped by spaces (also the non-breaking ones a
copied amount brings along), e.g. "1 234,50" or "1,234.50"."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from django.utils import formats, translation

# The languages that write the currency sign before the amount (CLDR); the others after it.
SIGN_FIRST = frozenset({"en"})

_SPACES = re.compile(r"[\s\u00a0\u202f\u2009']")


def format_money(value: Decimal | float | int | str | None, decimals: int = 2) -> str:
    """`value` euros in the active language, e.g. "1 180 000,00 €"; "" for no value."""
    if value is None or value == "":
        return ""
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return str(value)
    if not amount.is_finite():
        return str(value)
    number = formats.number_format(
        round(amount, decimals), decimal_pos=decimals, use_l10n=True, force_grouping=True
    )
    language = (translation.get_language() or "en").split("-")[0]
    if language in SIGN_FIRST:
        return f"-€{number[1:]}" if number.startswith("-") else f"€{number}"
    return f"{number}\u00a0€"


def _grouped(text: str, separator: str) -> bool:
    """Digits grouped by `separator` in threes ("1.234.567")."""
    return re.fullmatch(rf"-?[1-9]\d{{0,2}}(?:{re.escape(separator)}\d{{3}})+", text) is not None


def parse_number(value: object) -> Decimal:
    """A number as typed: "12,5", "1 234,50", "1.234,50", "1,234.50", "40". Raises ValueError
    when it is not one (or is not finite). A single separator followed by three digits is the
    reader's thousands separator when their language groups with it ("1,234" in English,
    "1.234" in German) and the decimal separator otherwise."""
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        text = str(value)
    elif isinstance(value, str):
        text = _SPACES.sub("", value.strip())
        thousands = str(formats.get_format("THOUSAND_SEPARATOR"))
        if "," in text and "." in text:
            decimal_sep = "," if text.rfind(",") > text.rfind(".") else "."
            whole, _sep, fraction = text.rpartition(decimal_sep)
            group = "." if decimal_sep == "," else ","
            if not _grouped(whole, group) or not fraction.isdigit():
                raise ValueError(value)
            text = f"{whole.replace(group, '')}.{fraction}"
        else:
            for sep in (",", "."):
                if text.count(sep) > 1 or (sep == thousands and _grouped(text, sep)):
                    if not _grouped(text, sep):
                        raise ValueError(value)
                    text = text.replace(sep, "")
            text = text.replace(",", ".")
        if not re.fullmatch(r"[-+]?(\d+\.?\d*|\.\d+)", text):
            raise ValueError(value)
    else:
        raise ValueError(value)
    try:
        parsed = Decimal(text)
    except InvalidOperation as exc:
        raise ValueError(value) from exc
    if not parsed.is_finite():
        raise ValueError(value)
    return parsed
