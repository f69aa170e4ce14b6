"""Working group pages: the list, a group, joining, members, links and documents."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from urbanforum.accounts.http import AuthedRequest
from urbanforum.community import selectors, services
from urbanforum.community.forms import DocumentForm, GroupForm, ThreadForm
from urbanforum.community.models import GroupDocument, WorkingGroup
from urbanforum.community.schemas import LinkIn, MemberIn
from urbanforum.community.views.common import check, flash, form_errors, posted
from urbanforum.core.forms import apply_errors
from urbanforum.core.lists import list_page
from urbanforum.core.taxonomy import DOMAINS
from urbanforum.processes import selectors as processes


def group_list(request: HttpRequest) -> HttpResponse:
    return list_page(
        request,
        filters=selectors.GroupFilters,
        rows=lambda f: selectors.group_list(user=request.user, filters=f),
        template="community/group_list.html",
        fragment="community/_group_results.html",
        extra={"domains": DOMAINS},
    )


@login_required
def group_create(request: AuthedRequest) -> HttpResponse:
    check(
        request,
        "community.add_group",
        None,
        _("People of member organisations create working groups."),
    )
    form = GroupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            group = services.group_create(actor=request.user, **form.validated.model_dump())
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The working group was created; you lead it."))
            return redirect("community:group_detail", slug=group.slug)
    return render(request, "community/form.html", {"form": form, "title": _("New working group")})


def _group(request: HttpRequest, slug: str) -> WorkingGroup:
    group = get_object_or_404(WorkingGroup, slug=slug)
    check(request, "community.view_group", group, _("This working group is private."))
    return group


def group_detail(request: HttpRequest, slug: str) -> HttpResponse:
    group = _group(request, slug)
    user = request.user
    can_manage = user.has_perm("community.change_group", group)
    return render(
        request,
        "community/group_detail.html",
        {
            "group": group,
            "threads": selectors.thread_list(group=group)[:10],
            "events": selectors.event_list(user=user, group=group)[:5],
            "documents": selectors.group_documents(group=group)[:20],
            "challenges": selectors.group_challenges(group=group, user=user),
            "processes": selectors.group_processes(group=group, user=user),
            "members": selectors.group_members(group=group),
            "is_member": selectors.is_group_member(group=group, user=user),
            "can_join": user.has_perm("community.join_group", group),
            "can_write": user.has_perm("community.write_discussion", group),
            "can_manage": can_manage,
            "can_add_document": user.has_perm("community.add_document", group),
            "thread_form": ThreadForm(prefix="thread"),
            "linkable_processes": (
                selectors.linkable_processes(group=group, user=user) if can_manage else []
            ),
            "document_form": DocumentForm(prefix="document"),
        },
    )


@login_required
@require_POST
def group_join(request: AuthedRequest, slug: str) -> HttpResponse:
    group = _group(request, slug)
    check(request, "community.join_group", group, _("You cannot join this group."))
    services.group_join(actor=request.user, group=group)
    messages.success(request, _("You joined the group."))
    return redirect("community:group_detail", slug=slug)


@login_required
@require_POST
def group_leave(request: AuthedRequest, slug: str) -> HttpResponse:
    group = _group(request, slug)
    try:
        services.group_leave(actor=request.user, group=group)
    except ValidationError as exc:
        flash(request, exc)
    return redirect("community:group_detail", slug=slug)


@login_required
@require_POST
def group_add_member(request: AuthedRequest, slug: str) -> HttpResponse:
    group = _group(request, slug)
    check(request, "community.change_group", group, _("Only the group's lead adds members."))
    try:
        person = selectors.person_by_email(posted(request, MemberIn).email)
    except ValidationError:
        person = None
    if person is None:
        messages.error(request, _("Nobody with this e-mail address is registered."))
    else:
        services.group_add_member(actor=request.user, group=group, user=person)
        messages.success(request, _("%(who)s is a member now.") % {"who": person.display_name})
    return redirect("community:group_detail", slug=slug)


@login_required
@require_POST
def group_link(request: AuthedRequest, slug: str) -> HttpResponse:
    group = _group(request, slug)
    check(
        request,
        "community.change_group",
        group,
        _("Only the group's lead links challenges and processes."),
    )
    try:
        link = posted(request, LinkIn)
        challenge = selectors.challenge_by_slug(link.challenge or "")
        process = processes.process_detail(slug=link.process or "")
        if challenge is None and process is None:
            raise ValidationError(
                {"challenge": [_("Choose a process or give a challenge's address name (slug).")]}
            )
        services.group_link(actor=request.user, group=group, challenge=challenge, process=process)
    except ValidationError as exc:
        flash(request, exc)
    else:
        messages.success(request, _("Linked."))
    return redirect("community:group_detail", slug=slug)


@login_required
@require_POST
def document_add(request: AuthedRequest, slug: str) -> HttpResponse:
    group = _group(request, slug)
    check(request, "community.add_document", group, _("Members add documents."))
    form = DocumentForm(request.POST, request.FILES, prefix="document")
    try:
        if not form.is_valid():
            raise form_errors(form)
        services.document_add(
            actor=request.user,
            group=group,
            title=form.validated.title,
            url=form.validated.url,
            file=form.cleaned_data.get("file"),
        )
    except ValidationError as exc:
        flash(request, exc)
    else:
        messages.success(request, _("Document added."))
    return redirect("community:group_detail", slug=slug)


def document_download(request: HttpRequest, document_id: int) -> HttpResponseBase:
    doc = get_object_or_404(GroupDocument.objects.select_related("group"), pk=document_id)
    check(request, "community.view_group", doc.group, _("This working group is private."))
    if not doc.file:
        if doc.url:
            return redirect(doc.url)
        raise Http404(_("No file."))
    return FileResponse(
        doc.file.open("rb"),
        as_attachment=True,
        filename=(doc.file.name or "file").rsplit("/", 1)[-1],
    )
