"""JSON twins of the notification pages."""

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema
from ninja.pagination import paginate

from urbanforum.accounts.http import current_user
from urbanforum.core.api import ErrorBody, Page
from urbanforum.notifications import selectors, services
from urbanforum.notifications.models import Channel, Notification

router = Router(tags=["notifications"])
ERRORS = {401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 422: ErrorBody}


class NotificationOut(Schema):
    id: int
    event_type: str
    text: str
    url: str
    object_key: str
    object_label: str
    actor_label: str
    created_at: datetime
    read_at: datetime | None


class NotificationFilterIn(Schema):
    unread: bool = False
    type: str = ""


class CountOut(Schema):
    unread: int


class PreferenceOut(Schema):
    event_type: str
    label: str
    in_app: str
    email: str


class PreferenceIn(Schema):
    event_type: str
    channel: str
    frequency: str


@router.get("/notifications", response={200: list[NotificationOut], 401: ErrorBody})
@paginate(Page)
def list_notifications(request: HttpRequest, filters: Query[NotificationFilterIn]) -> Any:
    return selectors.user_notifications(
        user=current_user(request), unread=filters.unread, event_type=filters.type
    )


@router.get("/notifications/unread-count", response={200: CountOut, 401: ErrorBody})
def unread(request: HttpRequest) -> Any:
    return {"unread": selectors.unread_count(user=current_user(request))}


@router.post("/notifications/read-all", response={200: CountOut, **ERRORS})
def read_all(request: HttpRequest) -> Any:
    services.notifications_mark_all_read(actor=current_user(request))
    return {"unread": 0}


@router.post("/notifications/{notification_id}/read", response={200: NotificationOut, **ERRORS})
def read_one(request: HttpRequest, notification_id: int) -> Any:
    user = current_user(request)
    note = get_object_or_404(Notification, pk=notification_id, recipient=user)
    return services.notification_mark_read(actor=user, notification=note)


def _prefs(user: Any) -> list[dict[str, str]]:
    prefs = services.effective_preferences(user)
    return [
        {
            "event_type": t,
            "label": label,
            "in_app": prefs[(t, Channel.IN_APP)],
            "email": prefs[(t, Channel.EMAIL)],
        }
        for t, label in services.strategy_choices()
    ]


@router.get("/notification-preferences", response={200: list[PreferenceOut], 401: ErrorBody})
def get_preferences(request: HttpRequest) -> Any:
    return _prefs(current_user(request))


@router.put("/notification-preferences", response={200: list[PreferenceOut], **ERRORS})
def set_preference(request: HttpRequest, payload: PreferenceIn) -> Any:
    user = current_user(request)
    services.preference_set(actor=user, **payload.dict())
    return _prefs(user)
