"""Notification strategies for matching's events (registered in MatchingConfig.ready())."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from urbanforum.accounts.models import User
from urbanforum.core.events import DomainEvent
from urbanforum.notifications.strategies import Message, Strategy, register


@register
class SavedSearchMatchStrategy(Strategy):
    """payload {"user_id", "saved_search_id", "title"?, "url"?, "count"?}."""

    event_type = "saved_search.new_match"
    label = gettext_lazy("New matches for a saved search")

    def recipients(self, event: DomainEvent) -> Iterable[User]:
        user_id = event.payload.get("user_id")
        return User.objects.filter(pk=int(user_id)) if user_id else User.objects.none()

    def message(self, event: DomainEvent) -> Message:
        title = event.payload.get("title") or _("your saved search")
        count = event.payload.get("count")
        text = (
            ngettext(
                "%(count)s new match for “%(title)s”.",
                "%(count)s new matches for “%(title)s”.",
                int(count),
            )
            % {"count": count, "title": title}
            if count
            else _("New matches for “%(title)s”.") % {"title": title}
        )
        return Message(
            text,
            event.payload.get("url", ""),
            f"matching.savedsearch:{event.payload.get('saved_search_id', '')}",
            title,
        )
