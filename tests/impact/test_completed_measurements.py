"""A completed pilot's measurements are final (QA finding 5): what its review judged does not
change afterwards. Recording or importing values is refused with a clear message naming the
status; reopening the pilot (status Running) allows it again."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from tests.conftest import World, api
from urbanforum.impact import services
from urbanforum.impact.models import Measurement, Pilot
from urbanforum.impact.schemas import MeasurementInput, PilotEditIn

pytestmark = pytest.mark.django_db

CSV = "kpi,date,value\nEnergy use,2026-02-01,70\n"


@pytest.fixture
def completed(world: World, pilot: Pilot) -> Pilot:
    services.measurement_add(
        actor=world.users["editor"],
        kpi=pilot.kpis.get(),
        data=MeasurementInput(date=date(2026, 1, 1), value=Decimal(90)),
    )
    return services.pilot_complete(actor=world.users["editor"], pilot=pilot)


def test_measurements_of_a_completed_pilot_are_refused(
    world: World, completed: Pilot, unchanged: Any
) -> None:
    editor = world.users["editor"]
    kpi = completed.kpis.get()
    for value_date in (date(2026, 1, 1), date(2026, 2, 1)):  # changed, new
        with pytest.raises(ValidationError) as exc:
            unchanged(
                lambda d=value_date: services.measurement_add(
                    actor=editor, kpi=kpi, data=MeasurementInput(date=d, value=Decimal(50))
                )
            )
        assert "The pilot is completed" in exc.value.message_dict["status"][0]
    with pytest.raises(ValidationError) as exc:
        unchanged(lambda: services.measurements_import(actor=editor, pilot=completed, text=CSV))
    assert "status" in exc.value.message_dict


def test_pages_and_api_refuse_and_say_why(world: World, completed: Pilot) -> None:
    client = world.client("editor")
    kpi = completed.kpis.get()
    page = client.get(f"/impact/{completed.slug}/").content.decode()
    assert 'data-testid="measurements-locked"' in page
    assert f'action="/impact/{completed.slug}/measurements/' not in page  # no form to record
    done = client.post(
        f"/impact/{completed.slug}/measurements/",
        {"kpi": kpi.pk, "date": "2026-02-01", "value": "112.5"},
        follow=True,
    ).content.decode()
    assert "Status: The pilot is completed" in done
    response = api(
        client,
        "POST",
        f"/api/v1/pilots/{completed.slug}/measurements/import",
        {"csv": CSV},
    )
    assert response.status_code in (400, 422), response.content
    assert {e["field"] for e in response.json()["errors"]} == {"status"}
    assert list(Measurement.objects.values_list("value", flat=True)) == [Decimal(90)]


def test_reopening_allows_measurements_again(world: World, completed: Pilot) -> None:
    editor = world.users["editor"]
    services.pilot_edit(actor=editor, pilot=completed, data=PilotEditIn(status="running"))
    assert services.measurements_import(actor=editor, pilot=completed, text=CSV) == 1
