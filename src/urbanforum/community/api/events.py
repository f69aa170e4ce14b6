"""JSON twins of the event pages."""

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from ninja.pagination import paginate

from urbanforum.accounts.http import current_user
from urbanforum.community import selectors, services
from urbanforum.community.api.common import ERRORS, check
from urbanforum.community.api.groups import group_or_404
from urbanforum.community.models import Event, Registration, RegistrationStatus
from urbanforum.community.schemas import EventIn, EventPatchIn
from urbanforum.core.api import Page, public

router = Router()


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
            reg and reg.status == RegistrationStatus.CONFIRMED
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
    event = selectors.event_detail(slug=slug)
    if event is None:
        raise Http404(_("Unknown event '%(slug)s'.") % {"slug": slug})
    check(
        request,
        "community.view_event",
        event,
        _("This event belongs to a private group or process."),
    )
    return event


@router.get("/events", response=list[EventOut], auth=public)
@paginate(Page)
def list_events(request: HttpRequest, filters: Query[EventFilterIn]) -> QuerySet[Event]:
    return selectors.event_list(user=request.user, filters=selectors.EventFilters(**filters.dict()))


@router.post("/events", response={201: EventDetailOut, **ERRORS})
def create_event(request: HttpRequest, payload: EventIn) -> tuple[int, Event]:
    group = group_or_404(request, payload.group) if payload.group else None
    data = payload.model_dump(exclude={"group"})
    return 201, services.event_create(actor=current_user(request), group=group, **data)


@router.get("/events/{slug}", response={200: EventDetailOut, **ERRORS}, auth=public)
def get_event(request: HttpRequest, slug: str) -> Event:
    return _event(request, slug)


@router.patch("/events/{slug}", response={200: EventDetailOut, **ERRORS})
def patch_event(request: HttpRequest, slug: str, payload: EventPatchIn) -> Event:
    return services.event_update(
        actor=current_user(request), event=_event(request, slug), changes=payload
    )


@router.post("/events/{slug}/cancel", response={200: EventDetailOut, **ERRORS})
def cancel_event(request: HttpRequest, slug: str) -> Event:
    return services.event_cancel(actor=current_user(request), event=_event(request, slug))


def _registration_out(reg: Registration, event: Event) -> dict[str, object]:
    return {
        "event": event.slug,
        "status": reg.status,
        "position": selectors.waiting_position(registration=reg),
    }


@router.post("/events/{slug}/registration", response={201: RegistrationOut, **ERRORS})
def register(request: HttpRequest, slug: str) -> tuple[int, dict[str, object]]:
    event = _event(request, slug)
    reg = services.event_register(actor=current_user(request), event=event)
    return 201, _registration_out(reg, event)


@router.delete("/events/{slug}/registration", response={200: RegistrationOut, **ERRORS})
def unregister(request: HttpRequest, slug: str) -> dict[str, object]:
    event = _event(request, slug)
    reg = services.registration_cancel(actor=current_user(request), event=event)
    return _registration_out(reg, event)


@router.get("/events/{slug}/attendees", response={200: list[AttendeeOut], **ERRORS})
def attendees(request: HttpRequest, slug: str) -> list[dict[str, object]]:
    event = _event(request, slug)
    check(request, "community.view_attendees", event, _("Only the organiser sees who comes."))
    return [
        {
            "name": r.user.display_name,
            "email": r.user.email,
            "status": r.status,
            "requested_at": r.requested_at,
        }
        for r in selectors.event_attendees(event=event)
    ]
