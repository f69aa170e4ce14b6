"""What the community shows on a process page: its discussions and its sessions and events.

Registered with processes' panel hook in CommunityConfig.ready() — processes, a floor below, never
imports the community."""

from __future__ import annotations

from django.template.defaultfilters import date as format_date
from django.urls import reverse
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from urbanforum.community import selectors
from urbanforum.processes.models import Process
from urbanforum.processes.registry import (
    INTERVENTION,
    Panel,
    PanelItem,
    PanelLink,
    Viewer,
    register_panel,
)


def discussions(process: Process, user: Viewer) -> Panel:
    threads = selectors.thread_list(process=process)[:5]
    all_url = reverse("community:process_threads", args=[process.slug])
    return Panel(
        title=_("Discussion"),
        items=[
            PanelItem(
                t.title,
                reverse("community:thread_detail", args=[t.pk]),
                f"{getattr(t, 'reply_count', 0)} {_('posts')}",
            )
            for t in threads
        ],
        empty=_("No discussion yet."),
        links=[PanelLink(_("All discussions"), all_url)],
        shortcut=PanelLink(_("Discussions"), all_url),
    )


def events(process: Process, user: Viewer) -> Panel:
    upcoming = selectors.event_list(user=user).filter(process=process)[:5]
    links = []
    if user.has_perm("processes.comment", process) and user.has_perm("community.add_event"):
        active = process.active_phase
        label = (
            _("Schedule a consultancy session")
            if active is not None and active.phase_type == INTERVENTION
            else _("Schedule a meeting")
        )
        links.append(
            PanelLink(label, f"{reverse('community:event_create')}?process={process.slug}")
        )
    return Panel(
        title=_("Sessions and events"),
        items=[
            PanelItem(
                e.title,
                reverse("community:event_detail", args=[e.slug]),
                f"{e.get_kind_display()} · {format_date(localtime(e.starts_at), 'j M Y')}",
            )
            for e in upcoming
        ],
        empty=_("No upcoming sessions."),
        links=links,
    )


def register() -> None:
    register_panel("discussion", discussions, order=10)
    register_panel("events", events, order=20)
