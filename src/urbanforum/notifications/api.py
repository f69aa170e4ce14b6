"""JSON twins of the notification pages."""

from datetime import datetime

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from ninja.pagination import paginate

from urbanforum.accounts.http import current_user
from urbanforum.accounts.models import User
from urbanforum.core.api import ErrorBody, Page
from urbanforum.notifications import selectors, services
from urbanforum.notifications.models import Channel, Notification
from urbanforum.notifications.schemas import PreferenceIn

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


@router.get("/notifications", response={200: list[NotificationOut], 401: ErrorBody})
@paginate(Page)
def list_notifications(
    request: HttpRequest, filters: Query[NotificationFilterIn]
) -> QuerySet[Notification]:
    return selectors.user_notifications(
        user=current_user(request),
        filters=selectors.NotificationFilters(unread=filters.unread, type=filters.type),
    )


@router.get("/notifications/unread-count", response={200: CountOut, 401: ErrorBody})
def unread(request: HttpRequest) -> dict[str, int]:
    return {"unread": selectors.unread_count(user=current_user(request))}


@router.post("/notifications/read-all", response={200: CountOut, **ERRORS})
def read_all(request: HttpRequest) -> dict[str, int]:
    services.notifications_mark_all_read(actor=current_user(request))
    return {"unread": 0}


@router.post("/notifications/{notification_id}/read", response={200: NotificationOut, **ERRORS})
def read_one(request: HttpRequest, notification_id: int) -> Notification:
    user = current_user(request)
    note = selectors.user_notification(user=user, notification_id=notification_id)
    if note is None:
        raise Http404(_("No Notification matches the given query."))
    return services.notification_mark_read(actor=user, notification=note)


def _prefs(user: User) -> list[dict[str, str]]:
    prefs = services.effective_preferences(user)
    return [
        {
            "event_type": t,
            "label": str(label),
            "in_app": prefs[(t, Channel.IN_APP)],
            "email": prefs[(t, Channel.EMAIL)],
        }
        for t, label in services.strategy_choices()
    ]


@router.get("/notification-preferences", response={200: list[PreferenceOut], 401: ErrorBody})
def get_preferences(request: HttpRequest) -> list[dict[str, str]]:
    return _prefs(current_user(request))


@router.put("/notification-preferences", response={200: list[PreferenceOut], **ERRORS})
def set_preference(request: HttpRequest, payload: PreferenceIn) -> list[dict[str, str]]:
    user = current_user(request)
    services.preference_set(
        actor=user,
        event_type=payload.event_type,
        channel=payload.channel,
        frequency=payload.frequency,
    )
    return _prefs(user)
