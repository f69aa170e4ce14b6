"""The planned dates of a process's phases (the lead city and coordinators re-plan)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from urbanforum.accounts.http import AuthedRequest
from urbanforum.core.forms import apply_errors
from urbanforum.processes import services
from urbanforum.processes.forms import PhaseDatesForm
from urbanforum.processes.views.common import check, visible_process


@login_required
def phase_dates(request: AuthedRequest, slug: str, phase_id: int) -> HttpResponse:
    process = visible_process(request, slug)
    check(
        request,
        "processes.change_process",
        process,
        _("Only the lead city and coordinators plan the phases."),
    )
    phase = process.phases.filter(pk=phase_id).first()
    if phase is None:
        raise Http404(_("This process has no such phase."))
    if phase.completed_at is not None:
        messages.error(request, _("A completed phase keeps its dates."))
        return redirect("processes:detail", slug=process.slug)
    form = PhaseDatesForm(
        request.POST or None, initial={"starts_on": phase.starts_on, "ends_on": phase.ends_on}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.phase_set_dates(
                actor=request.user,
                phase=phase,
                starts_on=form.validated.starts_on,
                ends_on=form.validated.ends_on,
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request, _("The dates of %(phase)s are saved.") % {"phase": phase.label}
            )
            return redirect("processes:detail", slug=process.slug)
    return render(
        request, "processes/phase_dates.html", {"form": form, "process": process, "phase": phase}
    )
