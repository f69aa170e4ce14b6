"""Pure impact calculations (no Django): simple ROI, payback and the carbon handprint.

Carbon handprint (see /work/shared/docs/standards.md, after ISO 14067): the footprint of the baseline
the solution replaces minus the footprint of the solution, for the same functional unit.

    handprint per unit   = baseline footprint per unit − solution footprint per unit
    annual handprint     = handprint per unit × units per year
    relative reduction   = handprint per unit / baseline footprint per unit

When several cities share one procurement, each city claims only its `share` of the reduction so the
same tonne is never counted twice (`check_no_double_counting`: the shares of one shared reduction add
up to at most 1).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

ZERO = Decimal(0)


@dataclass(frozen=True)
class Money:
    investment: Decimal
    annual_net_saving: Decimal  # savings − operating cost, per year
    horizon_years: int
    roi: Decimal | None  # (net saving × horizon − investment) / investment
    payback_years: Decimal | None  # investment / annual net saving; None if it never pays back


def money(
    *,
    investment: Decimal,
    annual_savings: Decimal,
    annual_operating_cost: Decimal = ZERO,
    horizon_years: int = 10,
) -> Money:
    if investment < 0 or annual_savings < 0 or annual_operating_cost < 0:
        raise ValueError(_("Costs and savings cannot be negative."))
    if horizon_years <= 0:
        raise ValueError(_("The horizon must be at least one year."))
    net = annual_savings - annual_operating_cost
    roi = None if investment == 0 else ((net * horizon_years - investment) / investment)
    payback = (investment / net) if net > 0 else None
    return Money(
        investment=investment,
        annual_net_saving=net,
        horizon_years=horizon_years,
        roi=None if roi is None else roi.quantize(Decimal("0.0001")),
        payback_years=None if payback is None else payback.quantize(Decimal("0.01")),
    )


@dataclass(frozen=True)
class Handprint:
    per_unit_kg: Decimal
    annual_kg: Decimal
    annual_t: Decimal
    relative_reduction: Decimal | None  # 0.778 = 77.8 %
    share: Decimal
    attributed_annual_t: Decimal  # this city's claim (annual_t × share)


def handprint(
    *,
    baseline_per_unit_kg: Decimal,
    solution_per_unit_kg: Decimal,
    units_per_year: Decimal,
    share: Decimal = Decimal(1),
) -> Handprint:
    if baseline_per_unit_kg < 0 or solution_per_unit_kg < 0 or units_per_year < 0:
        raise ValueError(_("Footprints and volumes cannot be negative."))
    if not ZERO <= share <= 1:
        raise ValueError(_("The share must be between 0 and 1."))
    per_unit = baseline_per_unit_kg - solution_per_unit_kg
    annual = per_unit * units_per_year
    annual_t = annual / 1000
    return Handprint(
        per_unit_kg=per_unit,
        annual_kg=annual,
        annual_t=annual_t,
        relative_reduction=None if baseline_per_unit_kg == 0 else per_unit / baseline_per_unit_kg,
        share=share,
        attributed_annual_t=annual_t * share,
    )


def check_no_double_counting(shares: list[Decimal]) -> None:
    """The shares of one shared reduction (e.g. one joint procurement) may add up to at most 1."""
    total = sum(shares, ZERO)
    if total > 1:
        raise ValueError(
            _(
                "The cities' shares of this reduction add up to %(total)s: more than 1 counts "
                "the same reduction twice."
            )
            % {"total": f"{total:.2f}"}
        )


def kpi_progress(*, baseline: Decimal, target: Decimal, latest: Decimal | None) -> Decimal | None:
    """How far the latest value has moved from the baseline to the target (0 = baseline, 1 = target)."""
    if latest is None or target == baseline:
        return None
    return (latest - baseline) / (target - baseline)
