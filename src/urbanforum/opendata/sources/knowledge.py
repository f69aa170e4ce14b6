"""The knowledge base: good practices, public challenges and solutions' public descriptions, each
read through its app's visibility policy as an anonymous visitor (published practices and
solutions; public, non-draft challenges)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from urbanforum.challenges.models import Challenge
from urbanforum.challenges.policies import challenge_policy
from urbanforum.marketplace.models import Solution
from urbanforum.marketplace.policies import solution_policy
from urbanforum.opendata.sources import ANONYMOUS, Extent, year_end, year_start
from urbanforum.opendata.tables import BOOLEAN, DATE, INTEGER, JSON, STRING, Column, Table
from urbanforum.practices.models import GoodPractice
from urbanforum.practices.policies import practice_policy

ID = Column("slug", STRING, _("The record's identifier on this site."))
URL = Column("url", STRING, _("The record's page on this site."))
ILLUSTRATIVE = Column(
    "illustrative", BOOLEAN, _("true when the record contains illustrative (inferred) facts.")
)
DOMAINS = Column("domains", JSON, _("Smart-city domains (a JSON list of codes)."))
SDGS = Column("sdgs", JSON, _("UN Sustainable Development Goals (a JSON list of numbers)."))
UPDATED = Column("updated", DATE, _("The day the record last changed."))

PRACTICE_COLUMNS = [
    ID,
    URL,
    Column("title", STRING, _("Title.")),
    Column("city", STRING, _("The city that did it (slug in the city registry dataset).")),
    Column("country", STRING, _("ISO 3166-1 alpha-2 country code of the city.")),
    Column("partner_cities", JSON, _("Partner cities (a JSON list of slugs).")),
    Column("year_start", INTEGER, _("The year it started.")),
    Column("year_end", INTEGER, _("The year it ended.")),
    DOMAINS,
    SDGS,
    Column("summary", STRING, _("Summary.")),
    Column("problem", STRING, _("The problem addressed.")),
    Column("what_was_done", STRING, _("What was done.")),
    Column("costs", STRING, _("Costs.")),
    Column("results", STRING, _("Results.")),
    Column("kpis", JSON, _("KPIs: a JSON list of {name, unit, baseline, result, year}.")),
    Column("what_worked", STRING, _("What worked.")),
    Column("what_did_not_work", STRING, _("What did not work.")),
    Column("transfer_conditions", STRING, _("Conditions for transferring it to another city.")),
    Column(
        "sources",
        JSON,
        _(
            "Sources: a JSON list of {title, url, publisher, date, supports}; supports names the "
            "fields whose facts the source states. A field no source supports is empty."
        ),
    ),
    Column("language", STRING, _("The language of the text (ISO 639-1).")),
    UPDATED,
]


def practices(site: str) -> tuple[Table, Extent]:
    extent = Extent()
    table = Table(PRACTICE_COLUMNS)
    qs = (
        practice_policy.queryset(ANONYMOUS)
        .select_related("city")
        .prefetch_related("partner_cities")
        .order_by("slug")
    )
    for p in qs:
        extent.rows += 1
        extent.saw(
            created=p.created_at,
            updated=p.updated_at,
            start=year_start(p.year_start),
            end=year_end(p.year_end or p.year_start),
            country=p.city.country,
        )
        table.rows.append(
            {
                "slug": p.slug,
                "url": site + reverse("practices:detail", args=[p.slug]),
                "title": p.title,
                "city": p.city.slug,
                "country": p.city.country,
                "partner_cities": sorted(c.slug for c in p.partner_cities.all()),
                "year_start": p.year_start,
                "year_end": p.year_end,
                "domains": p.domains,
                "sdgs": p.sdgs,
                "summary": p.summary,
                "problem": p.problem,
                "what_was_done": p.what_was_done,
                "costs": p.costs,
                "results": p.results,
                "kpis": p.kpis,
                "what_worked": p.what_worked,
                "what_did_not_work": p.what_did_not_work,
                "transfer_conditions": p.transfer_conditions,
                "sources": p.sources,
                "language": p.language,
                "updated": p.updated_at.date().isoformat(),
            }
        )
    return table, extent


CHALLENGE_COLUMNS = [
    ID,
    URL,
    Column("title", STRING, _("Title.")),
    Column("city", STRING, _("The city that owns the challenge (slug).")),
    Column("country", STRING, _("ISO 3166-1 alpha-2 country code of the city.")),
    Column("shared_with", JSON, _("Other cities sharing the challenge (a JSON list of slugs).")),
    Column("status", STRING, _("open, in progress, solved or closed.")),
    Column("problem_statement", STRING, _("The problem.")),
    Column("context", STRING, _("Context.")),
    Column("baseline", STRING, _("The situation today.")),
    Column("desired_outcomes", STRING, _("Desired outcomes.")),
    Column("constraints", STRING, _("Constraints.")),
    Column("budget_min_eur", INTEGER, _("Budget from (EUR).")),
    Column("budget_max_eur", INTEGER, _("Budget up to (EUR).")),
    Column("timeline", STRING, _("Timeline.")),
    DOMAINS,
    SDGS,
    Column("language", STRING, _("The language of the text (ISO 639-1).")),
    ILLUSTRATIVE,
    UPDATED,
]


def challenges(site: str) -> tuple[Table, Extent]:
    extent = Extent()
    table = Table(CHALLENGE_COLUMNS)
    qs = (
        challenge_policy.queryset(ANONYMOUS)
        .select_related("owner_city")
        .prefetch_related("cities__city")
        .order_by("slug")
    )
    c: Challenge
    for c in qs:
        extent.rows += 1
        extent.saw(created=c.created_at, updated=c.updated_at, country=c.owner_city.country)
        extent.saw(start=c.created_at.date())
        table.rows.append(
            {
                "slug": c.slug,
                "url": site + reverse("challenges:detail", args=[c.slug]),
                "title": c.title,
                "city": c.owner_city.slug,
                "country": c.owner_city.country,
                "shared_with": sorted(
                    cc.city.slug for cc in c.cities.all() if cc.city_id != c.owner_city_id
                ),
                "status": c.status,
                "problem_statement": c.problem_statement,
                "context": c.context,
                "baseline": c.baseline,
                "desired_outcomes": c.desired_outcomes,
                "constraints": c.constraints,
                "budget_min_eur": c.budget_min_eur,
                "budget_max_eur": c.budget_max_eur,
                "timeline": c.timeline,
                "domains": c.domains,
                "sdgs": c.sdgs,
                "language": c.language,
                "illustrative": c.illustrative,
                "updated": c.updated_at.date().isoformat(),
            }
        )
    return table, extent


SOLUTION_COLUMNS = [
    ID,
    URL,
    Column("title", STRING, _("Title.")),
    Column("provider", STRING, _("The provider's name.")),
    Column("provider_country", STRING, _("The provider's country (ISO 3166-1 alpha-2).")),
    Column("description", STRING, _("The public description (Markdown).")),
    Column("maturity", STRING, _("Maturity of the solution.")),
    Column("trl", INTEGER, _("Technology readiness level (1–9).")),
    Column("pricing_model", STRING, _("Pricing model.")),
    Column("standards", JSON, _("Standards and interoperability (a JSON list).")),
    Column("languages", JSON, _("Languages the solution is offered in (a JSON list).")),
    DOMAINS,
    SDGS,
    ILLUSTRATIVE,
    UPDATED,
]


def solutions(site: str) -> tuple[Table, Extent]:
    extent = Extent()
    table = Table(SOLUTION_COLUMNS)
    qs = solution_policy.queryset(ANONYMOUS).select_related("provider").order_by("slug")
    s: Solution
    for s in qs:
        extent.rows += 1
        extent.saw(created=s.created_at, updated=s.updated_at, country=s.provider.country)
        row: dict[str, Any] = {
            "slug": s.slug,
            "url": site + reverse("marketplace:solution_detail", args=[s.slug]),
            "title": s.title,
            "provider": s.provider.name,
            "provider_country": s.provider.country,
            "description": s.description,
            "maturity": s.maturity,
            "trl": s.trl,
            "pricing_model": s.pricing_model,
            "standards": s.standards,
            "languages": s.languages,
            "domains": s.domains,
            "sdgs": s.sdgs,
            "illustrative": s.illustrative,
            "updated": s.updated_at.date().isoformat(),
        }
        table.rows.append(row)
    return table, extent


__all__ = ["GoodPractice", "challenges", "practices", "solutions"]
