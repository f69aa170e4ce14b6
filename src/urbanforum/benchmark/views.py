from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from urbanforum.accounts.http import AuthedRequest
from urbanforum.benchmark import charts, selectors, services
from urbanforum.benchmark.forms import PublishForm, RunForm
from urbanforum.benchmark.models import BenchmarkRun, PeerGroup
from urbanforum.benchmark.selectors import dashboard as dashboard_selectors
from urbanforum.cities.models import City
from urbanforum.cities.selectors import city_get
from urbanforum.core.forms import apply_errors
from urbanforum.core.lists import filters_from, list_page
from urbanforum.indicators import selectors as indicator_selectors


def _run(request: HttpRequest, pk: int) -> BenchmarkRun:
    run = selectors.run_get(viewer=request.user, pk=pk)
    if run is None:
        raise Http404(_("No such run."))
    return run


def _city(request: HttpRequest, ranking: dashboard_selectors.Ranking) -> City | None:
    slug = request.GET.get("city", "")
    if slug:
        city = city_get(ref=slug)
        if city is None:
            raise Http404(_("No such city."))
        return city
    return dashboard_selectors.default_city(viewer=request.user, ranking=ranking)


def dashboard(request: HttpRequest) -> HttpResponse:
    choice = filters_from(selectors.DashboardChoice, request.GET)
    try:
        run, filters = selectors.dashboard_run(viewer=request.user, choice=choice)
    except LookupError:
        raise Http404(_("No such run.")) from None
    framework = indicator_selectors.framework_get(code=filters.framework)
    context: dict[str, Any] = {
        "run": run,
        "filters": filters,
        "frameworks": indicator_selectors.framework_list(),
        "framework": framework,
        "years": selectors.run_years(viewer=request.user, framework=framework),
        "peer_groups": PeerGroup.choices,
        "can_run": request.user.has_perm("benchmark.add_run"),
        "selected_year": run.year if run else filters.year,
        "selected_peer": run.peer_group if run else (filters.peer_group or PeerGroup.BSR),
        "selected_peer_value": run.peer_value if run else filters.peer_value,
        "run_form": RunForm(
            initial={
                "framework": filters.framework,
                "year": filters.year or 2019,
                "peer_group": filters.peer_group or PeerGroup.BSR,
            }
        ),
    }
    if run is not None and run.status == "done":
        official = selectors.official_run()
        ranking = dashboard_selectors.ranking(run=run)
        city = _city(request, ranking)
        context.update(
            rows=ranking.rows,
            root=ranking.root,
            kids=ranking.kids,
            city=city,
            has_intervals=ranking.has_intervals,
            interval_run=ranking.interval_run,
            map_points=ranking.map_points,
            peer_label=ranking.peer_label,
            city_in_run=ranking.includes(city),
            small_group=selectors.is_small_group(run),
            left_out=selectors.left_out(run=run),
            is_official_run=official is not None and official.pk == run.pk,
        )
        if city is not None and ranking.includes(city):
            panel = dashboard_selectors.city_panel(
                run=run,
                ranking=ranking,
                city=city,
                why=request.GET.get("why", ""),
                node=request.GET.get("node", ""),
            )
            context.update(
                vars(panel),
                profile_spec=None
                if context["small_group"]
                else charts.profile_chart(panel.profile, city.name, ranking.peer_label),
                missing=[p["name"] for p in panel.profile if p["score"] is None],
                contributions_spec=charts.contributions_chart(
                    panel.contributions,
                    _("Why %(city)s scores what it does on %(node)s")
                    % {"city": city.name, "node": panel.why_name},
                )
                if panel.contributions
                else None,
                distribution_spec=charts.distribution_chart(
                    panel.distribution, city.slug, ranking.name(panel.node), panel.unit
                )
                if panel.distribution
                else None,
            )
    return render(request, "benchmark/dashboard.html", context)


def run_list(request: HttpRequest) -> HttpResponse:
    return list_page(
        request,
        filters=selectors.RunFilters,
        rows=lambda filters: selectors.run_list(viewer=request.user, filters=filters),
        template="benchmark/run_list.html",
        fragment="benchmark/run_list.html",  # the page has no htmx part
    )


def run_detail(request: HttpRequest, pk: int) -> HttpResponse:
    run = _run(request, pk)
    form = RunForm(
        initial={
            "framework": run.framework.code,
            "year": run.year,
            "window": run.window,
            "peer_group": run.peer_group,
            "peer_value": run.peer_value,
            "uncertainty_runs": run.uncertainty_runs,
            "normalise": _changed_method(run, "normalise"),
            "aggregate": _changed_method(run, "aggregate"),
            "peer_cities": ", ".join(run.peer_cities.values_list("slug", flat=True)),
        }
    )
    return render(
        request,
        "benchmark/run_detail.html",
        {
            "run": run,
            **vars(selectors.run_report(run=run)),
            "run_form": form,
            "can_run": request.user.has_perm("benchmark.add_run"),
            "can_publish": request.user.has_perm("benchmark.publish_run", run),
        },
    )


def _changed_method(run: BenchmarkRun, step: str) -> str:
    """The method a run's step change names: a mapping's "method" or a bare method name (the
    API accepts `{"normalise": "zscore"}`)."""
    change = (run.step_changes or {}).get(step)
    if isinstance(change, str):
        return change
    return str(change.get("method", "")) if isinstance(change, dict) else ""


def run_progress(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "benchmark/_progress.html", {"run": _run(request, pk)})


def run_csv(request: HttpRequest, pk: int) -> HttpResponse:
    run = _run(request, pk)
    response = HttpResponse(selectors.run_csv(run=run), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="benchmark-run-{run.pk}.csv"'
    return response


@login_required
@require_POST
def run_create(request: AuthedRequest) -> HttpResponse:
    if not request.user.has_perm("benchmark.add_run"):
        raise PermissionDenied(_("Members of an organisation can run the benchmark."))
    form = RunForm(request.POST)
    if form.is_valid():
        if form.validated.uncertainty_runs and not request.user.has_perm(
            "benchmark.add_uncertainty_run"
        ):
            raise PermissionDenied(
                _("Uncertainty runs need an editor or admin role, or a coordinator.")
            )
        try:
            run = services.run_request(actor=request.user, request=form.validated)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            if run.uncertainty_runs:
                messages.info(request, _("The run was queued; its progress is shown below."))
                return redirect("benchmark:run_detail", pk=run.pk)
            messages.success(request, _("The benchmark was run."))
            return redirect(reverse("benchmark:dashboard") + f"?run={run.pk}")
    return render(request, "benchmark/run_form.html", {"run_form": form})


@login_required
@require_POST
def run_publish(request: AuthedRequest, pk: int) -> HttpResponse:
    """A coordinator publishes a run as official (the public default) or withdraws it."""
    run = _run(request, pk)
    if not request.user.has_perm("benchmark.publish_run", run):
        raise PermissionDenied(_("Only coordinators publish official benchmark runs."))
    form = PublishForm(request.POST)
    if form.is_valid():
        try:
            run = services.run_publish(
                actor=request.user, run=run, official=form.validated.official
            )
        except ValidationError as exc:
            messages.error(request, "; ".join(exc.messages))
        else:
            messages.success(
                request,
                _("The run is now the official one.")
                if run.is_official
                else _("The run was withdrawn from the public."),
            )
    else:
        messages.error(request, _("Say whether the run is official (true or false)."))
    return redirect("benchmark:run_detail", pk=run.pk)
