"""How procurement, pilots and reviews attach to a collaboration process (app `processes`).

A procurement or pilot belongs to a process's Action phase, a review round to its Evaluation phase.
Who may attach: the process's lead and partner cities (their editors/admins) and coordinators, who
must also be allowed to see the process. The process's own permissions decide; we only read them.

The screens themselves plug into the process's phases through `processes.registry` (each app's
`ready()` registers its feature); the process never imports these apps."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _

from urbanforum.accounts.models import Organisation, User
from urbanforum.processes.models import Process, ProcessRole
from urbanforum.processes.permissions import process_roles
from urbanforum.processes.selectors import process_detail

ACTORS = {ProcessRole.LEAD, ProcessRole.PARTNER}


def get_process(*, slug: str, user: User | AnonymousUser) -> Process | None:
    """The process if it exists and the user may see it."""
    process = process_detail(slug=slug)
    if process is None or not user.has_perm("processes.view_process", process):
        return None
    return process


def may_attach(user: User | AnonymousUser, process: Process | None) -> bool:
    if process is None or not isinstance(user, User):
        return False
    if not user.has_perm("processes.view_process", process):
        return False
    return bool(user.is_coordinator or (process_roles(user, process)[0] & ACTORS))


def require_attach(user: User | AnonymousUser, process: Process | None) -> None:
    if process is not None and not may_attach(user, process):
        raise PermissionDenied(
            _(
                "Only the lead and partner cities of the process (and coordinators) can attach to it."
            )
        )


def is_in_phase(process: Process, phase_type: str) -> bool:
    phase = process.active_phase
    return phase is not None and phase.phase_type == phase_type


def lead_organisation(process: Process) -> Organisation | None:
    lead = process.participants.filter(role=ProcessRole.LEAD, organisation__isnull=False).first()
    return lead.organisation if lead else process.challenge.owner_organisation


def process_for_request(request: HttpRequest) -> Process | None:
    """The process named by ?process=<slug> (or the form field), checked: 404 if invisible, 403 if
    the user may not attach to it."""
    slug = request.POST.get("process") or request.GET.get("process", "")
    if not slug:
        return None
    process = get_process(slug=slug, user=request.user)
    if process is None:
        raise Http404(_("No such process."))
    if not may_attach(request.user, process):
        raise PermissionDenied(_("Only the process's lead and partner cities can do this."))
    return process
