"""What cities did together: joint procurements (the procurement app's public OCDS release
package), pilots with their KPIs and measured impact, and events as an iCalendar feed — each read
through its app's policy as an anonymous visitor."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from urbanforum.community import ics
from urbanforum.community.models import Event
from urbanforum.community.policies import event_policy
from urbanforum.impact import selectors as impact_selectors
from urbanforum.opendata.sources import ANONYMOUS, Extent
from urbanforum.opendata.tables import DATE, INTEGER, NUMBER, STRING, Column, Table
from urbanforum.procurement import ocds
from urbanforum.procurement import selectors as procurement_selectors


def procurements(*, uri: str) -> tuple[dict[str, Any], Extent]:
    """The OCDS release package of what the public may see (`procurement.selectors.exportable`:
    no drafts; bid content is never part of a release). The package's `uri` is the file's download
    URL and its `publishedDate` the newest release's date, so the same data gives the same bytes."""
    extent = Extent()
    items = list(
        procurement_selectors.exportable().prefetch_related("participants__city", "participants")
    )
    for p in items:
        extent.rows += 1
        extent.saw(created=p.created_at, updated=p.updated_at)
        extent.saw(start=p.created_at.date(), end=p.bid_deadline.date() if p.bid_deadline else None)
        for pt in p.participants.all():
            extent.countries.add(pt.city.country)
    package = ocds.build_package(items, uri=uri)
    dates = sorted(r["date"] for r in package["releases"] if r.get("date"))
    package["publishedDate"] = dates[-1] if dates else "1970-01-01T00:00:00Z"
    return package, extent


def _num(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


PILOT_COLUMNS = [
    Column("pilot", STRING, _("The pilot's identifier on this site.")),
    Column("url", STRING, _("The pilot's page on this site.")),
    Column("title", STRING, _("Title.")),
    Column("city", STRING, _("The city running the pilot (slug in the city registry dataset).")),
    Column("country", STRING, _("ISO 3166-1 alpha-2 country code of the city.")),
    Column("solution", STRING, _("The solution piloted.")),
    Column("status", STRING, _("planned, running or finished.")),
    Column("start_date", DATE, _("The pilot's start.")),
    Column("end_date", DATE, _("The pilot's end.")),
    Column("kpi", STRING, _("The KPI's name (empty when the pilot has no KPI yet).")),
    Column("unit", STRING, _("The KPI's unit.")),
    Column("direction", STRING, _("increase or decrease: which way is better.")),
    Column("baseline", NUMBER, _("The KPI's baseline.")),
    Column("target", NUMBER, _("The KPI's target.")),
    Column("latest", NUMBER, _("The latest measured value.")),
    Column("latest_date", DATE, _("The date of the latest measurement.")),
    Column("measurements", INTEGER, _("How many measurements there are.")),
    Column("progress", NUMBER, _("Progress from the baseline to the target (0–1).")),
    Column("roi", NUMBER, _("Return on investment over the horizon (impact assessment).")),
    Column("payback_years", NUMBER, _("Years until the investment pays back.")),
    Column(
        "handprint_t_per_year", NUMBER, _("Carbon handprint, t CO2e a year (this city's share).")
    ),
    Column("data_quality", STRING, _("measured, modelled or estimated (impact assessment).")),
]


def pilots(site: str) -> tuple[Table, list[dict[str, Any]], Extent]:
    """One CSV row per KPI, and the full record (measurements, impact) per pilot as JSON."""
    extent = Extent()
    table = Table(PILOT_COLUMNS)
    documents: list[dict[str, Any]] = []
    for p in impact_selectors.pilot_list(user=ANONYMOUS).order_by("slug"):
        extent.rows += 1
        extent.saw(
            created=p.created_at,
            updated=p.updated_at,
            start=p.start_date,
            end=p.end_date,
            country=p.city.country,
        )
        impact = impact_selectors.impact_view(pilot=p)
        if impact is not None:
            extent.saw(updated=impact.assessment.updated_at)
        kpis = impact_selectors.kpi_views(pilot=p, user=ANONYMOUS)
        base = {
            "pilot": p.slug,
            "url": site + reverse("impact:detail", args=[p.slug]),
            "title": p.title,
            "city": p.city.slug,
            "country": p.city.country,
            "solution": p.solution_name,
            "status": p.status,
            "start_date": p.start_date.isoformat(),
            "end_date": p.end_date.isoformat(),
        }
        money = impact.money if impact else None
        handprint = impact.handprint if impact else None
        effect = {
            "roi": _num(money.roi) if money else None,
            "payback_years": _num(money.payback_years) if money else None,
            "handprint_t_per_year": _num(handprint.attributed_annual_t) if handprint else None,
            "data_quality": impact.assessment.data_quality if impact else "",
        }
        for view in kpis:
            last = view.measurements[-1] if view.measurements else None
            table.rows.append(
                {
                    **base,
                    "kpi": view.kpi.name,
                    "unit": view.kpi.unit,
                    "direction": view.kpi.direction,
                    "baseline": _num(view.kpi.baseline),
                    "target": _num(view.kpi.target),
                    "latest": _num(view.latest),
                    "latest_date": last.date.isoformat() if last else None,
                    "measurements": len(view.measurements),
                    "progress": _num(view.progress),
                    **effect,
                }
            )
        if not kpis:
            table.rows.append({**base, **effect})
        documents.append(
            {
                **base,
                "description": p.description,
                "kpis": [
                    {
                        "name": v.kpi.name,
                        "unit": v.kpi.unit,
                        "direction": v.kpi.direction,
                        "baseline": _num(v.kpi.baseline),
                        "target": _num(v.kpi.target),
                        "progress": _num(v.progress),
                        "measurements": [
                            {"date": m.date.isoformat(), "value": _num(m.value), "note": m.note}
                            for m in v.measurements
                        ],
                    }
                    for v in kpis
                ],
                "impact": _impact(impact),
            }
        )
    return table, documents, extent


def _impact(view: impact_selectors.ImpactView | None) -> dict[str, Any] | None:
    if view is None:
        return None
    a = view.assessment
    out: dict[str, Any] = {
        "investment_eur": _num(a.investment_eur),
        "annual_savings_eur": _num(a.annual_savings_eur),
        "annual_operating_cost_eur": _num(a.annual_operating_cost_eur),
        "horizon_years": a.horizon_years,
        "functional_unit": a.functional_unit,
        "baseline_description": a.baseline_description,
        "baseline_kg_per_unit": _num(a.baseline_kg_per_unit),
        "solution_kg_per_unit": _num(a.solution_kg_per_unit),
        "units_per_year": _num(a.units_per_year),
        "share": _num(a.share),
        "reference_year": a.reference_year,
        "system_boundary": a.system_boundary,
        "data_sources": a.data_sources,
        "data_quality": a.data_quality,
        "assumptions": a.assumptions,
    }
    if view.money:
        out["roi"] = _num(view.money.roi)
        out["payback_years"] = _num(view.money.payback_years)
        out["annual_net_saving_eur"] = _num(view.money.annual_net_saving)
    if view.handprint:
        out["handprint"] = {
            "per_unit_kg": _num(view.handprint.per_unit_kg),
            "annual_t": _num(view.handprint.annual_t),
            "relative_reduction": _num(view.handprint.relative_reduction),
            "attributed_annual_t": _num(view.handprint.attributed_annual_t),
        }
    return out


def events(site: str, *, host: str) -> tuple[str, Extent]:
    """Every event an anonymous visitor may see (community.policies), as one iCalendar feed
    written by community's own iCalendar code."""
    extent = Extent()
    items: list[tuple[Event, str]] = []
    qs = event_policy.queryset(ANONYMOUS).select_related("organiser").order_by("starts_at", "pk")
    for e in qs:
        extent.rows += 1
        extent.saw(
            created=e.created_at,
            updated=e.updated_at,
            start=e.starts_at.date(),
            end=e.ends_at.date(),
        )
        items.append((e, site + reverse("community:event_detail", args=[e.slug])))
    return ics.calendar(items, name="urbanforum events", host=host), extent
