"""Discussion pages: a process's discussions, a thread, replies, edits, reports, moderation."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from urbanforum.accounts.http import AuthedRequest, current_user
from urbanforum.community import selectors, services
from urbanforum.community.forms import PostForm, ThreadForm
from urbanforum.community.models import Post, Thread
from urbanforum.community.schemas import ModerateIn, PostIn, ReasonIn
from urbanforum.community.views.common import check, flash, form_errors, posted
from urbanforum.community.views.groups import _group
from urbanforum.core.forms import apply_errors
from urbanforum.core.lists import list_page
from urbanforum.core.pagination import paginate
from urbanforum.processes import selectors as processes
from urbanforum.processes.models import Process


def _thread(request: HttpRequest, thread_id: int) -> Thread:
    thread = get_object_or_404(Thread.objects.select_related("group", "process"), pk=thread_id)
    check(request, "community.read_discussion", thread, _("This discussion is not visible to you."))
    return thread


def _post(request: HttpRequest, post_id: int) -> Post:
    post = get_object_or_404(
        Post.objects.select_related("thread__group", "thread__process"), pk=post_id
    )
    check(
        request,
        "community.read_discussion",
        post.thread,
        _("This discussion is not visible to you."),
    )
    return post


def _process(request: HttpRequest, slug: str) -> Process:
    process = processes.process_detail(slug=slug)
    if process is None:
        raise Http404(_("No such process."))
    check(
        request,
        "processes.view_process",
        process,
        _("This process is visible to its participants only."),
    )
    return process


@login_required
@require_POST
def group_thread_create(request: AuthedRequest, slug: str) -> HttpResponse:
    group = _group(request, slug)
    check(
        request, "community.write_discussion", group, _("Members of the group start discussions.")
    )
    form = ThreadForm(request.POST, prefix="thread")
    try:
        if not form.is_valid():
            raise form_errors(form)
        thread = services.thread_create(
            actor=request.user, group=group, title=form.validated.title, body=form.validated.body
        )
    except ValidationError as exc:
        flash(request, exc)
        return redirect("community:group_detail", slug=slug)
    return redirect("community:thread_detail", thread_id=thread.pk)


def process_threads(request: HttpRequest, slug: str) -> HttpResponse:
    """A process's discussions; its participants start one here (POST)."""
    process = _process(request, slug)
    form = ThreadForm(request.POST or None)
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(f"{reverse('account_login')}?next={request.path}")
        check(
            request,
            "community.write_discussion",
            process,
            _("Participants discuss while the phase is open for comments."),
        )
        if form.is_valid():
            try:
                thread = services.thread_create(
                    actor=current_user(request),
                    process=process,
                    title=form.validated.title,
                    body=form.validated.body,
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                return redirect("community:thread_detail", thread_id=thread.pk)
    return list_page(
        request,
        filters=selectors.ThreadFilters,
        rows=lambda f: selectors.thread_list(process=process, filters=f),
        template="community/process_threads.html",
        fragment="community/_thread_results.html",
        extra={
            "process": process,
            "form": form,
            "can_write": request.user.has_perm("community.write_discussion", process),
        },
    )


def thread_detail(request: HttpRequest, thread_id: int) -> HttpResponse:
    thread = _thread(request, thread_id)
    page_info = paginate(
        selectors.thread_posts(thread=thread),
        page=request.GET.get("page"),
        per_page=50,
        params=request.GET,
    )
    user = request.user
    posts = [
        {
            "post": p,
            "can_edit": user.has_perm("community.edit_post", p),
            "can_report": user.has_perm("community.report_post", p),
        }
        for p in page_info.items
    ]
    return render(
        request,
        "community/thread_detail.html",
        {
            "thread": thread,
            "page_info": page_info,
            "posts": posts,
            "form": PostForm(),
            "can_write": user.has_perm("community.write_discussion", thread),
            "can_moderate": user.has_perm("community.moderate"),
        },
    )


@login_required
@require_POST
def thread_reply(request: AuthedRequest, thread_id: int) -> HttpResponse:
    thread = _thread(request, thread_id)
    check(request, "community.write_discussion", thread, _("You cannot write in this discussion."))
    try:
        data = posted(request, PostIn, body="")
        services.post_reply(actor=request.user, thread=thread, body=data.body)
    except ValidationError as exc:
        flash(request, exc)
    return redirect("community:thread_detail", thread_id=thread.pk)


@login_required
def post_edit(request: AuthedRequest, post_id: int) -> HttpResponse:
    post = _post(request, post_id)
    check(request, "community.edit_post", post, _("Only the author edits a post."))
    form = PostForm(request.POST or None, initial={"body": post.body})
    if request.method == "POST" and form.is_valid():
        try:
            services.post_edit(actor=request.user, post=post, body=form.validated.body)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            return redirect("community:thread_detail", thread_id=post.thread_id)
    return render(request, "community/form.html", {"form": form, "title": _("Edit your post")})


def post_history(request: HttpRequest, post_id: int) -> HttpResponse:
    post = _post(request, post_id)
    if post.hidden_at and not request.user.has_perm("community.moderate"):
        raise PermissionDenied(_("This post was hidden by a moderator."))
    return render(
        request,
        "community/post_history.html",
        {"post": post, "revisions": selectors.post_revisions(post=post)},
    )


@login_required
@require_POST
def post_report(request: AuthedRequest, post_id: int) -> HttpResponse:
    post = _post(request, post_id)
    check(request, "community.report_post", post, _("You cannot report this post."))
    try:
        data = posted(request, ReasonIn, reason="")
        services.post_report(actor=request.user, post=post, reason=data.reason)
    except ValidationError as exc:
        flash(request, exc)
    else:
        messages.success(request, _("Thank you. The coordinators will look at it."))
    return redirect("community:thread_detail", thread_id=post.thread_id)


@login_required
@require_POST
def post_moderate(request: AuthedRequest, post_id: int) -> HttpResponse:
    post = _post(request, post_id)
    check(request, "community.moderate", post, _("Only coordinators moderate."))
    try:
        data = posted(request, ModerateIn, hide="1", reason="")
        services.post_moderate(actor=request.user, post=post, hide=data.hide, reason=data.reason)
    except ValidationError as exc:
        flash(request, exc)
    return redirect("community:thread_detail", thread_id=post.thread_id)


@dataclass(frozen=True)
class NoFilters:
    """The moderation queue has no filters."""


@login_required
def moderation(request: AuthedRequest) -> HttpResponse:
    check(request, "community.moderate", None, _("Only coordinators moderate."))
    return list_page(
        request,
        filters=NoFilters,
        rows=lambda f: selectors.open_reports(),
        template="community/moderation.html",
        fragment="community/_report_results.html",
    )
