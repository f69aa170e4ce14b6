"""Amounts in euros as typed: every value is an answer, never a server error (schemathesis found
-9.13e269 as a budget: rounding it to the cent raised InvalidOperation)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from pydantic_core import PydanticCustomError

from urbanforum.procurement.schemas import money


@pytest.mark.parametrize(
    "value", [-9.133618503968411e269, 9.1e269, "-1", 0, "0,001", "1e12", "abc", float("nan")]
)
def test_impossible_amounts_are_refused_with_a_reason(value: object) -> None:
    with pytest.raises((PydanticCustomError, ValueError)):
        money(value)


def test_amounts_are_rounded_to_the_cent() -> None:
    assert money("1 234,505") == Decimal("1234.51")
    assert money(480000) == Decimal("480000.00")
