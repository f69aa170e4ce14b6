"""Reads of pilots, KPIs and impact — through the visibility policies (`impact.policies`) — and
the KPI charts (Altair → Vega-Lite specs)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Prefetch, Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from urbanforum.accounts.models import User
from urbanforum.benchmark.charts import localised
from urbanforum.impact import calc
from urbanforum.impact.models import KPI, ImpactAssessment, Measurement, Milestone, Pilot
from urbanforum.impact.policies import kpi_policy, measurement_policy, pilot_policy
from urbanforum.processes.models import Process


@dataclass(frozen=True)
class PilotFilters:
    search: str = ""  # ?q=
    city: str = ""


def pilot_list(*, user: User | AnonymousUser, search: str = "", city: str = "") -> QuerySet[Pilot]:
    qs = pilot_policy.queryset(
        user, base=Pilot.objects.select_related("city", "organisation", "provider")
    )
    if search:
        qs = qs.filter(Q(title__icontains=search) | Q(solution_name__icontains=search))
    if city:
        qs = qs.filter(city__slug=city)
    return qs


def pilots_of_process(*, user: User | AnonymousUser, process: Process) -> QuerySet[Pilot]:
    return pilot_list(user=user).filter(process=process)


def pilot_get(*, slug: str) -> Pilot | None:
    return (
        Pilot.objects.select_related(
            "city", "organisation", "provider", "challenge", "procurement", "contract", "process"
        )
        .filter(slug=slug)
        .first()
    )


def pilot_visible(*, user: User | AnonymousUser, slug: str) -> Pilot | None:
    """The pilot if it exists and `user` may see it."""
    pilot = pilot_get(slug=slug)
    return pilot if pilot_policy.allows(user, pilot) else None


def kpi_of(*, pilot: Pilot, pk: object = None, name: str = "") -> KPI | None:
    """One of the pilot's KPIs, by id (a form) or by name (the API)."""
    if name:
        return pilot.kpis.filter(name=name).first()
    try:
        return pilot.kpis.filter(pk=int(str(pk))).first()
    except ValueError:
        return None


def milestones(*, pilot: Pilot) -> QuerySet[Milestone]:
    return pilot.milestones.all()


def milestone_of(*, pilot: Pilot, pk: int) -> Milestone | None:
    return pilot.milestones.filter(pk=pk).first()


def impact_assessment(*, pilot: Pilot) -> ImpactAssessment | None:
    return ImpactAssessment.objects.filter(pilot=pilot).first()


@dataclass
class KpiView:
    kpi: KPI
    measurements: list[Measurement]
    latest: Decimal | None
    progress: Decimal | None  # 0–1 from baseline to target

    @property
    def progress_pct(self) -> int | None:
        if self.progress is None:
            return None
        return max(0, min(100, round(float(self.progress) * 100)))


def kpi_views(*, pilot: Pilot, user: User | AnonymousUser | None = None) -> list[KpiView]:
    """The pilot's KPIs with their measurements, latest value and progress to the target (those
    `user` may see; without a user, the system's read of what anyone may see)."""
    out = []
    measurements = measurement_policy.queryset(user, base=Measurement.objects.all())
    kpis = kpi_policy.queryset(user, base=pilot.kpis.all()).prefetch_related(
        Prefetch("measurements", queryset=measurements)
    )
    for kpi in kpis:
        ms = list(kpi.measurements.all())
        latest = ms[-1].value if ms else None
        out.append(
            KpiView(
                kpi,
                ms,
                latest,
                calc.kpi_progress(baseline=kpi.baseline, target=kpi.target, latest=latest),
            )
        )
    return out


def _plain(value: Decimal) -> str:
    return format(value.normalize(), "f")


def kpi_chart(view: KpiView) -> dict[str, Any]:
    """KPI against its target and baseline over time (Vega-Lite via Altair)."""
    import altair as alt
    import pandas as pd

    kpi = view.kpi
    data = pd.DataFrame(
        [{"date": m.date.isoformat(), "value": float(m.value)} for m in view.measurements]
        or [{"date": None, "value": None}]
    )
    refs = pd.DataFrame(
        [
            {"label": _("target"), "value": float(kpi.target)},
            {"label": _("baseline"), "value": float(kpi.baseline)},
        ]
    )
    line = (
        alt.Chart(data)
        .mark_line(point=True)
        .encode(
            x=alt.X("date:T", title=_("Date")),
            y=alt.Y("value:Q", title=f"{kpi.name} ({kpi.unit})", scale=alt.Scale(zero=False)),
            tooltip=[
                alt.Tooltip("date:T", title=_("date")),
                alt.Tooltip("value:Q", title=_("value")),
            ],
        )
    )
    rules_ = (
        alt.Chart(refs)
        .mark_rule(strokeDash=[6, 4])
        .encode(
            y="value:Q",
            color=alt.Color(
                "label:N",
                title="",
                scale=alt.Scale(domain=[_("target"), _("baseline")], range=["#1b7f3b", "#6b7680"]),
            ),
        )
    )
    chart = (line + rules_).properties(
        width="container",
        height=220,
        title=_("%(kpi)s: measured against the target") % {"kpi": kpi.name},
        description=ngettext(
            "%(kpi)s in %(unit)s: baseline %(baseline)s, target %(target)s, %(n)s measurement",
            "%(kpi)s in %(unit)s: baseline %(baseline)s, target %(target)s, %(n)s measurements",
            len(view.measurements),
        )
        % {
            "kpi": kpi.name,
            "unit": kpi.unit,
            "baseline": _plain(kpi.baseline),
            "target": _plain(kpi.target),
            "n": len(view.measurements),
        },
    )
    return localised(chart.to_dict())


@dataclass
class ImpactView:
    assessment: ImpactAssessment
    money: calc.Money | None
    handprint: calc.Handprint | None


def impact_view(*, pilot: Pilot) -> ImpactView | None:
    ia = impact_assessment(pilot=pilot)
    if ia is None:
        return None
    money = calc.money(
        investment=ia.investment_eur,
        annual_savings=ia.annual_savings_eur,
        annual_operating_cost=ia.annual_operating_cost_eur,
        horizon_years=ia.horizon_years,
    )
    hp = None
    if ia.units_per_year and ia.baseline_kg_per_unit:
        hp = calc.handprint(
            baseline_per_unit_kg=ia.baseline_kg_per_unit,
            solution_per_unit_kg=ia.solution_kg_per_unit,
            units_per_year=ia.units_per_year,
            share=ia.share,
        )
    return ImpactView(ia, money, hp)
