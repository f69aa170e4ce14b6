from __future__ import annotations

from datetime import date

import pytest

from tests.conftest import World
from urbanforum.impact import services
from urbanforum.impact.models import Pilot
from urbanforum.impact.schemas import KpiInput, PilotInput


@pytest.fixture
def pilot(world: World) -> Pilot:
    p = services.pilot_create(
        actor=world.users["editor"],
        organisation=world.org,
        data=PilotInput(
            title="Smart lighting pilot",
            solution_name="Dimmable LED controllers",
            start_date=date(2026, 1, 1),
            end_date=date(2026, 12, 31),
            budget_eur=120000,
        ),
    )
    services.kpi_add(
        actor=world.users["editor"],
        pilot=p,
        data=KpiInput(
            name="Energy use", unit="MWh/month", baseline=100, target=60, direction="decrease"
        ),
    )
    return p
