"""Impact calculations, with hand-computed values."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from urbanforum.impact import calc


def test_ev_chargers_field_example() -> None:
    """18 public EV chargers on city land, up to 110 t CO2e a year (standards.md).

    Functional unit: 1 km driven by car. Baseline: a petrol car, 0.180 kg CO2e/km. Solution: an
    electric car charged on the Finnish grid, 0.040 kg CO2e/km. Each charger serves 43,650 km a year:
    18 × 43,650 = 785,700 km. Handprint: 0.140 kg/km × 785,700 km = 109,998 kg ≈ 110.0 t;
    relative reduction 0.140 / 0.180 = 77.8 %."""
    hp = calc.handprint(
        baseline_per_unit_kg=D("0.180"),
        solution_per_unit_kg=D("0.040"),
        units_per_year=D(18 * 43_650),
    )
    assert hp.per_unit_kg == D("0.140")
    assert hp.annual_kg == D("109998.000")
    assert round(hp.annual_t, 1) == D("110.0")
    assert round(hp.relative_reduction, 3) == D("0.778")  # type: ignore[arg-type]
    assert hp.attributed_annual_t == hp.annual_t


def test_shared_procurement_share() -> None:
    hp = calc.handprint(
        baseline_per_unit_kg=D(10),
        solution_per_unit_kg=D(4),
        units_per_year=D(1000),
        share=D("0.25"),
    )
    assert (hp.annual_t, hp.attributed_annual_t) == (D(6), D("1.5"))
    calc.check_no_double_counting([D("0.5"), D("0.25"), D("0.25")])
    with pytest.raises(ValueError, match=r"1\.10"):
        calc.check_no_double_counting([D("0.6"), D("0.5")])


def test_money() -> None:
    # 100,000 invested, 30,000 saved and 5,000 spent a year: net 25,000; payback 4 years;
    # ROI over 10 years = (250,000 − 100,000) / 100,000 = 1.5.
    m = calc.money(
        investment=D(100_000),
        annual_savings=D(30_000),
        annual_operating_cost=D(5_000),
        horizon_years=10,
    )
    assert (m.annual_net_saving, m.payback_years, m.roi) == (D(25_000), D("4.00"), D("1.5000"))
    never = calc.money(investment=D(100), annual_savings=D(1), annual_operating_cost=D(2))
    assert never.payback_years is None and never.roi == D("-1.1000")


def test_kpi_progress() -> None:
    assert calc.kpi_progress(baseline=D(100), target=D(60), latest=D(80)) == D("0.5")
    assert calc.kpi_progress(baseline=D(0), target=D(10), latest=None) is None


@given(
    st.decimals(min_value=0, max_value=1000, places=3),
    st.decimals(min_value=0, max_value=1000, places=3),
    st.decimals(min_value=0, max_value=10**6, places=0),
)
def test_handprint_is_baseline_minus_solution(b: D, s: D, u: D) -> None:
    hp = calc.handprint(baseline_per_unit_kg=b, solution_per_unit_kg=s, units_per_year=u)
    assert hp.annual_kg == (b - s) * u
    assert hp.annual_t * 1000 == hp.annual_kg
