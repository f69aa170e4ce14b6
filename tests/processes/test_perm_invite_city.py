"""processes.invite_city: the lead city (editors, admins) and coordinators, while the active phase is
Starting or Intervention; nobody before/after."""

from __future__ import annotations

from typing import Any

import pytest

from tests.processes.conftest import ROLES, ProcessWorld
from tests.processes.matrix import FINISHED, expect, move_to, refused_everywhere, run
from urbanforum.accounts.models import Organisation, OrganisationKind
from urbanforum.processes.models import ProcessInvitation

OPEN = expect({"editor", "admin", "coordinator"}, 201)
TABLE = {
    "starting": OPEN,
    "intervention": OPEN,
    "action": refused_everywhere(),
    "evaluation": refused_everywhere(),
    FINISHED: refused_everywhere(),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("phase", list(TABLE))
def test_invite_city(pworld: ProcessWorld, unchanged: Any, phase: str, role: str) -> None:
    Organisation.objects.create(name="City of Vilnius", kind=OrganisationKind.CITY_ADMINISTRATION)
    move_to(pworld, phase)
    expected = TABLE[phase][role]
    run(
        pworld,
        unchanged,
        role=role,
        expected=expected,
        method="POST",
        url=f"/api/v1/processes/{pworld.process.slug}/invitations",
        data={"organisation": "city-of-vilnius"},
    )
    assert ProcessInvitation.objects.filter(process=pworld.process).exists() == (expected == 201)


@pytest.mark.parametrize("role", ROLES)
def test_invite_city_page(pworld: ProcessWorld, unchanged: Any, role: str) -> None:
    org = Organisation.objects.create(
        name="City of Vilnius", kind=OrganisationKind.CITY_ADMINISTRATION
    )
    expected = expect({"editor", "admin", "coordinator"}, 302, anonymous=302)[role]
    run(
        pworld,
        unchanged,
        role=role,
        expected=expected,
        method="POST",
        url=f"/processes/{pworld.process.slug}/invite/",
        data={"invite-organisation": org.pk, "invite-role": "partner"},
        json=False,
    )
    assert ProcessInvitation.objects.filter(process=pworld.process).exists() == (
        role in {"editor", "admin", "coordinator"}
    )
