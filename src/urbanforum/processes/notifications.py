"""Notification strategies for the events of collaboration processes (registered in
ProcessesConfig.ready()). Recipients are the people of the process: its participating persons and
the members (or only the editors and admins) of its participating organisations."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from urbanforum.accounts.models import Membership, Organisation, Role, User
from urbanforum.core.events import DomainEvent
from urbanforum.notifications.strategies import Message, Strategy, actor_name, register, url
from urbanforum.processes.models import Participant, Process


def process_people(process_id: int, *, editors_only: bool = False) -> Iterable[User]:
    participants = Participant.objects.filter(process_id=process_id)
    orgs = participants.exclude(organisation=None).values("organisation_id")
    roles = [Role.EDITOR, Role.ADMIN] if editors_only else list(Role.values)
    persons = participants.exclude(user=None).values("user_id")
    members = Membership.objects.filter(organisation_id__in=orgs, role__in=roles).values("user_id")
    return User.objects.filter(Q(pk__in=persons) | Q(pk__in=members))


class ProcessStrategy(Strategy):
    """An event about one process: payload {"process_id", "process_title", …}."""

    editors_only = False

    def recipients(self, event: DomainEvent) -> Iterable[User]:
        return process_people(event.payload["process_id"], editors_only=self.editors_only)

    def text(self, event: DomainEvent) -> str:  # pragma: no cover - overridden
        raise NotImplementedError

    def message(self, event: DomainEvent) -> Message:
        process = Process.objects.filter(pk=event.payload["process_id"]).first()
        return Message(
            text=self.text(event),
            url=url("processes:detail", process.slug) if process else "",
            object_key=f"processes.process:{event.payload['process_id']}",
            object_label=event.payload.get("process_title", ""),
        )


@register
class ProcessInvitationStrategy(ProcessStrategy):
    event_type = "process.invitation_created"
    label = gettext_lazy("A city is invited to a process")
    default_email = "immediate"

    def recipients(self, event: DomainEvent) -> Iterable[User]:
        return User.objects.filter(
            pk__in=Membership.objects.filter(
                organisation_id=event.payload["organisation_id"],
                role__in=[Role.EDITOR, Role.ADMIN],
            ).values("user_id")
        )

    def text(self, event: DomainEvent) -> str:
        return _("%(actor)s invites your city to the process “%(process_title)s”.") % {
            "actor": actor_name(event),
            "process_title": event.payload.get("process_title", ""),
        }

    def message(self, event: DomainEvent) -> Message:
        base = super().message(event)
        # The invitation is answered on the personal dashboard (when the site has one).
        return Message(
            base.text, url("community:dashboard") or base.url, base.object_key, base.object_label
        )


@register
class ProcessJoinedStrategy(ProcessStrategy):
    event_type = "process.joined"
    label = gettext_lazy("A city joins a process")
    editors_only = True

    def text(self, event: DomainEvent) -> str:
        org = Organisation.objects.filter(pk=event.payload.get("organisation_id") or 0).first()
        return _("%(city)s joined “%(process_title)s”.") % {
            "city": org.name if org else "A city",
            "process_title": event.payload.get("process_title", ""),
        }


@register
class PhaseAdvancedStrategy(ProcessStrategy):
    event_type = "process.phase_advanced"
    label = gettext_lazy("A process moves to its next phase")

    def text(self, event: DomainEvent) -> str:
        nxt = event.payload.get("next") or "completed"
        return _("“%(process_title)s” completed %(completed)s; now: %(next)s.") % {
            "process_title": event.payload.get("process_title", ""),
            "completed": event.payload.get("completed", ""),
            "next": nxt,
        }


@register
class TaskAssignedStrategy(ProcessStrategy):
    event_type = "process.task_assigned"
    label = gettext_lazy("A task is assigned to me")
    default_email = "immediate"

    def recipients(self, event: DomainEvent) -> Iterable[User]:
        return User.objects.filter(pk=event.payload["owner_id"])

    def text(self, event: DomainEvent) -> str:
        return _("%(actor)s gave you the task “%(task_title)s”.") % {
            "actor": actor_name(event),
            "task_title": event.payload.get("task_title", ""),
        }


@register
class TaskDoneStrategy(ProcessStrategy):
    event_type = "process.task_done"
    label = gettext_lazy("A task in my process is done")
    editors_only = True

    def text(self, event: DomainEvent) -> str:
        return _("%(actor)s completed the task “%(task_title)s”.") % {
            "actor": actor_name(event),
            "task_title": event.payload.get("task_title", ""),
        }


@register
class ResultPublishedStrategy(ProcessStrategy):
    event_type = "process.result_published"
    label = gettext_lazy("A process publishes its result")

    def text(self, event: DomainEvent) -> str:
        return _("“%(process_title)s” published its result.") % {
            "process_title": event.payload.get("process_title", "")
        }
