"""Reads for indicator data: the catalogue, observations, frameworks (also as the engine's
framework mapping / YAML) and the city × indicator table a benchmark run is built from."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd
import yaml
from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Max, Min, Q, QuerySet

from urbanforum.accounts.models import User
from urbanforum.indicators import frameworks
from urbanforum.indicators.models import (
    Framework,
    FrameworkNode,
    ImportBatch,
    Indicator,
    Observation,
)
from urbanforum.indicators.policies import import_batches


@dataclass(frozen=True)
class ObservationFilters:
    indicator: str = ""
    city: str = ""  # Eurostat code or slug
    year: int | None = None
    year_from: int | None = None
    year_to: int | None = None
    country: str = ""


@dataclass(frozen=True)
class IndicatorFilters:
    search: str = ""
    theme: str = ""


@dataclass(frozen=True)
class ImportFilters:
    """The import list has no filters yet: every batch the viewer may see."""


def indicator_list(*, filters: IndicatorFilters) -> QuerySet[Indicator]:
    qs = Indicator.objects.annotate(
        n_observations=Count("observations"),
        first_year=Min("observations__year"),
        last_year=Max("observations__year"),
    )
    if filters.search:
        qs = qs.filter(Q(code__icontains=filters.search) | Q(name__icontains=filters.search))
    if filters.theme:
        qs = qs.filter(theme=filters.theme)
    return qs.order_by("theme", "code")


def indicator_get(*, code: str) -> Indicator | None:
    return Indicator.objects.filter(code=code).first()


def observation_list(*, filters: ObservationFilters) -> QuerySet[Observation]:
    qs = Observation.objects.select_related("city", "indicator")
    if filters.indicator:
        qs = qs.filter(indicator__code=filters.indicator)
    if filters.city:
        qs = qs.filter(Q(city__eurostat_code__iexact=filters.city) | Q(city__slug=filters.city))
    if filters.year is not None:
        qs = qs.filter(year=filters.year)
    if filters.year_from is not None:
        qs = qs.filter(year__gte=filters.year_from)
    if filters.year_to is not None:
        qs = qs.filter(year__lte=filters.year_to)
    if filters.country:
        qs = qs.filter(city__country=filters.country.upper())
    return qs.order_by("indicator__code", "city__name", "-year")


def framework_list() -> QuerySet[Framework]:
    return Framework.objects.annotate(n_nodes=Count("nodes")).order_by("name")


def framework_get(*, code: str) -> Framework | None:
    return Framework.objects.filter(code=code).first()


def framework_nodes(*, framework: Framework) -> list[FrameworkNode]:
    return list(
        framework.nodes.select_related("indicator", "denominator", "parent").order_by(
            "position", "code"
        )
    )


def framework_tree(*, framework: Framework) -> list[dict[str, Any]]:
    """Nodes depth-first with their depth, for an indented outline."""
    nodes = framework_nodes(framework=framework)
    kids: dict[int | None, list[FrameworkNode]] = {}
    for n in nodes:
        kids.setdefault(n.parent_id, []).append(n)
    out: list[dict[str, Any]] = []

    def walk(parent: int | None, depth: int) -> None:
        for n in kids.get(parent, []):
            out.append({"node": n, "depth": depth, "is_leaf": n.pk not in kids})
            walk(n.pk, depth + 1)

    walk(None, 0)
    return out


def framework_definition(*, framework: Framework) -> dict[str, Any]:
    """The framework as the engine's mapping (docs/index-cli.md), through the one conversion
    (`indicators.frameworks`): data columns named by node code (leaves) and indicator code
    (denominators); `unit_column` is the city's Eurostat code or id."""
    return frameworks.engine_mapping(framework)


def framework_yaml(*, framework: Framework) -> str:
    return yaml.safe_dump(
        framework_definition(framework=framework), sort_keys=False, allow_unicode=True
    )


def framework_inputs(*, framework: Framework) -> dict[str, str]:
    """Data column → indicator code: each leaf's node code and each denominator."""
    cols: dict[str, str] = {}
    nodes = framework_nodes(framework=framework)
    parents = {n.parent_id for n in nodes}
    for n in nodes:
        if n.indicator_id and n.indicator and n.pk not in parents:
            cols[n.code] = n.indicator.code
        if n.denominator_id and n.denominator:
            cols[n.denominator.code] = n.denominator.code
    return cols


def latest_values(
    *, indicator_codes: list[str], city_ids: list[int] | None, year: int, window: int
) -> pd.DataFrame:
    """Per city and indicator the latest value in (year − window, year]: columns city_id,
    indicator, year, value, flags."""
    qs = Observation.objects.filter(
        indicator__code__in=indicator_codes, year__lte=year, year__gt=year - window
    )
    if city_ids is not None:
        qs = qs.filter(city_id__in=city_ids)
    rows = list(qs.values_list("city_id", "indicator__code", "year", "value", "flags"))
    df = pd.DataFrame(rows, columns=["city_id", "indicator", "year", "value", "flags"])
    if df.empty:
        return df
    df = df.sort_values("year").drop_duplicates(["city_id", "indicator"], keep="last")
    return df.reset_index(drop=True)


def import_batch_list(*, viewer: User | AnonymousUser) -> QuerySet[ImportBatch]:
    """The batches `viewer` may see (indicators.policies), newest first."""
    return (
        import_batches.queryset(viewer)
        .select_related("created_by")
        .defer("content")
        .order_by("-created_at")
    )


def import_batch_get(*, pk: int) -> ImportBatch | None:
    """A batch whoever may see it or not (the view answers 403, not 404, to the others)."""
    return ImportBatch.objects.select_related("created_by").filter(pk=pk).first()


def data_coverage() -> dict[str, int]:
    return {
        "indicators": Indicator.objects.count(),
        "observations": Observation.objects.count(),
        "cities": Observation.objects.values("city").distinct().count(),
    }
