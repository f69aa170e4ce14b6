"""JSON twins of the discussion pages (a group's or a process's threads, posts, moderation)."""

import math
from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from urbanforum.accounts.http import current_user
from urbanforum.community import selectors, services
from urbanforum.community.api.common import ERRORS, check
from urbanforum.community.api.groups import group_or_404
from urbanforum.community.models import Post, PostRevision, Thread
from urbanforum.community.schemas import ModerateIn, PostIn, ReasonIn, ThreadIn
from urbanforum.core.api import Page, public
from urbanforum.processes import selectors as processes
from urbanforum.processes.models import Process

router = Router()

# The thread page shows 50 posts a page; the API pages the same way.
POSTS_PER_PAGE = 50


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


class ReportOut(Schema):
    reason: str
    reporter: str
    created_at: datetime


class ReportedPostOut(PostOut):
    """A post in the moderation queue, with the reasons it was reported."""

    thread_id: int
    thread_title: str
    reports: list[ReportOut]


class ThreadDetailOut(Schema):
    """A thread with one page of its posts, oldest first (like the page: 50 a page)."""

    id: int
    title: str
    posts: list[PostOut]
    count: int
    page: int
    pages: int
    page_size: int


class PostPageIn(Schema):
    page: int = Field(1, ge=1)
    page_size: int = Field(POSTS_PER_PAGE, ge=1, le=200)


class RevisionOut(Schema):
    body: str
    created_at: datetime


def _post_out(request: HttpRequest, post: Post) -> dict[str, object]:
    hidden = post.hidden_at is not None
    show = not hidden or request.user.has_perm("community.moderate")
    return {
        "id": post.pk,
        "author": post.author.display_name if post.author else None,
        "body": post.body if show else "",
        "html": post.html if show else "",
        "created_at": post.created_at,
        "edited_at": post.edited_at,
        "hidden": hidden,
        "hidden_reason": post.hidden_reason if hidden else "",
    }


def _thread(request: HttpRequest, thread_id: int) -> Thread:
    thread = get_object_or_404(Thread.objects.select_related("group", "process"), pk=thread_id)
    check(request, "community.read_discussion", thread, _("This discussion is not visible to you."))
    return thread


def _thread_detail(
    request: HttpRequest, thread: Thread, page: int = 1, page_size: int = POSTS_PER_PAGE
) -> dict[str, object]:
    posts = selectors.thread_posts(thread=thread)
    count = posts.count()
    offset = (page - 1) * page_size
    return {
        "id": thread.pk,
        "title": thread.title,
        "posts": [_post_out(request, p) for p in posts[offset : offset + page_size]],
        "count": count,
        "page": page,
        "pages": max(1, math.ceil(count / page_size)),
        "page_size": page_size,
    }


def _process(request: HttpRequest, slug: str) -> Process:
    process = processes.process_detail(slug=slug)
    if process is None:
        raise Http404(_("Unknown process '%(slug)s'.") % {"slug": slug})
    check(
        request,
        "processes.view_process",
        process,
        _("This process is visible to its participants only."),
    )
    return process


@router.get("/groups/{slug}/threads", response={200: list[ThreadOut], **ERRORS}, auth=public)
@paginate(Page)
def group_threads(request: HttpRequest, slug: str, search: str = "") -> QuerySet[Thread]:
    return selectors.thread_list(
        group=group_or_404(request, slug), filters=selectors.ThreadFilters(search=search)
    )


@router.post("/groups/{slug}/threads", response={201: ThreadDetailOut, **ERRORS})
def create_group_thread(
    request: HttpRequest, slug: str, payload: ThreadIn
) -> tuple[int, dict[str, object]]:
    thread = services.thread_create(
        actor=current_user(request), group=group_or_404(request, slug), **payload.model_dump()
    )
    return 201, _thread_detail(request, thread)


@router.get("/processes/{slug}/threads", response={200: list[ThreadOut], **ERRORS}, auth=public)
@paginate(Page)
def process_threads(request: HttpRequest, slug: str, search: str = "") -> QuerySet[Thread]:
    return selectors.thread_list(
        process=_process(request, slug), filters=selectors.ThreadFilters(search=search)
    )


@router.post("/processes/{slug}/threads", response={201: ThreadDetailOut, **ERRORS})
def create_process_thread(
    request: HttpRequest, slug: str, payload: ThreadIn
) -> tuple[int, dict[str, object]]:
    thread = services.thread_create(
        actor=current_user(request), process=_process(request, slug), **payload.model_dump()
    )
    return 201, _thread_detail(request, thread)


@router.get("/threads/{thread_id}", response={200: ThreadDetailOut, **ERRORS}, auth=public)
def get_thread(request: HttpRequest, thread_id: int, pages: Query[PostPageIn]) -> dict[str, object]:
    return _thread_detail(request, _thread(request, thread_id), pages.page, pages.page_size)


@router.post("/threads/{thread_id}/posts", response={201: PostOut, **ERRORS})
def reply(request: HttpRequest, thread_id: int, payload: PostIn) -> tuple[int, dict[str, object]]:
    post = services.post_reply(
        actor=current_user(request), thread=_thread(request, thread_id), body=payload.body
    )
    return 201, _post_out(request, post)


def _post(request: HttpRequest, post_id: int) -> Post:
    post = get_object_or_404(
        Post.objects.select_related("thread__group", "thread__process", "author"), pk=post_id
    )
    check(
        request,
        "community.read_discussion",
        post.thread,
        _("This discussion is not visible to you."),
    )
    return post


@router.patch("/posts/{post_id}", response={200: PostOut, **ERRORS})
def edit_post(request: HttpRequest, post_id: int, payload: PostIn) -> dict[str, object]:
    post = services.post_edit(
        actor=current_user(request), post=_post(request, post_id), body=payload.body
    )
    return _post_out(request, post)


@router.get("/posts/{post_id}/revisions", response={200: list[RevisionOut], **ERRORS}, auth=public)
def post_revisions(request: HttpRequest, post_id: int) -> list[PostRevision]:
    post = _post(request, post_id)
    if post.hidden_at and not request.user.has_perm("community.moderate"):
        raise PermissionDenied(_("This post was hidden by a moderator."))
    return list(selectors.post_revisions(post=post))


@router.post("/posts/{post_id}/reports", response={201: dict[str, str], **ERRORS})
def report_post(
    request: HttpRequest, post_id: int, payload: ReasonIn
) -> tuple[int, dict[str, str]]:
    services.post_report(
        actor=current_user(request), post=_post(request, post_id), reason=payload.reason
    )
    return 201, {"status": "reported"}


@router.post("/posts/{post_id}/moderation", response={200: PostOut, **ERRORS})
def moderate_post(request: HttpRequest, post_id: int, payload: ModerateIn) -> dict[str, object]:
    post = services.post_moderate(
        actor=current_user(request),
        post=_post(request, post_id),
        hide=payload.hide,
        reason=payload.reason,
    )
    return _post_out(request, post)


@router.get("/moderation/reports", response={200: list[ReportedPostOut], **ERRORS})
def reported_posts(request: HttpRequest) -> list[dict[str, object]]:
    check(request, "community.moderate", None, _("Only coordinators moderate."))
    return [
        {
            **_post_out(request, p),
            "thread_id": p.thread_id,
            "thread_title": p.thread.title,
            "reports": [
                {
                    "reason": r.reason,
                    "reporter": r.reporter.display_name,
                    "created_at": r.created_at,
                }
                for r in p.open_reports  # type: ignore[attr-defined]
            ],
        }
        for p in selectors.open_reports()[:200]
    ]
