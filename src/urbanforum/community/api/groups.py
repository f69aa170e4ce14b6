"""JSON twins of the working group pages."""

from typing import Any

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from ninja.pagination import paginate

from urbanforum.accounts.http import current_user
from urbanforum.community import selectors, services
from urbanforum.community.api.common import ERRORS, check
from urbanforum.community.models import WorkingGroup
from urbanforum.community.schemas import GroupIn, LinkIn, MemberIn
from urbanforum.core.api import Page, public
from urbanforum.core.services import field_error
from urbanforum.processes import selectors as processes

router = Router()


class GroupBase(Schema):
    id: int
    slug: str
    name: str
    description: str
    domains: list[str]
    visibility: str
    lead: str | None


class GroupOut(GroupBase):
    @staticmethod
    def resolve_lead(obj: WorkingGroup) -> str | None:
        return obj.lead.display_name if obj.lead else None


class GroupDetailOut(GroupBase):
    members: list[dict[str, str]]
    challenges: list[str]
    processes: list[str]
    documents: list[dict[str, Any]]


class GroupFilterIn(Schema):
    search: str = ""
    domain: str = ""
    mine: bool = False


def group_or_404(request: HttpRequest, slug: str) -> WorkingGroup:
    group = selectors.group_by_slug(slug)
    if group is None:
        raise Http404(_("Unknown working group '%(slug)s'.") % {"slug": slug})
    check(request, "community.view_group", group, _("This working group is private."))
    return group


def _group_detail(request: HttpRequest, group: WorkingGroup) -> dict[str, object]:
    user = request.user
    return {
        **{
            f: getattr(group, f)
            for f in ("id", "slug", "name", "description", "domains", "visibility")
        },
        "lead": group.lead.display_name if group.lead else None,
        "members": [
            {"name": m.user.display_name, "role": m.role}
            for m in selectors.group_members(group=group)
        ],
        "challenges": [c.slug for c in selectors.group_challenges(group=group, user=user)],
        "processes": [p.slug for p in selectors.group_processes(group=group, user=user)],
        "documents": [
            {"id": d.pk, "title": d.title, "url": d.url, "has_file": bool(d.file)}
            for d in selectors.group_documents(group=group)
        ],
    }


@router.get("/groups", response=list[GroupOut], auth=public)
@paginate(Page)
def list_groups(request: HttpRequest, filters: Query[GroupFilterIn]) -> QuerySet[WorkingGroup]:
    return selectors.group_list(user=request.user, filters=selectors.GroupFilters(**filters.dict()))


@router.post("/groups", response={201: GroupDetailOut, **ERRORS})
def create_group(request: HttpRequest, payload: GroupIn) -> tuple[int, dict[str, object]]:
    group = services.group_create(actor=current_user(request), **payload.model_dump())
    return 201, _group_detail(request, group)


@router.get("/groups/{slug}", response={200: GroupDetailOut, **ERRORS}, auth=public)
def get_group(request: HttpRequest, slug: str) -> dict[str, object]:
    return _group_detail(request, group_or_404(request, slug))


@router.post("/groups/{slug}/join", response={200: GroupDetailOut, **ERRORS})
def join_group(request: HttpRequest, slug: str) -> dict[str, object]:
    group = group_or_404(request, slug)
    services.group_join(actor=current_user(request), group=group)
    return _group_detail(request, group)


@router.post("/groups/{slug}/leave", response={200: GroupDetailOut, **ERRORS})
def leave_group(request: HttpRequest, slug: str) -> dict[str, object]:
    group = group_or_404(request, slug)
    services.group_leave(actor=current_user(request), group=group)
    return _group_detail(request, group)


@router.post("/groups/{slug}/members", response={200: GroupDetailOut, **ERRORS})
def add_member(request: HttpRequest, slug: str, payload: MemberIn) -> dict[str, object]:
    group = group_or_404(request, slug)
    check(request, "community.change_group", group, _("Only the group's lead adds members."))
    person = selectors.person_by_email(payload.email)
    if person is None:
        raise field_error("email", _("Nobody with this e-mail address is registered."))
    services.group_add_member(
        actor=current_user(request), group=group, user=person, role=payload.role
    )
    return _group_detail(request, group)


@router.post("/groups/{slug}/links", response={200: GroupDetailOut, **ERRORS})
def link_group(request: HttpRequest, slug: str, payload: LinkIn) -> dict[str, object]:
    group = group_or_404(request, slug)
    challenge = selectors.challenge_by_slug(payload.challenge or "")
    process = processes.process_detail(slug=payload.process) if payload.process else None
    if (payload.challenge and challenge is None) or (payload.process and process is None):
        raise field_error(
            "challenge" if payload.challenge and challenge is None else "process", _("Unknown.")
        )
    services.group_link(
        actor=current_user(request), group=group, challenge=challenge, process=process
    )
    return _group_detail(request, group)
