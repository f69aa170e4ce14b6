"""The invitation's message is kept and shown: on the invitee's dashboard, in the API and in the
notification."""

from __future__ import annotations

from typing import Any

from tests.conftest import api
from tests.processes.conftest import ProcessWorld
from urbanforum.notifications.models import Notification
from urbanforum.processes import services


def test_the_invitation_message_reaches_the_invited_city(
    pworld: ProcessWorld, django_capture_on_commit_callbacks: Any
) -> None:
    riga_admin = pworld.users["other"]
    assert riga_admin is not None
    riga = riga_admin.memberships.get().organisation
    with django_capture_on_commit_callbacks(execute=True):
        services.process_invite(
            actor=pworld.users["editor"],  # type: ignore[arg-type]
            process=pworld.process,
            organisation=riga,
            message="Riga ploughs its cycle lanes first.\nJoin us to compare.",
        )
    dashboard = pworld.client("other").get("/community/dashboard/").content.decode()
    assert 'data-testid="invitation-message"' in dashboard
    assert "Riga ploughs its cycle lanes first.<br>Join us to compare." in dashboard
    [listed] = api(pworld.client("other"), "GET", "/api/v1/process-invitations").json()
    assert listed["message"].startswith("Riga ploughs") and listed["invited_by"]
    note = Notification.objects.get(recipient=riga_admin, event_type="process.invitation_created")
    assert "Riga ploughs its cycle lanes first." in note.text
    assert note.url == "/community/dashboard/"
