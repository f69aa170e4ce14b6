"""Which benchmark runs a person may see, written once (core.policies).

Runs are built on published statistics: everyone, anonymous people included, sees every run,
its results and its CSV. The rule is still written here, once, so that every read of runs
(pages, the API, the city-profile section) goes through it and a future restriction (e.g.
private peer groups) changes one function.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from urbanforum.benchmark.models import BenchmarkRun
from urbanforum.core.policies import EVERYTHING, VisibilityPolicy


class RunPolicy(VisibilityPolicy[BenchmarkRun]):
    model = BenchmarkRun

    def rule(self, user: Any) -> Q:
        return EVERYTHING


runs = RunPolicy()
