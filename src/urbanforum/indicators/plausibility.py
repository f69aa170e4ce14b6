"""Values an indicator cannot take: a share above 100 %, a negative population. An import refuses
them row by row (docs/indicators.md, "Plausible values"), so no run scores a city on them."""

from __future__ import annotations

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from urbanforum.indicators.models import Indicator
from urbanforum.indicators.parsers import RawRow, RowError


def _number(value: float) -> str:
    """A value as a reader writes it: 0 not 0.0, the reader's decimal mark; huge ones short."""
    if abs(value) >= 1e15:
        return f"{value:.3g}"
    return str(number_format(int(value) if value.is_integer() else value))


def implausible(row: RawRow, indicator: Indicator) -> RowError | None:
    """The error for a value outside the indicator's plausible range, or None."""
    lo, hi = indicator.bounds()
    value = row.value
    if (lo is None or value >= lo) and (hi is None or value <= hi):
        return None
    params = {
        "value": _number(value),
        "indicator": _(indicator.name),
        "low": _number(lo) if lo is not None else "",
        "high": _number(hi) if hi is not None else "",
        "unit": indicator.unit,
    }
    if hi is None:
        message = _(
            "%(value)s is not a plausible value of %(indicator)s: it cannot be below %(low)s."
        )
    elif lo is None:
        message = _(
            "%(value)s is not a plausible value of %(indicator)s: it cannot be above %(high)s."
        )
    else:
        message = _(
            "%(value)s is not a plausible value of %(indicator)s: it lies between %(low)s and "
            "%(high)s (%(unit)s)."
        )
    return RowError(row.row, row.column, message % params)
