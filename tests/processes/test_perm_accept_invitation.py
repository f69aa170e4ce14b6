"""processes.accept_invitation: editors and admins of the invited city's administration, while the
invitation is open. Riga's admin ("other") is invited here."""

from __future__ import annotations

from typing import Any

import pytest

from tests.processes.conftest import ROLES, ProcessWorld
from tests.processes.matrix import expect, run
from urbanforum.accounts.models import Organisation
from urbanforum.processes import services
from urbanforum.processes.models import Participant

ACCEPT = expect({"other"}, 200)


def _invite(pworld: ProcessWorld) -> Any:
    riga = Organisation.objects.get(name="Riga")
    return services.process_invite(
        actor=pworld.users["editor"],  # type: ignore[arg-type]
        process=pworld.process,
        organisation=riga,
    )


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", ["accept", "decline"])
def test_answer_invitation(pworld: ProcessWorld, unchanged: Any, role: str, action: str) -> None:
    invitation = _invite(pworld)
    expected = ACCEPT[role]
    run(
        pworld,
        unchanged,
        role=role,
        expected=expected,
        method="POST",
        url=f"/api/v1/process-invitations/{invitation.pk}/{action}",
    )
    joined = Participant.objects.filter(process=pworld.process, organisation__name="Riga").exists()
    assert joined == (expected == 200 and action == "accept")


@pytest.mark.parametrize("role", ROLES)
def test_accept_page(pworld: ProcessWorld, unchanged: Any, role: str) -> None:
    invitation = _invite(pworld)
    expected = expect({"other"}, 302, anonymous=302)[role]
    run(
        pworld,
        unchanged,
        role=role,
        expected=expected,
        method="POST",
        url=f"/processes/invitations/{invitation.pk}/respond/",
        data={"accept": "1"},
        json=False,
    )


def test_an_answered_invitation_cannot_be_answered_again(
    pworld: ProcessWorld, unchanged: Any
) -> None:
    invitation = _invite(pworld)
    url = f"/api/v1/process-invitations/{invitation.pk}/accept"
    run(pworld, unchanged, role="other", expected=200, method="POST", url=url)
    run(pworld, unchanged, role="other", expected=403, method="POST", url=url)
