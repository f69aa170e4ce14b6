"""Event pages: the list, creating and changing an event, registration, attendees, iCalendar."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from urbanforum.accounts.http import AuthedRequest
from urbanforum.community import ics, selectors, services
from urbanforum.community.forms import EventEditForm, EventForm, ReportForm
from urbanforum.community.models import Event, EventKind, RegistrationStatus
from urbanforum.community.schemas import EventPatchIn
from urbanforum.community.views.common import check, flash, posted
from urbanforum.core.forms import apply_errors
from urbanforum.core.lists import list_page
from urbanforum.processes import selectors as processes

EDITABLE = ("title", "kind", "timezone", "place", "online_url", "capacity", "description", "agenda")


def event_list(request: HttpRequest) -> HttpResponse:
    return list_page(
        request,
        filters=selectors.EventFilters,
        rows=lambda f: selectors.event_list(user=request.user, filters=f),
        template="community/event_list.html",
        fragment="community/_event_results.html",
        extra={"kinds": EventKind.choices, "can_add": request.user.has_perm("community.add_event")},
    )


@login_required
def event_create(request: AuthedRequest) -> HttpResponse:
    check(
        request, "community.add_event", None, _("People of member organisations organise events.")
    )
    group = selectors.group_by_slug(request.GET.get("group", ""))
    process = processes.process_detail(slug=request.GET.get("process", ""))
    initial = {"kind": "consultancy"} if process is not None else {}
    form = EventForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.validated.model_dump(exclude={"group"})
        try:
            event = services.event_create(actor=request.user, group=group, process=process, **data)
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
    event = selectors.event_detail(slug=slug)
    if event is None:
        raise Http404(_("No such event."))
    check(
        request,
        "community.view_event",
        event,
        _("This event belongs to a private group or process."),
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
def event_edit(request: AuthedRequest, slug: str) -> HttpResponse:
    event = _event(request, slug)
    check(request, "community.change_event", event, _("Only the organiser changes the event."))
    zone = ZoneInfo(event.timezone)
    initial: dict[str, object] = {f: getattr(event, f) for f in EDITABLE}
    initial["starts_at"] = event.starts_at.astimezone(zone).replace(tzinfo=None)
    initial["ends_at"] = event.ends_at.astimezone(zone).replace(tzinfo=None)
    form = EventEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.event_update(actor=request.user, event=event, changes=form.validated)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The event was saved."))
            return redirect("community:event_detail", slug=event.slug)
    return render(request, "community/form.html", {"form": form, "title": _("Edit the event")})


@login_required
@require_POST
def event_register(request: AuthedRequest, slug: str) -> HttpResponse:
    event = _event(request, slug)
    check(request, "community.register_event", event, _("Registration is closed."))
    try:
        reg = services.event_register(actor=request.user, event=event)
    except ValidationError as exc:
        flash(request, exc)
    else:
        if reg.status == RegistrationStatus.WAITING:
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
def event_unregister(request: AuthedRequest, slug: str) -> HttpResponse:
    event = _event(request, slug)
    try:
        services.registration_cancel(actor=request.user, event=event)
    except ValidationError as exc:
        flash(request, exc)
    else:
        messages.success(request, _("Your registration is cancelled."))
    return redirect("community:event_detail", slug=slug)


@login_required
@require_POST
def event_cancel(request: AuthedRequest, slug: str) -> HttpResponse:
    event = _event(request, slug)
    check(request, "community.change_event", event, _("Only the organiser cancels the event."))
    services.event_cancel(actor=request.user, event=event)
    messages.success(request, _("The event is cancelled."))
    return redirect("community:event_detail", slug=slug)


@login_required
@require_POST
def event_report(request: AuthedRequest, slug: str) -> HttpResponse:
    event = _event(request, slug)
    check(request, "community.change_event", event, _("Only the organiser writes the report."))
    try:
        changes = posted(request, EventPatchIn, report="")
        services.event_update(actor=request.user, event=event, changes=changes)
    except ValidationError as exc:
        flash(request, exc)
    else:
        messages.success(request, _("The report is published."))
    return redirect("community:event_detail", slug=slug)


@login_required
def event_attendees(request: AuthedRequest, slug: str) -> HttpResponse:
    event = _event(request, slug)
    check(request, "community.view_attendees", event, _("Only the organiser sees who comes."))
    return render(
        request,
        "community/event_attendees.html",
        {"event": event, "attendees": selectors.event_attendees(event=event)},
    )


def _ics_response(body: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _page_url(request: HttpRequest, event: Event) -> str:
    return request.build_absolute_uri(reverse("community:event_detail", args=[event.slug]))


def event_ics(request: HttpRequest, slug: str) -> HttpResponse:
    event = _event(request, slug)
    body = ics.calendar(
        [(event, _page_url(request, event))], name=event.title, host=request.get_host()
    )
    return _ics_response(body, f"{event.slug}.ics")


def event_feed(request: HttpRequest) -> HttpResponse:
    """The calendar feed: the events the requester may see (calendar apps fetch anonymously, so
    subscribers get the public ones), upcoming and of the last 30 days."""
    events = selectors.calendar_events(user=request.user)
    items = [(e, _page_url(request, e)) for e in events]
    return _ics_response(ics.calendar(items, host=request.get_host()), "urbanforum-events.ics")
