"""Reads for discussions: threads of a group or a process, posts, revisions, reports, mentions."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from urbanforum.accounts.models import User
from urbanforum.community.models import Post, PostReport, PostRevision, Thread, WorkingGroup
from urbanforum.core.queries import count_of
from urbanforum.processes.models import Process


@dataclass(frozen=True)
class ThreadFilters:
    search: str = ""


def thread_list(
    *,
    group: WorkingGroup | None = None,
    process: Process | None = None,
    filters: ThreadFilters = ThreadFilters(),
) -> QuerySet[Thread]:
    """The discussions of a group or a process (the caller checked that the viewer sees it)."""
    qs = Thread.objects.all()
    if group is not None:
        qs = qs.filter(group=group)
    if process is not None:
        qs = qs.filter(process=process)
    if filters.search:
        in_posts = Post.objects.filter(thread=OuterRef("pk"), body__icontains=filters.search)
        qs = qs.filter(Q(title__icontains=filters.search) | Q(Exists(in_posts)))
    return (
        qs.select_related("author", "group", "process")
        .annotate(reply_count=count_of(Post.objects.all(), "thread"))
        .order_by("-last_activity_at", "-id")
    )


def thread_posts(*, thread: Thread) -> QuerySet[Post]:
    return (
        thread.posts.select_related("author", "hidden_by")
        .annotate(
            revision_count=count_of(PostRevision.objects.all(), "post"),
            open_reports=count_of(PostReport.objects.filter(resolved_at=None), "post"),
        )
        .order_by("created_at", "id")
    )


def post_revisions(*, post: Post) -> QuerySet[PostRevision]:
    return post.revisions.select_related("edited_by")


def open_reports() -> QuerySet[Post]:
    """The posts with reports not resolved yet, most reported first; each with its open reports
    (`open_reports`: reason, reporter, when) for the moderator."""
    unresolved = PostReport.objects.filter(post=OuterRef("pk"), resolved_at=None)
    return (
        Post.objects.filter(Exists(unresolved))
        .select_related("thread", "author")
        .prefetch_related(
            Prefetch(
                "reports",
                queryset=PostReport.objects.filter(resolved_at=None)
                .select_related("reporter")
                .order_by("created_at", "id"),
                to_attr="open_reports",
            )
        )
        .annotate(report_count=Count("reports", filter=Q(reports__resolved_at=None)))
        .order_by("-report_count", "-created_at", "-id")
    )


MENTION = re.compile(r"(?<![\w@])@([\w.+-]+@[\w-]+(?:\.[\w-]+)+|[\w][\w.-]*\w)")


def mentioned_users(body: str, *, readable_by: Thread) -> list[User]:
    """@someone@example.org or @local-part (when unique) — only people who can read the thread."""
    found: list[User] = []
    for handle in dict.fromkeys(MENTION.findall(body or "")):
        if "@" in handle:
            user = User.objects.filter(email__iexact=handle, is_active=True).first()
        else:
            matches = list(User.objects.filter(email__istartswith=f"{handle}@", is_active=True)[:2])
            user = matches[0] if len(matches) == 1 else None
        if (
            user is not None
            and user.has_perm("community.read_discussion", readable_by)
            and user not in found
        ):
            found.append(user)
    return found
