from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from urbanforum.accounts.http import AuthedRequest
from urbanforum.core.lists import list_page
from urbanforum.core.schemas import parse
from urbanforum.notifications import selectors, services
from urbanforum.notifications.models import (
    EMAIL_FREQUENCIES,
    IN_APP_FREQUENCIES,
    Channel,
    Frequency,
)
from urbanforum.notifications.schemas import PreferenceIn


@login_required
def notification_list(request: AuthedRequest) -> HttpResponse:
    return list_page(
        request,
        filters=selectors.NotificationFilters,
        rows=lambda f: selectors.user_notifications(user=request.user, filters=f),
        template="notifications/list.html",
        fragment="notifications/_results.html",
        extra={"types": services.strategy_choices()},
    )


@login_required
@require_POST
def notification_open(request: AuthedRequest, notification_id: int) -> HttpResponse:
    note = selectors.user_notification(user=request.user, notification_id=notification_id)
    if note is None:
        raise Http404(_("No such notification."))
    services.notification_mark_read(actor=request.user, notification=note)
    if note.url and url_has_allowed_host_and_scheme(note.url, allowed_hosts={request.get_host()}):
        return redirect(note.url)
    return redirect("notifications:list")


@login_required
@require_POST
def mark_all_read(request: AuthedRequest) -> HttpResponse:
    n = services.notifications_mark_all_read(actor=request.user)
    messages.success(request, _("%(n)s notifications marked as read.") % {"n": n})
    return redirect("notifications:list")


@login_required
def preferences(request: AuthedRequest) -> HttpResponse:
    user = request.user
    if request.method == "POST":
        errors = 0
        for event_type, _label in services.strategy_choices():
            for channel in Channel.values:
                value = request.POST.get(f"{event_type}:{channel}")
                if value is None:
                    continue
                try:
                    data = parse(
                        PreferenceIn,
                        {"event_type": event_type, "channel": channel, "frequency": value},
                    )
                    services.preference_set(
                        actor=user,
                        event_type=data.event_type,
                        channel=data.channel,
                        frequency=data.frequency,
                    )
                except ValidationError as exc:
                    errors += 1
                    messages.error(request, " ".join(exc.messages))
        if not errors:
            messages.success(request, _("Your notification settings were saved."))
        return redirect("notifications:preferences")
    prefs = services.effective_preferences(user)
    rows = [
        {
            "type": event_type,
            "label": label,
            "in_app": prefs[(event_type, Channel.IN_APP)],
            "email": prefs[(event_type, Channel.EMAIL)],
        }
        for event_type, label in services.strategy_choices()
    ]
    return render(
        request,
        "notifications/preferences.html",
        {
            "rows": rows,
            "in_app_choices": [(f.value, f.label) for f in Frequency if f in IN_APP_FREQUENCIES],
            "email_choices": [(f.value, f.label) for f in Frequency if f in EMAIL_FREQUENCIES],
        },
    )


def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """Works without logging in: the signed token says who and what."""
    try:
        user, event_type = services.read_unsubscribe_token(token)
    except ValidationError:
        return render(request, "notifications/unsubscribe.html", {"invalid": True}, status=400)
    done = False
    if request.method == "POST":
        services.unsubscribe(token=token)
        done = True
    label = dict(services.strategy_choices()).get(event_type, "")
    return render(
        request,
        "notifications/unsubscribe.html",
        {"email": user.email, "event_type": event_type, "label": label, "done": done},
    )
