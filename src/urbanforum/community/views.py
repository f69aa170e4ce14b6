"""Community pages: working groups, discussions, events, mentoring, the personal dashboard."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from urbanforum.accounts.http import current_user
from urbanforum.accounts.models import User
from urbanforum.challenges.models import Challenge
from urbanforum.community import ics, selectors, services
from urbanforum.community.forms import (
    DocumentForm,
    EventForm,
    FeedbackForm,
    GroupForm,
    OfferForm,
    PostForm,
    ReportForm,
    RequestForm,
    SessionForm,
    ThreadForm,
)
from urbanforum.community.models import (
    Event,
    EventKind,
    GroupDocument,
    MentoringOffer,
    MentoringRequest,
    Mentorship,
    Post,
    Thread,
    WorkingGroup,
)
from urbanforum.core.forms import apply_errors
from urbanforum.core.pagination import paginate
from urbanforum.core.taxonomy import DOMAINS
from urbanforum.processes.models import Process
from urbanforum.processes.selectors import visible_processes


def _check(request: HttpRequest, perm: str, obj: Any, message: str) -> None:
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied(message)


def _flash(request: HttpRequest, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for f, errs in exc.message_dict.items():
            for e in errs:
                messages.error(request, e if f == "__all__" else f"{f}: {e}")
    else:
        messages.error(request, " ".join(exc.messages))


def _form_errors(form: Any) -> ValidationError:
    return ValidationError({k: [str(e) for e in v] for k, v in form.errors.items()})


# --- working groups ------------------------------------------------------------------------------
def group_list(request: HttpRequest) -> HttpResponse:
    q, domain = request.GET.get("q", "").strip(), request.GET.get("domain", "")
    mine = request.GET.get("mine") == "1"
    page_info = paginate(
        selectors.group_list(user=request.user, search=q, domain=domain, mine=mine),
        page=request.GET.get("page"),
        params=request.GET,
    )
    return render(
        request,
        "community/group_list.html",
        {"page_info": page_info, "q": q, "domain": domain, "mine": mine, "domains": DOMAINS},
    )


@login_required
def group_create(request: HttpRequest) -> HttpResponse:
    _check(
        request,
        "community.add_group",
        None,
        "People of member organisations create working groups.",
    )
    form = GroupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            group = services.group_create(actor=current_user(request), **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The working group was created; you lead it."))
            return redirect("community:group_detail", slug=group.slug)
    return render(request, "community/form.html", {"form": form, "title": _("New working group")})


def _group(request: HttpRequest, slug: str) -> WorkingGroup:
    group = get_object_or_404(WorkingGroup, slug=slug)
    _check(request, "community.view_group", group, "This working group is private.")
    return group


def group_detail(request: HttpRequest, slug: str) -> HttpResponse:
    group = _group(request, slug)
    user = request.user
    return render(
        request,
        "community/group_detail.html",
        {
            "group": group,
            "threads": selectors.thread_list(user=user, group=group)[:10],
            "events": selectors.event_list(user=user, group=group)[:5],
            "documents": group.documents.select_related("added_by")[:20],
            "challenges": [
                c
                for c in group.challenges.select_related("owner_city")
                if user.has_perm("challenges.view_challenge", c)
            ],
            "processes": [
                p for p in group.processes.all() if user.has_perm("processes.view_process", p)
            ],
            "members": group.memberships.select_related("user"),
            "is_member": user.is_authenticated
            and group.memberships.filter(user_id=user.pk).exists(),
            "can_join": user.has_perm("community.join_group", group),
            "can_write": user.has_perm("community.write_discussion", group),
            "can_manage": user.has_perm("community.change_group", group),
            "can_add_document": user.has_perm("community.add_document", group),
            "thread_form": ThreadForm(prefix="thread"),
            "linkable_processes": (
                visible_processes(user=user)
                .exclude(pk__in=group.processes.values("pk"))
                .order_by("title")[:50]
                if user.has_perm("community.change_group", group)
                else []
            ),
            "document_form": DocumentForm(prefix="document"),
        },
    )


@login_required
@require_POST
def group_join(request: HttpRequest, slug: str) -> HttpResponse:
    group = _group(request, slug)
    _check(request, "community.join_group", group, "You cannot join this group.")
    services.group_join(actor=current_user(request), group=group)
    messages.success(request, _("You joined the group."))
    return redirect("community:group_detail", slug=slug)


@login_required
@require_POST
def group_leave(request: HttpRequest, slug: str) -> HttpResponse:
    group = _group(request, slug)
    try:
        services.group_leave(actor=current_user(request), group=group)
    except ValidationError as exc:
        _flash(request, exc)
    return redirect("community:group_detail", slug=slug)


@login_required
@require_POST
def group_add_member(request: HttpRequest, slug: str) -> HttpResponse:
    group = _group(request, slug)
    _check(request, "community.change_group", group, "Only the group's lead adds members.")
    person = User.objects.filter(email__iexact=request.POST.get("email", "").strip()).first()
    if person is None:
        messages.error(request, _("Nobody with this e-mail address is registered."))
    else:
        services.group_add_member(actor=current_user(request), group=group, user=person)
        messages.success(request, _("%(who)s is a member now.") % {"who": person.display_name})
    return redirect("community:group_detail", slug=slug)


@login_required
@require_POST
def group_link(request: HttpRequest, slug: str) -> HttpResponse:
    group = _group(request, slug)
    _check(
        request,
        "community.change_group",
        group,
        "Only the group's lead links challenges and processes.",
    )
    challenge = Challenge.objects.filter(slug=request.POST.get("challenge", "").strip()).first()
    process = Process.objects.filter(slug=request.POST.get("process", "").strip()).first()
    try:
        if challenge is None and process is None:
            raise ValidationError(
                {"challenge": ["Choose a process or give a challenge's address name (slug)."]}
            )
        services.group_link(
            actor=current_user(request), group=group, challenge=challenge, process=process
        )
    except ValidationError as exc:
        _flash(request, exc)
    else:
        messages.success(request, _("Linked."))
    return redirect("community:group_detail", slug=slug)


@login_required
@require_POST
def document_add(request: HttpRequest, slug: str) -> HttpResponse:
    group = _group(request, slug)
    _check(request, "community.add_document", group, "Members add documents.")
    form = DocumentForm(request.POST, request.FILES, prefix="document")
    try:
        if not form.is_valid():
            raise _form_errors(form)
        services.document_add(actor=current_user(request), group=group, **form.cleaned_data)
    except ValidationError as exc:
        _flash(request, exc)
    else:
        messages.success(request, _("Document added."))
    return redirect("community:group_detail", slug=slug)


def document_download(request: HttpRequest, document_id: int) -> HttpResponseBase:
    doc = get_object_or_404(GroupDocument.objects.select_related("group"), pk=document_id)
    _check(request, "community.view_group", doc.group, "This working group is private.")
    if not doc.file:
        if doc.url:
            return redirect(doc.url)
        raise Http404("No file.")
    return FileResponse(
        doc.file.open("rb"),
        as_attachment=True,
        filename=(doc.file.name or "file").rsplit("/", 1)[-1],
    )


# --- discussions ---------------------------------------------------------------------------------
def _thread(request: HttpRequest, thread_id: int) -> Thread:
    thread = get_object_or_404(Thread.objects.select_related("group", "process"), pk=thread_id)
    _check(request, "community.read_discussion", thread, "This discussion is not visible to you.")
    return thread


@login_required
@require_POST
def group_thread_create(request: HttpRequest, slug: str) -> HttpResponse:
    group = _group(request, slug)
    _check(request, "community.write_discussion", group, "Members of the group start discussions.")
    form = ThreadForm(request.POST, prefix="thread")
    try:
        if not form.is_valid():
            raise _form_errors(form)
        thread = services.thread_create(
            actor=current_user(request), group=group, **form.cleaned_data
        )
    except ValidationError as exc:
        _flash(request, exc)
        return redirect("community:group_detail", slug=slug)
    return redirect("community:thread_detail", thread_id=thread.pk)


def process_threads(request: HttpRequest, slug: str) -> HttpResponse:
    process = get_object_or_404(Process, slug=slug)
    _check(
        request,
        "processes.view_process",
        process,
        "This process is visible to its participants only.",
    )
    form = ThreadForm(request.POST or None)
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(f"{reverse('account_login')}?next={request.path}")
        _check(
            request,
            "community.write_discussion",
            process,
            "Participants discuss while the phase is open for comments.",
        )
        if form.is_valid():
            try:
                thread = services.thread_create(
                    actor=current_user(request), process=process, **form.cleaned_data
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                return redirect("community:thread_detail", thread_id=thread.pk)
    q = request.GET.get("q", "").strip()
    page_info = paginate(
        selectors.thread_list(user=request.user, process=process, search=q),
        page=request.GET.get("page"),
        params=request.GET,
    )
    return render(
        request,
        "community/process_threads.html",
        {
            "process": process,
            "page_info": page_info,
            "q": q,
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
def thread_reply(request: HttpRequest, thread_id: int) -> HttpResponse:
    thread = _thread(request, thread_id)
    _check(request, "community.write_discussion", thread, "You cannot write in this discussion.")
    try:
        services.post_reply(
            actor=current_user(request), thread=thread, body=request.POST.get("body", "")
        )
    except ValidationError as exc:
        _flash(request, exc)
    return redirect("community:thread_detail", thread_id=thread.pk)


def _post(request: HttpRequest, post_id: int) -> Post:
    post = get_object_or_404(
        Post.objects.select_related("thread__group", "thread__process"), pk=post_id
    )
    _check(
        request, "community.read_discussion", post.thread, "This discussion is not visible to you."
    )
    return post


@login_required
def post_edit(request: HttpRequest, post_id: int) -> HttpResponse:
    post = _post(request, post_id)
    _check(request, "community.edit_post", post, "Only the author edits a post.")
    form = PostForm(request.POST or None, initial={"body": post.body})
    if request.method == "POST" and form.is_valid():
        try:
            services.post_edit(
                actor=current_user(request), post=post, body=form.cleaned_data["body"]
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            return redirect("community:thread_detail", thread_id=post.thread_id)
    return render(request, "community/form.html", {"form": form, "title": _("Edit your post")})


def post_history(request: HttpRequest, post_id: int) -> HttpResponse:
    post = _post(request, post_id)
    if post.hidden_at and not request.user.has_perm("community.moderate"):
        raise PermissionDenied("This post was hidden by a moderator.")
    return render(
        request,
        "community/post_history.html",
        {"post": post, "revisions": post.revisions.select_related("edited_by")},
    )


@login_required
@require_POST
def post_report(request: HttpRequest, post_id: int) -> HttpResponse:
    post = _post(request, post_id)
    _check(request, "community.report_post", post, "You cannot report this post.")
    try:
        services.post_report(
            actor=current_user(request), post=post, reason=request.POST.get("reason", "")
        )
    except ValidationError as exc:
        _flash(request, exc)
    else:
        messages.success(request, _("Thank you. The coordinators will look at it."))
    return redirect("community:thread_detail", thread_id=post.thread_id)


@login_required
@require_POST
def post_moderate(request: HttpRequest, post_id: int) -> HttpResponse:
    post = _post(request, post_id)
    _check(request, "community.moderate", post, "Only coordinators moderate.")
    try:
        services.post_moderate(
            actor=current_user(request),
            post=post,
            hide=request.POST.get("hide", "1") == "1",
            reason=request.POST.get("reason", ""),
        )
    except ValidationError as exc:
        _flash(request, exc)
    return redirect("community:thread_detail", thread_id=post.thread_id)


@login_required
def moderation(request: HttpRequest) -> HttpResponse:
    _check(request, "community.moderate", None, "Only coordinators moderate.")
    page_info = paginate(selectors.open_reports(), page=request.GET.get("page"), params=request.GET)
    return render(request, "community/moderation.html", {"page_info": page_info})


# --- events --------------------------------------------------------------------------------------
def event_list(request: HttpRequest) -> HttpResponse:
    when = request.GET.get("when", "upcoming")
    kind, q = request.GET.get("kind", ""), request.GET.get("q", "").strip()
    page_info = paginate(
        selectors.event_list(user=request.user, when=when, kind=kind, search=q),
        page=request.GET.get("page"),
        params=request.GET,
    )
    return render(
        request,
        "community/event_list.html",
        {
            "page_info": page_info,
            "when": when,
            "kind": kind,
            "q": q,
            "kinds": EventKind.choices,
            "can_add": request.user.has_perm("community.add_event"),
        },
    )


@login_required
def event_create(request: HttpRequest) -> HttpResponse:
    _check(request, "community.add_event", None, "People of member organisations organise events.")
    group = WorkingGroup.objects.filter(slug=request.GET.get("group", "")).first()
    process = Process.objects.filter(slug=request.GET.get("process", "")).first()
    initial = {"kind": "consultancy"} if process is not None else {}
    form = EventForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            event = services.event_create(
                actor=current_user(request), group=group, process=process, **form.cleaned_data
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The event is published."))
            return redirect("community:event_detail", slug=event.slug)
    return render(
        request,
        "community/form.html",
        {
            "form": form,
            "title": _("New event")
            + (f" · {group.name}" if group else "")
            + (f" · {process.title}" if process else ""),
        },
    )


def _event(request: HttpRequest, slug: str) -> Event:
    event = get_object_or_404(
        Event.objects.select_related("group", "process", "organiser"), slug=slug
    )
    _check(
        request, "community.view_event", event, "This event belongs to a private group or process."
    )
    return event


def event_detail(request: HttpRequest, slug: str) -> HttpResponse:
    event = _event(request, slug)
    registration = selectors.user_registration(event=event, user=request.user)
    return render(
        request,
        "community/event_detail.html",
        {
            "event": event,
            "counts": selectors.event_counts(event=event),
            "registration": registration,
            "position": selectors.waiting_position(registration=registration)
            if registration
            else None,
            "can_register": request.user.has_perm("community.register_event", event),
            "can_change": request.user.has_perm("community.change_event", event),
            "can_see_attendees": request.user.has_perm("community.view_attendees", event),
            "report_form": ReportForm(initial={"report": event.report}),
        },
    )


@login_required
def event_edit(request: HttpRequest, slug: str) -> HttpResponse:
    event = _event(request, slug)
    _check(request, "community.change_event", event, "Only the organiser changes the event.")
    from zoneinfo import ZoneInfo

    zone = ZoneInfo(event.timezone)
    initial = {
        f: getattr(event, f)
        for f in (
            "title",
            "kind",
            "timezone",
            "place",
            "online_url",
            "capacity",
            "description",
            "agenda",
        )
    }
    initial["starts_at"] = event.starts_at.astimezone(zone).replace(tzinfo=None)
    initial["ends_at"] = event.ends_at.astimezone(zone).replace(tzinfo=None)
    form = EventForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.event_update(actor=current_user(request), event=event, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The event was saved."))
            return redirect("community:event_detail", slug=event.slug)
    return render(request, "community/form.html", {"form": form, "title": _("Edit the event")})


@login_required
@require_POST
def event_register(request: HttpRequest, slug: str) -> HttpResponse:
    event = _event(request, slug)
    _check(request, "community.register_event", event, "Registration is closed.")
    try:
        reg = services.event_register(actor=current_user(request), event=event)
    except ValidationError as exc:
        _flash(request, exc)
    else:
        if reg.status == "waiting":
            messages.warning(
                request,
                _(
                    "The event is full: you are on the waiting list. You get a place automatically when someone cancels."
                ),
            )
        else:
            messages.success(request, _("You are registered."))
    return redirect("community:event_detail", slug=slug)


@login_required
@require_POST
def event_unregister(request: HttpRequest, slug: str) -> HttpResponse:
    event = _event(request, slug)
    try:
        services.registration_cancel(actor=current_user(request), event=event)
    except ValidationError as exc:
        _flash(request, exc)
    else:
        messages.success(request, _("Your registration is cancelled."))
    return redirect("community:event_detail", slug=slug)


@login_required
@require_POST
def event_cancel(request: HttpRequest, slug: str) -> HttpResponse:
    event = _event(request, slug)
    _check(request, "community.change_event", event, "Only the organiser cancels the event.")
    services.event_cancel(actor=current_user(request), event=event)
    messages.success(request, _("The event is cancelled."))
    return redirect("community:event_detail", slug=slug)


@login_required
@require_POST
def event_report(request: HttpRequest, slug: str) -> HttpResponse:
    event = _event(request, slug)
    _check(request, "community.change_event", event, "Only the organiser writes the report.")
    try:
        services.event_update(
            actor=current_user(request), event=event, report=request.POST.get("report", "")
        )
    except ValidationError as exc:
        _flash(request, exc)
    else:
        messages.success(request, _("The report is published."))
    return redirect("community:event_detail", slug=slug)


@login_required
def event_attendees(request: HttpRequest, slug: str) -> HttpResponse:
    event = _event(request, slug)
    _check(request, "community.view_attendees", event, "Only the organiser sees who comes.")
    return render(
        request,
        "community/event_attendees.html",
        {"event": event, "attendees": selectors.event_attendees(event=event)},
    )


def _ics_response(body: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def event_ics(request: HttpRequest, slug: str) -> HttpResponse:
    event = _event(request, slug)
    url = request.build_absolute_uri(reverse("community:event_detail", args=[event.slug]))
    return _ics_response(
        ics.calendar([(event, url)], name=event.title, host=request.get_host()), f"{event.slug}.ics"
    )


def event_feed(request: HttpRequest) -> HttpResponse:
    """The calendar feed: the events the requester may see (calendar apps fetch anonymously, so
    subscribers get the public ones), upcoming and of the last 30 days."""
    from datetime import timedelta

    from django.utils import timezone

    events = (
        selectors.visible_events(user=request.user)
        .filter(ends_at__gte=timezone.now() - timedelta(days=30))
        .order_by("starts_at")[:500]
    )
    items = [
        (e, request.build_absolute_uri(reverse("community:event_detail", args=[e.slug])))
        for e in events
    ]
    return _ics_response(ics.calendar(items, host=request.get_host()), "urbanforum-events.ics")


# --- mentoring -----------------------------------------------------------------------------------
def mentoring(request: HttpRequest) -> HttpResponse:
    topic, q = request.GET.get("topic", ""), request.GET.get("q", "").strip()
    page_info = paginate(
        selectors.offer_list(topic=topic, search=q),
        page=request.GET.get("page"),
        params=request.GET,
    )
    user = request.user
    return render(
        request,
        "community/mentoring.html",
        {
            "page_info": page_info,
            "topic": topic,
            "q": q,
            "domains": DOMAINS,
            "mentorships": selectors.user_mentorships(user=user),
            "requests": selectors.user_requests(user=user),
            "can_offer": user.has_perm("community.offer_mentoring"),
            "offer_form": OfferForm(),
        },
    )


@login_required
@require_POST
def offer_create(request: HttpRequest) -> HttpResponse:
    _check(request, "community.offer_mentoring", None, "Experts and city editors offer mentoring.")
    form = OfferForm(request.POST)
    try:
        if not form.is_valid():
            raise _form_errors(form)
        user = current_user(request)
        from urbanforum.accounts.models import Membership

        org = next(
            (
                m.organisation
                for m in Membership.objects.filter(
                    user=user, role__in=["editor", "admin"], organisation__kind="city"
                ).select_related("organisation")
            ),
            None,
        )
        services.offer_create(
            actor=user, organisation=None if user.is_expert else org, **form.cleaned_data
        )
    except ValidationError as exc:
        _flash(request, exc)
    else:
        messages.success(request, _("Your mentoring offer is published."))
    return redirect("community:mentoring")


@login_required
def request_create(request: HttpRequest, challenge_slug: str) -> HttpResponse:
    challenge = get_object_or_404(Challenge, slug=challenge_slug)
    _check(
        request,
        "community.request_mentoring",
        challenge,
        "The challenge's city asks for mentoring.",
    )
    form = RequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            req = services.request_create(
                actor=current_user(request), challenge=challenge, **form.cleaned_data
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            return redirect("community:request_detail", request_id=req.pk)
    return render(
        request,
        "community/form.html",
        {"form": form, "title": _("Ask for a mentor: %(c)s") % {"c": challenge.title}},
    )


def _request(request: HttpRequest, request_id: int) -> MentoringRequest:
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


@login_required
def request_detail(request: HttpRequest, request_id: int) -> HttpResponse:
    req = _request(request, request_id)
    return render(
        request,
        "community/request_detail.html",
        {
            "req": req,
            "proposals": selectors.propose_mentors(request=req),
            "asked": req.mentorships.select_related("mentor"),
            "asked_ids": set(
                req.mentorships.exclude(status="declined").values_list("mentor_id", flat=True)
            ),
        },
    )


@login_required
@require_POST
def mentorship_propose(request: HttpRequest, request_id: int) -> HttpResponse:
    req = _request(request, request_id)
    offer = get_object_or_404(MentoringOffer, pk=request.POST.get("offer"))
    try:
        m = services.mentorship_propose(
            actor=current_user(request),
            request=req,
            offer=offer,
            goals=request.POST.get("goals", ""),
        )
    except ValidationError as exc:
        _flash(request, exc)
        return redirect("community:request_detail", request_id=req.pk)
    messages.success(request, _("%(m)s was asked.") % {"m": offer.mentor.display_name})
    return redirect("community:mentorship_detail", mentorship_id=m.pk)


def _mentorship(request: HttpRequest, mentorship_id: int) -> Mentorship:
    m = get_object_or_404(
        Mentorship.objects.select_related("mentor", "mentee_organisation", "challenge"),
        pk=mentorship_id,
    )
    _check(
        request,
        "community.view_mentorship",
        m,
        "Only the mentor and the mentee city see a mentorship.",
    )
    return m


@login_required
def mentorship_detail(request: HttpRequest, mentorship_id: int) -> HttpResponse:
    m = _mentorship(request, mentorship_id)
    user = request.user
    return render(
        request,
        "community/mentorship_detail.html",
        {
            "m": m,
            "sessions": m.sessions.select_related("recorded_by"),
            "feedback": m.feedback.select_related("author"),
            "can_answer": user.has_perm("community.answer_mentorship", m),
            "can_record": user.has_perm("community.record_session", m),
            "can_end": user.has_perm("community.end_mentorship", m),
            "can_feedback": user.has_perm("community.give_feedback", m),
            "session_form": SessionForm(),
            "feedback_form": FeedbackForm(),
        },
    )


def _mentorship_action(perm: str, message: str, action: Any) -> Any:
    @login_required
    @require_POST
    def view(request: HttpRequest, mentorship_id: int) -> HttpResponse:
        m = _mentorship(request, mentorship_id)
        _check(request, perm, m, message)
        try:
            action(request, m)
        except ValidationError as exc:
            _flash(request, exc)
        return redirect("community:mentorship_detail", mentorship_id=m.pk)

    return view


def _answer(request: HttpRequest, m: Mentorship) -> None:
    services.mentorship_answer(
        actor=current_user(request), mentorship=m, accept=request.POST.get("accept", "1") == "1"
    )


def _session(request: HttpRequest, m: Mentorship) -> None:
    form = SessionForm(request.POST)
    if not form.is_valid():
        raise _form_errors(form)
    services.session_record(actor=current_user(request), mentorship=m, **form.cleaned_data)


def _end(request: HttpRequest, m: Mentorship) -> None:
    services.mentorship_end(actor=current_user(request), mentorship=m)


def _feedback(request: HttpRequest, m: Mentorship) -> None:
    form = FeedbackForm(request.POST)
    if not form.is_valid():
        raise _form_errors(form)
    services.feedback_give(actor=current_user(request), mentorship=m, **form.cleaned_data)


mentorship_answer = _mentorship_action(
    "community.answer_mentorship", "Only the asked mentor answers.", _answer
)
mentorship_session = _mentorship_action(
    "community.record_session", "The mentor and the mentee city record sessions.", _session
)
mentorship_end = _mentorship_action(
    "community.end_mentorship", "The mentor or the mentee city ends a mentorship.", _end
)
mentorship_feedback = _mentorship_action(
    "community.give_feedback", "Feedback is given by both sides after the end.", _feedback
)


# --- dashboard -----------------------------------------------------------------------------------
@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    return render(
        request, "community/dashboard.html", selectors.dashboard(user=current_user(request))
    )
