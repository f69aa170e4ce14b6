"""JSON twin of the personal dashboard."""

from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from urbanforum.accounts.http import current_user
from urbanforum.community import selectors
from urbanforum.core.api import ErrorBody

router = Router()


class DashboardOut(Schema):
    organisations: list[str]
    processes: list[str]
    invitations: list[int]
    tasks: list[dict[str, Any]]
    events: list[dict[str, Any]]
    groups: list[str]
    mentorships: list[int]
    changes: list[dict[str, Any]]


@router.get("/me/dashboard", response={200: DashboardOut, 401: ErrorBody})
def dashboard(request: HttpRequest) -> dict[str, object]:
    data = selectors.dashboard(user=current_user(request))
    return {
        "organisations": [m.organisation.slug for m in data.memberships],
        "processes": [p.slug for p in data.processes],
        "invitations": [i.pk for i in data.invitations],
        "tasks": [
            {"id": t.pk, "title": t.title, "process": t.phase.process.slug, "due_on": t.due_on}
            for t in data.tasks
        ],
        "events": [
            {"slug": r.event.slug, "status": r.status, "starts_at": r.event.starts_at}
            for r in data.registrations
        ],
        "groups": [g.slug for g in data.groups],
        "mentorships": [m.pk for m in data.mentorships],
        "changes": [
            {
                "text": n.text,
                "url": n.url,
                "created_at": n.created_at,
                "read": n.read_at is not None,
            }
            for n in data.changes
        ],
    }
