"""Who may see pilots and what was measured in them, each rule written once (`core.policies`).

Pilots are public: cities learn from each other's pilots, so everyone sees every pilot, its KPIs
and their measurements. The rule lives here once; lists, the API and the page read through it, and
a KPI or a measurement is visible exactly when its pilot is.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from urbanforum.core.policies import EVERYTHING, VisibilityPolicy
from urbanforum.impact.models import KPI, Measurement, Pilot


class PilotPolicy(VisibilityPolicy[Pilot]):
    model = Pilot

    def rule(self, user: Any) -> Q:
        return EVERYTHING


class KpiPolicy(VisibilityPolicy[KPI]):
    model = KPI

    def rule(self, user: Any) -> Q:
        if pilot_policy.rule(user) == EVERYTHING:
            return EVERYTHING
        return Q(pilot_id__in=pilot_policy.queryset(user).values("pk"))


class MeasurementPolicy(VisibilityPolicy[Measurement]):
    model = Measurement

    def rule(self, user: Any) -> Q:
        if pilot_policy.rule(user) == EVERYTHING:
            return EVERYTHING
        return Q(kpi__pilot_id__in=pilot_policy.queryset(user).values("pk"))


pilot_policy = PilotPolicy()
kpi_policy = KpiPolicy()
measurement_policy = MeasurementPolicy()
