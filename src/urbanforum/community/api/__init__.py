"""JSON twins of the community pages, by sub-domain; `router` is mounted on /api/v1/."""

from ninja import Router

from urbanforum.community.api import dashboard, discussions, events, groups, mentoring
from urbanforum.processes.api import keep_operation_ids

router = Router(tags=["community"])
for part in (groups, discussions, events, mentoring, dashboard):
    keep_operation_ids(part.router, "urbanforum.community.api")
    router.add_router("", part.router)

__all__ = ["router"]
