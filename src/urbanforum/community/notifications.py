"""Notification strategies for the community's events: discussions, events, mentoring
(registered in CommunityConfig.ready())."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from urbanforum.accounts.models import User
from urbanforum.community.models import Event, Post
from urbanforum.core.events import DomainEvent
from urbanforum.notifications.strategies import (
    Message,
    Strategy,
    actor_name,
    people,
    register,
    url,
)


# --- discussions: payload {"thread_id", "thread_title", "post_id", …} ----------------------------
class ThreadStrategy(Strategy):
    def text(self, event: DomainEvent) -> str:  # pragma: no cover - overridden
        raise NotImplementedError

    def message(self, event: DomainEvent) -> Message:
        return Message(
            self.text(event),
            url("community:thread_detail", event.payload["thread_id"]),
            f"community.thread:{event.payload['thread_id']}",
            event.payload.get("thread_title", ""),
        )


@register
class MentionStrategy(ThreadStrategy):
    event_type = "community.mentioned"
    label = gettext_lazy("Someone mentions me")
    default_email = "immediate"

    def recipients(self, event: DomainEvent) -> Iterable[User]:
        return people(event.payload.get("user_ids", []))

    def text(self, event: DomainEvent) -> str:
        return _("%(actor)s mentioned you in “%(thread_title)s”.") % {
            "actor": actor_name(event),
            "thread_title": event.payload.get("thread_title", ""),
        }


@register
class ReplyStrategy(ThreadStrategy):
    event_type = "community.replied"
    label = gettext_lazy("A reply in a discussion I take part in")

    def recipients(self, event: DomainEvent) -> Iterable[User]:
        authors = Post.objects.filter(thread_id=event.payload["thread_id"]).values("author_id")
        mentioned = event.payload.get("user_ids", [])  # they get the mention instead
        return User.objects.filter(pk__in=authors).exclude(pk__in=mentioned)

    def text(self, event: DomainEvent) -> str:
        return _("%(actor)s replied in “%(thread_title)s”.") % {
            "actor": actor_name(event),
            "thread_title": event.payload.get("thread_title", ""),
        }


@register
class PostReportedStrategy(ThreadStrategy):
    event_type = "community.post_reported"
    label = gettext_lazy("A post is reported (coordinators)")
    default_email = "immediate"

    def recipients(self, event: DomainEvent) -> Iterable[User]:
        return User.objects.filter(is_coordinator=True, is_active=True)

    def text(self, event: DomainEvent) -> str:
        return _("A post in “%(thread_title)s” was reported: %(reason)s") % {
            "thread_title": event.payload.get("thread_title", ""),
            "reason": event.payload.get("reason", ""),
        }


# --- events: payload {"event_id", "event_title", …} ----------------------------------------------
class EventStrategy(Strategy):
    def text(self, event: DomainEvent) -> str:  # pragma: no cover - overridden
        raise NotImplementedError

    def message(self, event: DomainEvent) -> Message:
        # The event page's address is its slug (linking by id led to a 404).
        slug = Event.objects.filter(pk=event.payload["event_id"]).values_list("slug", flat=True)
        return Message(
            self.text(event),
            url("community:event_detail", slug[0]) if slug else "",
            f"community.event:{event.payload['event_id']}",
            event.payload.get("event_title", ""),
        )


@register
class EventPromotedStrategy(EventStrategy):
    event_type = "community.registration_promoted"
    label = gettext_lazy("I get a place from an event's waiting list")
    default_email = "immediate"

    def recipients(self, event: DomainEvent) -> Iterable[User]:
        return User.objects.filter(pk=event.payload["user_id"])

    def text(self, event: DomainEvent) -> str:
        return _("A place became free: you are now registered for “%(event_title)s”.") % {
            "event_title": event.payload.get("event_title", "")
        }


@register
class EventCreatedStrategy(EventStrategy):
    event_type = "community.event_created"
    label = gettext_lazy("A new event in my working groups")

    def recipients(self, event: DomainEvent) -> Iterable[User]:
        group_id = event.payload.get("group_id")
        if not group_id:
            return User.objects.none()
        return User.objects.filter(working_group_memberships__group_id=group_id)

    def text(self, event: DomainEvent) -> str:
        return _("New event: “%(event_title)s”.") % {
            "event_title": event.payload.get("event_title", "")
        }


# --- mentoring -----------------------------------------------------------------------------------
@register
class MentorshipStrategy(Strategy):
    event_type = "community.mentorship_started"
    label = gettext_lazy("A mentorship starts with me")
    default_email = "immediate"

    def recipients(self, event: DomainEvent) -> Iterable[User]:
        return people(event.payload.get("user_ids", []))

    def message(self, event: DomainEvent) -> Message:
        return Message(
            _("A mentorship started: “%(title)s”.") % {"title": event.payload.get("title", "")},
            url("community:mentorship_detail", event.payload["mentorship_id"]),
            f"community.mentorship:{event.payload['mentorship_id']}",
            event.payload.get("title", ""),
        )


@register
class MentoringRequestedStrategy(Strategy):
    event_type = "community.mentoring_requested"
    label = gettext_lazy("A city asks me for mentoring")
    default_email = "immediate"

    def recipients(self, event: DomainEvent) -> Iterable[User]:
        return people(event.payload.get("user_ids", []))

    def message(self, event: DomainEvent) -> Message:
        return Message(
            _("%(actor)s asks you to mentor them on “%(title)s”.")
            % {"actor": actor_name(event), "title": event.payload.get("title", "")},
            url("community:mentoring"),
            f"community.mentoring_request:{event.payload['request_id']}",
            event.payload.get("title", ""),
        )
