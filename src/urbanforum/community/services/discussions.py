"""Writes for discussions: threads, replies, edits (with history), reports and moderation.
Mentions and replies are announced as domain events (the community's notification strategies
route them)."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from urbanforum.accounts.models import User
from urbanforum.community.models import Post, PostReport, PostRevision, Thread, WorkingGroup
from urbanforum.community.selectors.discussions import mentioned_users
from urbanforum.core import audit
from urbanforum.core.events import DomainEvent, emit
from urbanforum.core.markdown import render_markdown
from urbanforum.core.permissions import require
from urbanforum.core.services import field_error, validate
from urbanforum.processes.models import Process

MAX_POST = 20_000


def _thread_event(name: str, actor: User, thread: Thread, **payload: object) -> None:
    emit(
        DomainEvent(
            name, actor.pk, {"thread_id": thread.pk, "thread_title": thread.title, **payload}
        )
    )


def _body(body: str) -> str:
    body = (body or "").strip()
    if not body:
        raise field_error("body", _("Write something."))
    if len(body) > MAX_POST:
        raise field_error("body", _("A post has at most 20,000 characters."))
    return body


def _new_post(*, thread: Thread, author: User, body: str) -> Post:
    """A post with its Markdown rendered and sanitised once, now."""
    return Post.objects.create(thread=thread, author=author, body=body, html=render_markdown(body))


@transaction.atomic
def thread_create(
    *,
    actor: User,
    title: str,
    body: str,
    group: WorkingGroup | None = None,
    process: Process | None = None,
) -> Thread:
    container = group if group is not None else process
    if container is None:
        raise field_error("group", _("A discussion belongs to a working group or a process."))
    require(actor, "community.write_discussion", container)
    title = (title or "").strip()
    if not title:
        raise field_error("title", _("Give the discussion a title."))
    thread = Thread(title=title[:200], group=group, process=process, author=actor)
    validate(thread, exclude=["author"])
    thread.save()
    post = _new_post(thread=thread, author=actor, body=_body(body))
    audit.record(actor=actor, action="discussion.thread", target=thread, changes={"title": title})
    users = mentioned_users(post.body, readable_by=thread)
    if users:
        _thread_event(
            "community.mentioned", actor, thread, post_id=post.pk, user_ids=[u.pk for u in users]
        )
    return thread


@transaction.atomic
def post_reply(*, actor: User, thread: Thread, body: str) -> Post:
    require(actor, "community.write_discussion", thread)
    post = _new_post(thread=thread, author=actor, body=_body(body))
    Thread.objects.filter(pk=thread.pk).update(last_activity_at=timezone.now())
    audit.record(actor=actor, action="discussion.reply", target=thread, changes={"post": post.pk})
    users = mentioned_users(post.body, readable_by=thread)
    ids = [u.pk for u in users]
    if users:
        _thread_event("community.mentioned", actor, thread, post_id=post.pk, user_ids=ids)
    _thread_event("community.replied", actor, thread, post_id=post.pk, user_ids=ids)
    return post


@transaction.atomic
def post_edit(*, actor: User, post: Post, body: str) -> Post:
    require(actor, "community.edit_post", post)
    post = Post.objects.select_for_update().get(pk=post.pk)
    new = _body(body)
    if new == post.body:
        return post
    PostRevision.objects.create(post=post, body=post.body, edited_by=actor)
    before = {u.pk for u in mentioned_users(post.body, readable_by=post.thread)}
    post.body = new
    post.html = render_markdown(new)
    post.edited_at = timezone.now()
    post.save(update_fields=["body", "html", "edited_at"])
    audit.record(
        actor=actor, action="discussion.edit", target=post.thread, changes={"post": post.pk}
    )
    added = [u.pk for u in mentioned_users(new, readable_by=post.thread) if u.pk not in before]
    if added:
        _thread_event("community.mentioned", actor, post.thread, post_id=post.pk, user_ids=added)
    return post


@transaction.atomic
def post_report(*, actor: User, post: Post, reason: str) -> PostReport:
    require(actor, "community.report_post", post)
    reason = (reason or "").strip()
    if not reason:
        raise field_error("reason", _("Say what is wrong with the post."))
    try:
        with transaction.atomic():
            report = PostReport.objects.create(post=post, reporter=actor, reason=reason)
    except IntegrityError:
        raise field_error("post", _("You already reported this post.")) from None
    audit.record(
        actor=actor,
        action="discussion.report",
        target=post.thread,
        changes={"post": post.pk, "reason": reason},
    )
    _thread_event("community.post_reported", actor, post.thread, post_id=post.pk, reason=reason)
    return report


@transaction.atomic
def post_moderate(*, actor: User, post: Post, hide: bool, reason: str) -> Post:
    require(actor, "community.moderate", post)
    reason = (reason or "").strip()
    if not reason:
        raise field_error("reason", _("Give the reason (it is shown with the hidden post)."))
    post = Post.objects.select_for_update().get(pk=post.pk)
    post.hidden_at = timezone.now() if hide else None
    post.hidden_by = actor if hide else None
    post.hidden_reason = reason
    post.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
    PostReport.objects.filter(post=post, resolved_at=None).update(
        resolved_at=timezone.now(), resolved_by=actor
    )
    audit.record(
        actor=actor,
        action="discussion.hide" if hide else "discussion.restore",
        target=post.thread,
        changes={"post": post.pk, "reason": reason},
    )
    return post
