"""processes.change_process on a phase's planned dates (page and API twin): the lead city (editor,
admin) and coordinators re-plan a phase not yet completed; nobody changes a completed phase."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tests.conftest import api
from tests.processes.conftest import ROLES, ProcessWorld
from tests.processes.matrix import expect, run
from urbanforum.processes.models import Phase

API = expect({"editor", "admin", "coordinator"}, 200)
# The page: anonymous people are sent to log in; the process is members-only, so people who do
# not take part get 403 like every other page of it.
PAGE = {**expect({"editor", "admin", "coordinator"}, 302), "anonymous": 302}
NEW = {"starts_on": "2027-01-04", "ends_on": "2027-02-26"}


def _upcoming(pworld: ProcessWorld) -> Phase:
    return pworld.process.phases.get(phase_type="action")


@pytest.mark.parametrize("role", ROLES)
def test_api_set_phase_dates(pworld: ProcessWorld, unchanged: Any, role: str) -> None:
    phase = _upcoming(pworld)
    response = run(
        pworld,
        unchanged,
        role=role,
        expected=API[role],
        method="PATCH",
        url=f"/api/v1/processes/{pworld.process.slug}/phases/{phase.pk}",
        data=NEW,
    )
    phase.refresh_from_db()
    if API[role] == 200:
        assert (phase.starts_on, phase.ends_on) == (date(2027, 1, 4), date(2027, 2, 26))
        row = next(p for p in response.json()["phases"] if p["id"] == phase.pk)
        assert row["starts_on"] == "2027-01-04"
    else:
        assert phase.starts_on != date(2027, 1, 4)


@pytest.mark.parametrize("role", ROLES)
def test_page_set_phase_dates(pworld: ProcessWorld, unchanged: Any, role: str) -> None:
    phase = _upcoming(pworld)
    url = f"/processes/{pworld.process.slug}/phases/{phase.pk}/dates/"
    if PAGE[role] == 302 and role != "anonymous":
        assert pworld.client(role).get(url).status_code == 200
    response = run(
        pworld,
        unchanged,
        role=role,
        expected=PAGE[role],
        method="POST",
        url=url,
        data=NEW,
        json=False,
    )
    phase.refresh_from_db()
    if role == "anonymous":
        assert "/accounts/login/" in response["Location"]
    assert (phase.starts_on == date(2027, 1, 4)) == (role in {"editor", "admin", "coordinator"})


def test_the_page_keeps_input_and_names_the_field_on_error(pworld: ProcessWorld) -> None:
    phase = _upcoming(pworld)
    url = f"/processes/{pworld.process.slug}/phases/{phase.pk}/dates/"
    before = (phase.starts_on, phase.ends_on)
    page = pworld.client("editor").post(url, {"starts_on": "2027-03-01", "ends_on": "2027-02-01"})
    assert page.status_code == 200
    assert "2027-03-01" in page.content.decode()  # what the user typed stays
    assert "The phase ends before it starts." in page.content.decode()
    phase.refresh_from_db()
    assert (phase.starts_on, phase.ends_on) == before


def test_a_completed_phase_keeps_its_dates(pworld: ProcessWorld, unchanged: Any) -> None:
    pworld.advance_to("intervention")
    done = pworld.process.phases.get(phase_type="starting")
    response = unchanged(
        lambda: api(
            pworld.client("coordinator"),
            "PATCH",
            f"/api/v1/processes/{pworld.process.slug}/phases/{done.pk}",
            NEW,
        )
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "starts_on"


def test_the_detail_page_links_to_the_dates_for_the_lead_only(pworld: ProcessWorld) -> None:
    link = f"/processes/{pworld.process.slug}/phases/{_upcoming(pworld).pk}/dates/"
    assert (
        link in pworld.client("editor").get(f"/processes/{pworld.process.slug}/").content.decode()
    )
    assert (
        link
        not in pworld.client("member").get(f"/processes/{pworld.process.slug}/").content.decode()
    )
