"""Who gets which event: one small strategy class per event type.

A strategy turns a `DomainEvent` into recipients and a message. Register with `@register`. Other
apps may register their own strategies (the registry is keyed by event name); `subscribers.connect`
subscribes the notifications app to every registered event type.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, ClassVar

from django.db.models import Q
from django.urls import NoReverseMatch, reverse

from urbanforum.accounts.models import Membership, Role, User
from urbanforum.core.events import DomainEvent


@dataclass(frozen=True)
class Message:
    text: str
    url: str = ""
    object_key: str = ""
    object_label: str = ""


class Strategy:
    event_type: ClassVar[str]
    label: ClassVar[str]
    default_email: ClassVar[str] = "daily"

    def recipients(self, event: DomainEvent) -> Iterable[User]:  # pragma: no cover - abstract
        raise NotImplementedError

    def message(self, event: DomainEvent) -> Message:  # pragma: no cover - abstract
        raise NotImplementedError


STRATEGIES: dict[str, Strategy] = {}


def register(cls: type[Strategy]) -> type[Strategy]:
    STRATEGIES[cls.event_type] = cls()
    return cls


def _url(name: str, *args: Any) -> str:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


def _actor_name(event: DomainEvent) -> str:
    if event.actor_id is None:
        return "Someone"
    user = User.objects.filter(pk=int(event.actor_id)).first()
    return user.display_name if user else "Someone"


# --- processes ----------------------------------------------------------------------------------
def _process_people(process_id: int, *, editors_only: bool = False) -> Iterable[User]:
    from urbanforum.processes.models import Participant

    orgs = (
        Participant.objects.filter(process_id=process_id)
        .exclude(organisation=None)
        .values("organisation_id")
    )
    roles = [Role.EDITOR, Role.ADMIN] if editors_only else list(Role.values)
    people = Participant.objects.filter(process_id=process_id).exclude(user=None).values("user_id")
    return User.objects.filter(
        Q(pk__in=people)
        | Q(
            pk__in=Membership.objects.filter(organisation_id__in=orgs, role__in=roles).values(
                "user_id"
            )
        )
    ).distinct()


class _ProcessStrategy(Strategy):
    editors_only = False

    def recipients(self, event: DomainEvent) -> Iterable[User]:
        return _process_people(event.payload["process_id"], editors_only=self.editors_only)

    def text(self, event: DomainEvent) -> str:  # pragma: no cover - overridden
        raise NotImplementedError

    def message(self, event: DomainEvent) -> Message:
        from urbanforum.processes.models import Process

        process = Process.objects.filter(pk=event.payload["process_id"]).first()
        return Message(
            text=self.text(event),
            url=_url("processes:detail", process.slug) if process else "",
            object_key=f"processes.process:{event.payload['process_id']}",
            object_label=event.payload.get("process_title", ""),
        )


@register
class ProcessInvitationStrategy(_ProcessStrategy):
    event_type = "process.invitation_created"
    label = "A city is invited to a process"
    default_email = "immediate"

    def recipients(self, event: DomainEvent) -> Iterable[User]:
        return User.objects.filter(
            memberships__organisation_id=event.payload["organisation_id"],
            memberships__role__in=[Role.EDITOR, Role.ADMIN],
        ).distinct()

    def text(self, event: DomainEvent) -> str:
        return f"{_actor_name(event)} invites your city to the process “{event.payload.get('process_title', '')}”."

    def message(self, event: DomainEvent) -> Message:
        base = super().message(event)
        return Message(
            base.text, _url("community:dashboard") or base.url, base.object_key, base.object_label
        )


@register
class ProcessJoinedStrategy(_ProcessStrategy):
    event_type = "process.joined"
    label = "A city joins a process"
    editors_only = True

    def text(self, event: DomainEvent) -> str:
        from urbanforum.accounts.models import Organisation

        org = Organisation.objects.filter(pk=event.payload.get("organisation_id") or 0).first()
        return f"{org.name if org else 'A city'} joined “{event.payload.get('process_title', '')}”."


@register
class PhaseAdvancedStrategy(_ProcessStrategy):
    event_type = "process.phase_advanced"
    label = "A process moves to its next phase"

    def text(self, event: DomainEvent) -> str:
        nxt = event.payload.get("next") or "completed"
        return f"“{event.payload.get('process_title', '')}” completed {event.payload.get('completed', '')}; now: {nxt}."


@register
class TaskAssignedStrategy(_ProcessStrategy):
    event_type = "process.task_assigned"
    label = "A task is assigned to me"
    default_email = "immediate"

    def recipients(self, event: DomainEvent) -> Iterable[User]:
        return User.objects.filter(pk=event.payload["owner_id"])

    def text(self, event: DomainEvent) -> str:
        return f"{_actor_name(event)} gave you the task “{event.payload.get('task_title', '')}”."


@register
class TaskDoneStrategy(_ProcessStrategy):
    event_type = "process.task_done"
    label = "A task in my process is done"
    editors_only = True

    def text(self, event: DomainEvent) -> str:
        return f"{_actor_name(event)} completed the task “{event.payload.get('task_title', '')}”."


@register
class ResultPublishedStrategy(_ProcessStrategy):
    event_type = "process.result_published"
    label = "A process publishes its result"

    def text(self, event: DomainEvent) -> str:
        return f"“{event.payload.get('process_title', '')}” published its result."


# --- community ----------------------------------------------------------------------------------
@register
class MentionStrategy(Strategy):
    event_type = "community.mentioned"
    label = "Someone mentions me"
    default_email = "immediate"

    def recipients(self, event: DomainEvent) -> Iterable[User]:
        return User.objects.filter(pk__in=event.payload.get("user_ids", []))

    def message(self, event: DomainEvent) -> Message:
        return Message(
            f"{_actor_name(event)} mentioned you in “{event.payload.get('thread_title', '')}”.",
            _url("community:thread_detail", event.payload["thread_id"]),
            f"community.thread:{event.payload['thread_id']}",
            event.payload.get("thread_title", ""),
        )


@register
class ReplyStrategy(Strategy):
    event_type = "community.replied"
    label = "A reply in a discussion I take part in"

    def recipients(self, event: DomainEvent) -> Iterable[User]:
        from urbanforum.community.models import Post

        authors = Post.objects.filter(thread_id=event.payload["thread_id"]).values("author_id")
        mentioned = event.payload.get("user_ids", [])  # they get the mention instead
        return User.objects.filter(pk__in=authors).exclude(pk__in=mentioned)

    def message(self, event: DomainEvent) -> Message:
        return Message(
            f"{_actor_name(event)} replied in “{event.payload.get('thread_title', '')}”.",
            _url("community:thread_detail", event.payload["thread_id"]),
            f"community.thread:{event.payload['thread_id']}",
            event.payload.get("thread_title", ""),
        )


@register
class PostReportedStrategy(Strategy):
    event_type = "community.post_reported"
    label = "A post is reported (coordinators)"
    default_email = "immediate"

    def recipients(self, event: DomainEvent) -> Iterable[User]:
        return User.objects.filter(is_coordinator=True, is_active=True)

    def message(self, event: DomainEvent) -> Message:
        return Message(
            f"A post in “{event.payload.get('thread_title', '')}” was reported: {event.payload.get('reason', '')}",
            _url("community:thread_detail", event.payload["thread_id"]),
            f"community.thread:{event.payload['thread_id']}",
            event.payload.get("thread_title", ""),
        )


class _EventStrategy(Strategy):
    def message(self, event: DomainEvent) -> Message:
        return Message(
            self.text(event),
            _url("community:event_detail", event.payload["event_id"]),
            f"community.event:{event.payload['event_id']}",
            event.payload.get("event_title", ""),
        )

    def text(self, event: DomainEvent) -> str:  # pragma: no cover - overridden
        raise NotImplementedError


@register
class EventPromotedStrategy(_EventStrategy):
    event_type = "community.registration_promoted"
    label = "I get a place from an event's waiting list"
    default_email = "immediate"

    def recipients(self, event: DomainEvent) -> Iterable[User]:
        return User.objects.filter(pk=event.payload["user_id"])

    def text(self, event: DomainEvent) -> str:
        return f"A place became free: you are now registered for “{event.payload.get('event_title', '')}”."


@register
class EventCreatedStrategy(_EventStrategy):
    event_type = "community.event_created"
    label = "A new event in my working groups"

    def recipients(self, event: DomainEvent) -> Iterable[User]:
        group_id = event.payload.get("group_id")
        if not group_id:
            return User.objects.none()
        return User.objects.filter(working_group_memberships__group_id=group_id)

    def text(self, event: DomainEvent) -> str:
        return f"New event: “{event.payload.get('event_title', '')}”."


@register
class MentorshipStrategy(Strategy):
    event_type = "community.mentorship_started"
    label = "A mentorship starts with me"
    default_email = "immediate"

    def recipients(self, event: DomainEvent) -> Iterable[User]:
        return User.objects.filter(pk__in=event.payload.get("user_ids", []))

    def message(self, event: DomainEvent) -> Message:
        return Message(
            f"A mentorship started: “{event.payload.get('title', '')}”.",
            _url("community:mentorship_detail", event.payload["mentorship_id"]),
            f"community.mentorship:{event.payload['mentorship_id']}",
            event.payload.get("title", ""),
        )


@register
class MentoringRequestedStrategy(Strategy):
    event_type = "community.mentoring_requested"
    label = "A city asks me for mentoring"
    default_email = "immediate"

    def recipients(self, event: DomainEvent) -> Iterable[User]:
        return User.objects.filter(pk__in=event.payload.get("user_ids", []))

    def message(self, event: DomainEvent) -> Message:
        return Message(
            f"{_actor_name(event)} asks you to mentor them on “{event.payload.get('title', '')}”.",
            _url("community:mentoring"),
            f"community.mentoring_request:{event.payload['request_id']}",
            event.payload.get("title", ""),
        )


# --- events emitted by other apps (subscribed when emitted; nothing breaks when they are absent) --
@register
class SavedSearchMatchStrategy(Strategy):
    """matching app: payload {"user_id", "saved_search_id", "title"?, "url"?, "count"?}."""

    event_type = "saved_search.new_match"
    label = "New matches for a saved search"

    def recipients(self, event: DomainEvent) -> Iterable[User]:
        user_id = event.payload.get("user_id")
        return User.objects.filter(pk=int(user_id)) if user_id else User.objects.none()

    def message(self, event: DomainEvent) -> Message:
        title = event.payload.get("title") or "your saved search"
        count = event.payload.get("count")
        text = f"{count} new matches for “{title}”." if count else f"New matches for “{title}”."
        return Message(
            text,
            event.payload.get("url", ""),
            f"matching.savedsearch:{event.payload.get('saved_search_id', '')}",
            title,
        )


@register
class OrganisationInvitationStrategy(Strategy):
    """accounts: someone is invited to an organisation (the invitee may already have an account)."""

    event_type = "invitation.created"
    label = "I am invited to an organisation"
    default_email = "off"  # accounts already sends the invitation e-mail itself

    def recipients(self, event: DomainEvent) -> Iterable[User]:
        from urbanforum.accounts.models import Invitation

        invitation = Invitation.objects.filter(pk=event.payload.get("invitation_id") or 0).first()
        if invitation is None:
            return User.objects.none()
        return User.objects.filter(email__iexact=invitation.email)

    def message(self, event: DomainEvent) -> Message:
        from urbanforum.accounts.models import Invitation

        invitation = Invitation.objects.select_related("organisation").get(
            pk=event.payload["invitation_id"]
        )
        return Message(
            f"You are invited to join {invitation.organisation.name}.",
            _url("accounts:invitation_accept", invitation.token),
            f"accounts.organisation:{invitation.organisation_id}",
            invitation.organisation.name,
        )
