"""JSON twins of the community pages."""

from datetime import date, datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema
from ninja.pagination import paginate

from urbanforum.accounts.http import current_user
from urbanforum.accounts.models import User
from urbanforum.challenges.models import Challenge
from urbanforum.community import selectors, services
from urbanforum.community.models import (
    Event,
    MentoringOffer,
    MentoringRequest,
    Mentorship,
    Post,
    Thread,
    WorkingGroup,
)
from urbanforum.core.api import ErrorBody, Page, public
from urbanforum.core.markdown import render_markdown
from urbanforum.processes.models import Process

router = Router(tags=["community"])
ERRORS = {401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 422: ErrorBody}


def _check(request: HttpRequest, perm: str, obj: Any, message: str) -> None:
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied(message)


# --- groups --------------------------------------------------------------------------------------
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


class GroupIn(Schema):
    name: str
    description: str = ""
    domains: list[str] = []
    visibility: str = "public"


class GroupFilterIn(Schema):
    search: str = ""
    domain: str = ""
    mine: bool = False


class MemberIn(Schema):
    email: str
    role: str = "member"


def _group(request: HttpRequest, slug: str) -> WorkingGroup:
    group = WorkingGroup.objects.filter(slug=slug).first()
    if group is None:
        raise Http404(f"Unknown working group '{slug}'.")
    _check(request, "community.view_group", group, "This working group is private.")
    return group


def _group_detail(request: HttpRequest, group: WorkingGroup) -> dict[str, Any]:
    user = request.user
    return {
        **{
            f: getattr(group, f)
            for f in ("id", "slug", "name", "description", "domains", "visibility")
        },
        "lead": group.lead.display_name if group.lead else None,
        "members": [
            {"name": m.user.display_name, "role": m.role}
            for m in group.memberships.select_related("user")
        ],
        "challenges": [
            c.slug for c in group.challenges.all() if user.has_perm("challenges.view_challenge", c)
        ],
        "processes": [
            p.slug for p in group.processes.all() if user.has_perm("processes.view_process", p)
        ],
        "documents": [
            {"id": d.pk, "title": d.title, "url": d.url, "has_file": bool(d.file)}
            for d in group.documents.all()
        ],
    }


@router.get("/groups", response=list[GroupOut], auth=public)
@paginate(Page)
def list_groups(request: HttpRequest, filters: Query[GroupFilterIn]) -> Any:
    return selectors.group_list(user=request.user, **filters.dict())


@router.post("/groups", response={201: GroupDetailOut, **ERRORS})
def create_group(request: HttpRequest, payload: GroupIn) -> Any:
    group = services.group_create(actor=current_user(request), **payload.dict())
    return 201, _group_detail(request, group)


@router.get("/groups/{slug}", response={200: GroupDetailOut, **ERRORS}, auth=public)
def get_group(request: HttpRequest, slug: str) -> Any:
    return _group_detail(request, _group(request, slug))


@router.post("/groups/{slug}/join", response={200: GroupDetailOut, **ERRORS})
def join_group(request: HttpRequest, slug: str) -> Any:
    group = _group(request, slug)
    services.group_join(actor=current_user(request), group=group)
    return _group_detail(request, group)


@router.post("/groups/{slug}/leave", response={200: GroupDetailOut, **ERRORS})
def leave_group(request: HttpRequest, slug: str) -> Any:
    group = _group(request, slug)
    services.group_leave(actor=current_user(request), group=group)
    return _group_detail(request, group)


@router.post("/groups/{slug}/members", response={200: GroupDetailOut, **ERRORS})
def add_member(request: HttpRequest, slug: str, payload: MemberIn) -> Any:
    group = _group(request, slug)
    _check(request, "community.change_group", group, "Only the group's lead adds members.")
    person = User.objects.filter(email__iexact=payload.email).first()
    if person is None:
        from urbanforum.core.services import field_error

        raise field_error("email", "Nobody with this e-mail address is registered.")
    services.group_add_member(
        actor=current_user(request), group=group, user=person, role=payload.role
    )
    return _group_detail(request, group)


class LinkIn(Schema):
    challenge: str | None = None
    process: str | None = None


@router.post("/groups/{slug}/links", response={200: GroupDetailOut, **ERRORS})
def link_group(request: HttpRequest, slug: str, payload: LinkIn) -> Any:
    group = _group(request, slug)
    challenge = (
        Challenge.objects.filter(slug=payload.challenge).first() if payload.challenge else None
    )
    process = Process.objects.filter(slug=payload.process).first() if payload.process else None
    if (payload.challenge and challenge is None) or (payload.process and process is None):
        from urbanforum.core.services import field_error

        raise field_error(
            "challenge" if payload.challenge and challenge is None else "process", "Unknown."
        )
    services.group_link(
        actor=current_user(request), group=group, challenge=challenge, process=process
    )
    return _group_detail(request, group)


# --- discussions ---------------------------------------------------------------------------------
class ThreadOut(Schema):
    id: int
    title: str
    group: str | None
    process: str | None
    author: str | None
    created_at: datetime
    last_activity_at: datetime

    @staticmethod
    def resolve_group(obj: Thread) -> str | None:
        return obj.group.slug if obj.group_id and obj.group else None

    @staticmethod
    def resolve_process(obj: Thread) -> str | None:
        return obj.process.slug if obj.process_id and obj.process else None

    @staticmethod
    def resolve_author(obj: Thread) -> str | None:
        return obj.author.display_name if obj.author else None


class PostOut(Schema):
    id: int
    author: str | None
    body: str
    html: str
    created_at: datetime
    edited_at: datetime | None
    hidden: bool
    hidden_reason: str


class ThreadDetailOut(Schema):
    id: int
    title: str
    posts: list[PostOut]


class ThreadIn(Schema):
    title: str
    body: str


class PostIn(Schema):
    body: str


class ReasonIn(Schema):
    reason: str


class ModerateIn(Schema):
    hide: bool = True
    reason: str


class RevisionOut(Schema):
    body: str
    created_at: datetime


def _post_out(request: HttpRequest, post: Post) -> dict[str, Any]:
    hidden = post.hidden_at is not None
    show = not hidden or request.user.has_perm("community.moderate")
    return {
        "id": post.pk,
        "author": post.author.display_name if post.author else None,
        "body": post.body if show else "",
        "html": render_markdown(post.body) if show else "",
        "created_at": post.created_at,
        "edited_at": post.edited_at,
        "hidden": hidden,
        "hidden_reason": post.hidden_reason if hidden else "",
    }


def _thread(request: HttpRequest, thread_id: int) -> Thread:
    thread = get_object_or_404(Thread.objects.select_related("group", "process"), pk=thread_id)
    _check(request, "community.read_discussion", thread, "This discussion is not visible to you.")
    return thread


def _thread_detail(request: HttpRequest, thread: Thread) -> dict[str, Any]:
    return {
        "id": thread.pk,
        "title": thread.title,
        "posts": [_post_out(request, p) for p in selectors.thread_posts(thread=thread)],
    }


def _process(request: HttpRequest, slug: str) -> Process:
    process = Process.objects.filter(slug=slug).first()
    if process is None:
        raise Http404(f"Unknown process '{slug}'.")
    _check(
        request,
        "processes.view_process",
        process,
        "This process is visible to its participants only.",
    )
    return process


@router.get("/groups/{slug}/threads", response={200: list[ThreadOut], **ERRORS}, auth=public)
@paginate(Page)
def group_threads(request: HttpRequest, slug: str, search: str = "") -> Any:
    return selectors.thread_list(user=request.user, group=_group(request, slug), search=search)


@router.post("/groups/{slug}/threads", response={201: ThreadDetailOut, **ERRORS})
def create_group_thread(request: HttpRequest, slug: str, payload: ThreadIn) -> Any:
    thread = services.thread_create(
        actor=current_user(request), group=_group(request, slug), **payload.dict()
    )
    return 201, _thread_detail(request, thread)


@router.get("/processes/{slug}/threads", response={200: list[ThreadOut], **ERRORS}, auth=public)
@paginate(Page)
def process_threads(request: HttpRequest, slug: str, search: str = "") -> Any:
    return selectors.thread_list(user=request.user, process=_process(request, slug), search=search)


@router.post("/processes/{slug}/threads", response={201: ThreadDetailOut, **ERRORS})
def create_process_thread(request: HttpRequest, slug: str, payload: ThreadIn) -> Any:
    thread = services.thread_create(
        actor=current_user(request), process=_process(request, slug), **payload.dict()
    )
    return 201, _thread_detail(request, thread)


@router.get("/threads/{thread_id}", response={200: ThreadDetailOut, **ERRORS}, auth=public)
def get_thread(request: HttpRequest, thread_id: int) -> Any:
    return _thread_detail(request, _thread(request, thread_id))


@router.post("/threads/{thread_id}/posts", response={201: PostOut, **ERRORS})
def reply(request: HttpRequest, thread_id: int, payload: PostIn) -> Any:
    post = services.post_reply(
        actor=current_user(request), thread=_thread(request, thread_id), body=payload.body
    )
    return 201, _post_out(request, post)


def _post(request: HttpRequest, post_id: int) -> Post:
    post = get_object_or_404(
        Post.objects.select_related("thread__group", "thread__process", "author"), pk=post_id
    )
    _check(
        request, "community.read_discussion", post.thread, "This discussion is not visible to you."
    )
    return post


@router.patch("/posts/{post_id}", response={200: PostOut, **ERRORS})
def edit_post(request: HttpRequest, post_id: int, payload: PostIn) -> Any:
    post = services.post_edit(
        actor=current_user(request), post=_post(request, post_id), body=payload.body
    )
    return _post_out(request, post)


@router.get("/posts/{post_id}/revisions", response={200: list[RevisionOut], **ERRORS}, auth=public)
def post_revisions(request: HttpRequest, post_id: int) -> Any:
    post = _post(request, post_id)
    if post.hidden_at and not request.user.has_perm("community.moderate"):
        raise PermissionDenied("This post was hidden by a moderator.")
    return list(post.revisions.all())


@router.post("/posts/{post_id}/reports", response={201: dict[str, str], **ERRORS})
def report_post(request: HttpRequest, post_id: int, payload: ReasonIn) -> Any:
    services.post_report(
        actor=current_user(request), post=_post(request, post_id), reason=payload.reason
    )
    return 201, {"status": "reported"}


@router.post("/posts/{post_id}/moderation", response={200: PostOut, **ERRORS})
def moderate_post(request: HttpRequest, post_id: int, payload: ModerateIn) -> Any:
    post = services.post_moderate(
        actor=current_user(request),
        post=_post(request, post_id),
        hide=payload.hide,
        reason=payload.reason,
    )
    return _post_out(request, post)


@router.get("/moderation/reports", response={200: list[PostOut], **ERRORS})
def reported_posts(request: HttpRequest) -> Any:
    _check(request, "community.moderate", None, "Only coordinators moderate.")
    return [_post_out(request, p) for p in selectors.open_reports()[:200]]


# --- events --------------------------------------------------------------------------------------
class EventOut(Schema):
    id: int
    slug: str
    title: str
    kind: str
    starts_at: datetime
    ends_at: datetime
    timezone: str
    starts_local: str
    place: str
    capacity: int | None
    cancelled: bool
    group: str | None

    @staticmethod
    def resolve_starts_local(obj: Event) -> str:
        from zoneinfo import ZoneInfo

        return obj.starts_at.astimezone(ZoneInfo(obj.timezone)).isoformat()

    @staticmethod
    def resolve_cancelled(obj: Event) -> bool:
        return obj.cancelled_at is not None

    @staticmethod
    def resolve_group(obj: Event) -> str | None:
        return obj.group.slug if obj.group else None


class EventDetailOut(EventOut):
    description: str
    agenda: str
    report: str
    online_url: str
    confirmed: int
    waiting: int
    my_status: str | None

    @staticmethod
    def resolve_online_url(obj: Event, context: Any) -> str:
        request = context["request"]
        reg = selectors.user_registration(event=obj, user=request.user)
        if request.user.has_perm("community.change_event", obj) or (
            reg and reg.status == "confirmed"
        ):
            return obj.online_url
        return ""

    @staticmethod
    def resolve_confirmed(obj: Event) -> int:
        return selectors.event_counts(event=obj)["confirmed"]

    @staticmethod
    def resolve_waiting(obj: Event) -> int:
        return selectors.event_counts(event=obj)["waiting"]

    @staticmethod
    def resolve_my_status(obj: Event, context: Any) -> str | None:
        reg = selectors.user_registration(event=obj, user=context["request"].user)
        return reg.status if reg else None


class EventIn(Schema):
    title: str
    kind: str
    starts_at: datetime
    ends_at: datetime
    timezone: str = "Europe/Helsinki"
    place: str = ""
    online_url: str = ""
    capacity: int | None = None
    description: str = ""
    agenda: str = ""
    group: str | None = None


class EventPatchIn(Schema):
    title: str | None = None
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    timezone: str | None = None
    place: str | None = None
    online_url: str | None = None
    capacity: int | None = None
    description: str | None = None
    agenda: str | None = None
    report: str | None = None


class EventFilterIn(Schema):
    when: str = "upcoming"
    kind: str = ""
    search: str = ""


class RegistrationOut(Schema):
    event: str
    status: str
    position: int | None


class AttendeeOut(Schema):
    name: str
    email: str
    status: str
    requested_at: datetime


def _event(request: HttpRequest, slug: str) -> Event:
    event = Event.objects.select_related("group", "process", "organiser").filter(slug=slug).first()
    if event is None:
        raise Http404(f"Unknown event '{slug}'.")
    _check(
        request, "community.view_event", event, "This event belongs to a private group or process."
    )
    return event


@router.get("/events", response=list[EventOut], auth=public)
@paginate(Page)
def list_events(request: HttpRequest, filters: Query[EventFilterIn]) -> Any:
    return selectors.event_list(user=request.user, **filters.dict())


@router.post("/events", response={201: EventDetailOut, **ERRORS})
def create_event(request: HttpRequest, payload: EventIn) -> Any:
    data = payload.dict()
    slug = data.pop("group")
    group = _group(request, slug) if slug else None
    return 201, services.event_create(actor=current_user(request), group=group, **data)


@router.get("/events/{slug}", response={200: EventDetailOut, **ERRORS}, auth=public)
def get_event(request: HttpRequest, slug: str) -> Any:
    return _event(request, slug)


@router.patch("/events/{slug}", response={200: EventDetailOut, **ERRORS})
def patch_event(request: HttpRequest, slug: str, payload: EventPatchIn) -> Any:
    return services.event_update(
        actor=current_user(request), event=_event(request, slug), **payload.dict(exclude_unset=True)
    )


@router.post("/events/{slug}/cancel", response={200: EventDetailOut, **ERRORS})
def cancel_event(request: HttpRequest, slug: str) -> Any:
    return services.event_cancel(actor=current_user(request), event=_event(request, slug))


def _registration_out(reg: Any, event: Event) -> dict[str, Any]:
    return {
        "event": event.slug,
        "status": reg.status,
        "position": selectors.waiting_position(registration=reg),
    }


@router.post("/events/{slug}/registration", response={201: RegistrationOut, **ERRORS})
def register(request: HttpRequest, slug: str) -> Any:
    event = _event(request, slug)
    reg = services.event_register(actor=current_user(request), event=event)
    return 201, _registration_out(reg, event)


@router.delete("/events/{slug}/registration", response={200: RegistrationOut, **ERRORS})
def unregister(request: HttpRequest, slug: str) -> Any:
    event = _event(request, slug)
    reg = services.registration_cancel(actor=current_user(request), event=event)
    return _registration_out(reg, event)


@router.get("/events/{slug}/attendees", response={200: list[AttendeeOut], **ERRORS})
def attendees(request: HttpRequest, slug: str) -> Any:
    event = _event(request, slug)
    _check(request, "community.view_attendees", event, "Only the organiser sees who comes.")
    return [
        {
            "name": r.user.display_name,
            "email": r.user.email,
            "status": r.status,
            "requested_at": r.requested_at,
        }
        for r in selectors.event_attendees(event=event)
    ]


# --- mentoring -----------------------------------------------------------------------------------
class OfferOut(Schema):
    id: int
    mentor: str
    organisation: str | None
    topics: list[str]
    description: str

    @staticmethod
    def resolve_mentor(obj: MentoringOffer) -> str:
        return obj.mentor.display_name

    @staticmethod
    def resolve_organisation(obj: MentoringOffer) -> str | None:
        return obj.organisation.slug if obj.organisation else None


class OfferIn(Schema):
    topics: list[str]
    description: str
    organisation: str | None = None


class RequestIn(Schema):
    challenge: str
    description: str


class ProposalOut(Schema):
    offer: OfferOut
    score: float
    reasons: list[str]


class RequestOut(Schema):
    id: int
    challenge: str
    organisation: str
    description: str
    proposals: list[ProposalOut]


class ProposeIn(Schema):
    offer: int
    goals: str = ""


class MentorshipOut(Schema):
    id: int
    title: str
    mentor: str
    mentee_organisation: str
    status: str
    goals: str
    sessions: list[dict[str, Any]]
    feedback: list[dict[str, Any]]

    @staticmethod
    def resolve_mentor(obj: Mentorship) -> str:
        return obj.mentor.display_name

    @staticmethod
    def resolve_mentee_organisation(obj: Mentorship) -> str:
        return obj.mentee_organisation.slug

    @staticmethod
    def resolve_sessions(obj: Mentorship) -> list[dict[str, Any]]:
        return [{"held_on": s.held_on, "notes": s.notes} for s in obj.sessions.all()]

    @staticmethod
    def resolve_feedback(obj: Mentorship) -> list[dict[str, Any]]:
        return [{"side": f.side, "text": f.text, "rating": f.rating} for f in obj.feedback.all()]


class AnswerIn(Schema):
    accept: bool = True


class SessionIn(Schema):
    held_on: date
    notes: str = ""


class FeedbackIn(Schema):
    text: str
    rating: int | None = None


@router.get("/mentoring/offers", response=list[OfferOut], auth=public)
@paginate(Page)
def list_offers(request: HttpRequest, topic: str = "", search: str = "") -> Any:
    return selectors.offer_list(topic=topic, search=search)


@router.post("/mentoring/offers", response={201: OfferOut, **ERRORS})
def create_offer(request: HttpRequest, payload: OfferIn) -> Any:
    from urbanforum.accounts.models import Organisation

    org = (
        Organisation.objects.filter(slug=payload.organisation).first()
        if payload.organisation
        else None
    )
    return 201, services.offer_create(
        actor=current_user(request),
        topics=payload.topics,
        description=payload.description,
        organisation=org,
    )


def _request_out(req: MentoringRequest) -> dict[str, Any]:
    return {
        "id": req.pk,
        "challenge": req.challenge.slug,
        "organisation": req.organisation.slug,
        "description": req.description,
        "proposals": [
            {"offer": p.offer, "score": p.score, "reasons": p.reasons}
            for p in selectors.propose_mentors(request=req)
        ],
    }


@router.post("/mentoring/requests", response={201: RequestOut, **ERRORS})
def create_request(request: HttpRequest, payload: RequestIn) -> Any:
    challenge = Challenge.objects.filter(slug=payload.challenge).first()
    if challenge is None:
        raise Http404(f"Unknown challenge '{payload.challenge}'.")
    req = services.request_create(
        actor=current_user(request), challenge=challenge, description=payload.description
    )
    return 201, _request_out(req)


def _req(request: HttpRequest, request_id: int) -> MentoringRequest:
    req = get_object_or_404(
        MentoringRequest.objects.select_related("challenge", "organisation"), pk=request_id
    )
    _check(
        request,
        "community.request_mentoring",
        req.challenge,
        "Only the asking city sees its request.",
    )
    return req


@router.get("/mentoring/requests/{request_id}", response={200: RequestOut, **ERRORS})
def get_request(request: HttpRequest, request_id: int) -> Any:
    return _request_out(_req(request, request_id))


@router.post(
    "/mentoring/requests/{request_id}/mentorships", response={201: MentorshipOut, **ERRORS}
)
def propose(request: HttpRequest, request_id: int, payload: ProposeIn) -> Any:
    req = _req(request, request_id)
    offer = get_object_or_404(MentoringOffer, pk=payload.offer)
    return 201, services.mentorship_propose(
        actor=current_user(request), request=req, offer=offer, goals=payload.goals
    )


def _mentorship(request: HttpRequest, mentorship_id: int) -> Mentorship:
    m = get_object_or_404(
        Mentorship.objects.select_related("mentor", "mentee_organisation"), pk=mentorship_id
    )
    _check(
        request,
        "community.view_mentorship",
        m,
        "Only the mentor and the mentee city see a mentorship.",
    )
    return m


@router.get("/mentorships/{mentorship_id}", response={200: MentorshipOut, **ERRORS})
def get_mentorship(request: HttpRequest, mentorship_id: int) -> Any:
    return _mentorship(request, mentorship_id)


@router.post("/mentorships/{mentorship_id}/answer", response={200: MentorshipOut, **ERRORS})
def answer(request: HttpRequest, mentorship_id: int, payload: AnswerIn) -> Any:
    return services.mentorship_answer(
        actor=current_user(request),
        mentorship=_mentorship(request, mentorship_id),
        accept=payload.accept,
    )


@router.post("/mentorships/{mentorship_id}/sessions", response={200: MentorshipOut, **ERRORS})
def add_session(request: HttpRequest, mentorship_id: int, payload: SessionIn) -> Any:
    m = _mentorship(request, mentorship_id)
    services.session_record(actor=current_user(request), mentorship=m, **payload.dict())
    return m


@router.post("/mentorships/{mentorship_id}/end", response={200: MentorshipOut, **ERRORS})
def end(request: HttpRequest, mentorship_id: int) -> Any:
    return services.mentorship_end(
        actor=current_user(request), mentorship=_mentorship(request, mentorship_id)
    )


@router.post("/mentorships/{mentorship_id}/feedback", response={200: MentorshipOut, **ERRORS})
def feedback(request: HttpRequest, mentorship_id: int, payload: FeedbackIn) -> Any:
    m = _mentorship(request, mentorship_id)
    services.feedback_give(actor=current_user(request), mentorship=m, **payload.dict())
    return m


# --- dashboard -----------------------------------------------------------------------------------
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
def dashboard(request: HttpRequest) -> Any:
    data = selectors.dashboard(user=current_user(request))
    return {
        "organisations": [m.organisation.slug for m in data["memberships"]],
        "processes": [p.slug for p in data["processes"]],
        "invitations": [i.pk for i in data["invitations"]],
        "tasks": [
            {"id": t.pk, "title": t.title, "process": t.phase.process.slug, "due_on": t.due_on}
            for t in data["tasks"]
        ],
        "events": [
            {"slug": r.event.slug, "status": r.status, "starts_at": r.event.starts_at}
            for r in data["registrations"]
        ],
        "groups": [g.slug for g in data["groups"]],
        "mentorships": [m.pk for m in data["mentorships"]],
        "changes": [
            {
                "text": n.text,
                "url": n.url,
                "created_at": n.created_at,
                "read": n.read_at is not None,
            }
            for n in data["changes"]
        ],
    }
