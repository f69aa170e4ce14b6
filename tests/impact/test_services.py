from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from tests.conftest import World
from urbanforum.impact import selectors, services
from urbanforum.impact.models import Measurement, Pilot
from urbanforum.impact.schemas import ImpactInput, MeasurementInput, PilotInput

pytestmark = pytest.mark.django_db


def test_csv_import_all_or_nothing_with_row_errors(
    pilot: Pilot, world: World, unchanged: Any
) -> None:
    bad = "kpi,date,value\nEnergy use,2026-02-01,90\nWater,2026-02-01,1\nEnergy use,2026-13-01,80\nEnergy use,2026-03-01,abc\n"
    with pytest.raises(ValidationError) as exc:
        unchanged(
            lambda: services.measurements_import(actor=world.users["editor"], pilot=pilot, text=bad)
        )
    assert exc.value.message_dict["file"] == [
        "Row 3: unknown KPI “Water” (known: Energy use).",
        "Row 4: “2026-13-01” is not a date (YYYY-MM-DD).",
        "Row 5: “abc” is not a number.",
    ]
    good = (
        "kpi,date,value,note\nEnergy use,2026-02-01,90,\nenergy use,2026-03-01,80,after dimming\n"
    )
    assert services.measurements_import(actor=world.users["editor"], pilot=pilot, text=good) == 2
    assert list(Measurement.objects.values_list("value", flat=True)) == [
        Decimal("90.0000"),
        Decimal("80.0000"),
    ]
    [view] = selectors.kpi_views(pilot=pilot)
    assert view.progress == Decimal("0.5") and view.progress_pct == 50


def test_missing_column_is_named(pilot: Pilot, world: World) -> None:
    with pytest.raises(ValidationError) as exc:
        services.measurements_import(
            actor=world.users["editor"], pilot=pilot, text="kpi,when,value\n"
        )
    assert "missing: date" in exc.value.message_dict["file"][0]


def test_chart_spec(pilot: Pilot, world: World) -> None:
    kpi = pilot.kpis.get()
    services.measurement_add(
        actor=world.users["editor"], kpi=kpi, data=MeasurementInput(date=date(2026, 2, 1), value=90)
    )
    spec = selectors.kpi_chart(selectors.kpi_views(pilot=pilot)[0])
    assert spec["$schema"].startswith("https://vega.github.io/schema/vega-lite/")
    assert "baseline 100" in spec["description"] and "target 60" in spec["description"]


def test_impact_no_double_counting(world: World, pilot: Pilot) -> None:
    from unittest.mock import patch

    from tests.procurement.conftest import T0, Clock, build_tender

    # The tender's deadlines are dated from T0: procurement refuses deadlines in the past, so
    # it is built at T0 on the procurement clock.
    with patch("urbanforum.procurement.clock.now", Clock(T0)):
        t = build_tender(world, Clock(T0), publish=False)
    other = services.pilot_create(
        actor=world.users["other"],
        organisation=world.other_org,
        data=PilotInput(
            title="Tallinn lights",
            solution_name="LED",
            start_date=date(2026, 1, 1),
            end_date=date(2026, 6, 1),
        ),
        procurement=t.procurement,
    )
    services.pilot_update(actor=world.users["editor"], pilot=pilot, procurement=t.procurement)
    services.impact_set(
        actor=world.users["editor"],
        pilot=pilot,
        data=ImpactInput(
            share=Decimal("0.6"), baseline_kg_per_unit=Decimal(1), units_per_year=Decimal(10)
        ),
    )
    with pytest.raises(ValidationError) as exc:
        services.impact_set(
            actor=world.users["other"], pilot=other, data=ImpactInput(share=Decimal("0.5"))
        )
    assert "share" in exc.value.message_dict
    services.impact_set(
        actor=world.users["other"], pilot=other, data=ImpactInput(share=Decimal("0.4"))
    )
    iv = selectors.impact_view(pilot=pilot)
    assert (
        iv is not None
        and iv.handprint is not None
        and iv.handprint.attributed_annual_t == Decimal("0.006")
    )
