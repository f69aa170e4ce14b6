"""Reads for benchmark runs, one place for the dashboard, the API and other apps:

- `runs`: which runs (through the policy), the dashboard's choice, a run's peer group and the
  city × indicator table it is built from;
- `results`: rankings, a city's profile, "why this score", distributions, map points, CSV, and
  `latest_characteristic_scores` (the hook matching and community use);
- `dashboard`: the dashboard page's ranking and city panel, composed from the two.
"""

from urbanforum.benchmark.selectors.coverage import (
    group_size,
    indicator_coverage,
    is_small_group,
    left_out,
    run_report,
)
from urbanforum.benchmark.selectors.results import (
    children_of,
    city_scores,
    contributions,
    distribution,
    latest_characteristic_scores,
    map_points,
    node_names,
    profile,
    ranking,
    root_code,
    run_csv,
    run_source,
    scored_count,
    strengths_weaknesses,
)
from urbanforum.benchmark.selectors.runs import (
    DashboardChoice,
    RunFilters,
    RunInput,
    cities_of,
    dashboard_run,
    interval_run,
    latest_run,
    official_run,
    peer_cities,
    peer_queryset,
    public_run,
    run_get,
    run_input,
    run_list,
    run_years,
)

__all__ = [
    "DashboardChoice",
    "RunFilters",
    "RunInput",
    "children_of",
    "cities_of",
    "city_scores",
    "contributions",
    "dashboard_run",
    "distribution",
    "group_size",
    "indicator_coverage",
    "interval_run",
    "is_small_group",
    "latest_characteristic_scores",
    "latest_run",
    "left_out",
    "map_points",
    "node_names",
    "official_run",
    "peer_cities",
    "peer_queryset",
    "profile",
    "public_run",
    "ranking",
    "root_code",
    "run_csv",
    "run_get",
    "run_input",
    "run_list",
    "run_report",
    "run_source",
    "run_years",
    "scored_count",
    "strengths_weaknesses",
]
