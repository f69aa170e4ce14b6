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

from urbanforum.accounts.http import current_user
from urbanforum.benchmark import charts, selectors, services
from urbanforum.benchmark.forms import RunForm
from urbanforum.benchmark.models import BenchmarkRun, PeerGroup
from urbanforum.cities.models import City
from urbanforum.cities.selectors import city_get
from urbanforum.core.forms import apply_errors
from urbanforum.core.pagination import paginate
from urbanforum.indicators import selectors as indicator_selectors
from urbanforum.indicators.smart_city import FRAMEWORK_CODE


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


def _run_for(request: HttpRequest) -> tuple[BenchmarkRun | None, selectors.RunFilters]:
    run_id = _int(request.GET.get("run"))
    if run_id is not None:
        run = selectors.run_get(pk=run_id)
        if run is None:
            raise Http404("No such run.")
        return run, selectors.RunFilters(
            run.framework.code, run.year, run.peer_group, run.peer_value
        )
    filters = selectors.RunFilters(
        framework=request.GET.get("framework", "") or FRAMEWORK_CODE,
        year=_int(request.GET.get("year")),
        peer_group=request.GET.get("peer_group", ""),
        peer_value=request.GET.get("peer_value", "").strip(),
    )
    if filters.peer_group == PeerGroup.COUNTRY:
        filters = selectors.RunFilters(
            filters.framework, filters.year, filters.peer_group, filters.peer_value.upper()
        )
    elif filters.peer_group != PeerGroup.SIZE:
        filters = selectors.RunFilters(filters.framework, filters.year, filters.peer_group, "")
    run = selectors.latest_run(filters=filters)
    if run is None and not request.GET.get("peer_group") and not request.GET.get("year"):
        run = selectors.latest_run(
            filters=selectors.RunFilters(framework=filters.framework, peer_group=PeerGroup.BSR)
        )
    return run, filters


def _default_city(request: HttpRequest, rows: list[dict[str, Any]]) -> City | None:
    slug = request.GET.get("city", "")
    if slug:
        city = city_get(ref=slug)
        if city is None:
            raise Http404("No such city.")
        return city
    user = request.user
    if user.is_authenticated:
        ids = {r["city"].pk: r["city"] for r in rows}
        for city in City.objects.filter(administration__memberships__user=user):
            if city.pk in ids:
                return city
    return rows[0]["city"] if rows else None


def dashboard(request: HttpRequest) -> HttpResponse:
    run, filters = _run_for(request)
    framework = indicator_selectors.framework_get(code=filters.framework)
    context: dict[str, Any] = {
        "run": run,
        "filters": filters,
        "frameworks": indicator_selectors.framework_list(),
        "framework": framework,
        "years": selectors.run_years(framework=framework),
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
        rows = selectors.ranking(run=run)
        root = selectors.root_code(run)
        names = selectors.node_names(run)
        kids = selectors.children_of(run, root)
        city = _default_city(request, rows)
        context.update(
            rows=rows,
            root=root,
            kids=[(k, names[k].name if k in names else k) for k in kids],
            city=city,
            has_intervals=any(r.get("rank_p05") is not None for r in rows),
            interval_run=selectors.interval_run(run=run),
            map_points=selectors.map_points(run=run, node=root),
            peer_label=run.get_peer_group_display()
            + (f" {run.peer_value}" if run.peer_value else ""),
        )
        in_run = city is not None and any(r["city"].pk == city.pk for r in rows)
        context["city_in_run"] = in_run
        if city is not None and in_run:
            profile = selectors.profile(run=run, city=city)
            best, worst = selectors.strengths_weaknesses(run=run, city=city)
            why = request.GET.get("why", root)
            if why not in names or names[why].indicator_id:
                why = root
            contribs = selectors.contributions(run=run, city=city, node=why)
            parents = {n.parent_id for n in names.values()}
            indicator_nodes = [n for n in names.values() if n.indicator_id and n.pk not in parents]
            node = request.GET.get("node", "") or (worst[0]["node"] if worst else "")
            if node not in names or not names[node].indicator_id:
                node = indicator_nodes[0].code if indicator_nodes else ""
            dist = selectors.distribution(run=run, node=node) if node else []
            node_indicator = names[node].indicator if node else None
            unit = node_indicator.unit if node_indicator is not None else ""
            own = city_scores = selectors.city_scores(run=run, city=city)
            context.update(
                profile=profile,
                profile_spec=charts.profile_chart(profile, city.name, context["peer_label"]),
                strengths=best,
                weaknesses=worst,
                why=why,
                why_name=names[why].name if why in names else why,
                why_score=own[why].score if why in own else None,
                why_children=[
                    (c["child"], c["name"])
                    for c in contribs
                    if c["child"] in names and not names[c["child"]].indicator_id
                ],
                contributions=contribs,
                contributions_spec=charts.contributions_chart(
                    contribs,
                    f"Why {city.name} scores what it does on {names[why].name if why in names else why}",
                )
                if contribs
                else None,
                node=node,
                node_obj=names.get(node),
                indicator_nodes=indicator_nodes,
                distribution=dist,
                distribution_spec=charts.distribution_chart(dist, city.slug, names[node].name, unit)
                if dist
                else None,
                city_scores=city_scores,
            )
    return render(request, "benchmark/dashboard.html", context)


def run_list(request: HttpRequest) -> HttpResponse:
    page_info = paginate(selectors.run_list(), page=request.GET.get("page"), params=request.GET)
    return render(request, "benchmark/run_list.html", {"page_info": page_info})


def run_detail(request: HttpRequest, pk: int) -> HttpResponse:
    run = selectors.run_get(pk=pk)
    if run is None:
        raise Http404("No such run.")
    form = RunForm(
        initial={
            "framework": run.framework.code,
            "year": run.year,
            "window": run.window,
            "peer_group": run.peer_group,
            "peer_value": run.peer_value,
            "uncertainty_runs": run.uncertainty_runs,
            "normalise": (run.step_changes.get("normalise") or {}).get("method", ""),
            "aggregate": (run.step_changes.get("aggregate") or {}).get("method", ""),
            "peer_cities": ", ".join(run.peer_cities.values_list("slug", flat=True)),
        }
    )
    return render(
        request,
        "benchmark/run_detail.html",
        {
            "run": run,
            "run_form": form,
            "can_run": request.user.has_perm("benchmark.add_run"),
        },
    )


def run_progress(request: HttpRequest, pk: int) -> HttpResponse:
    run = selectors.run_get(pk=pk)
    if run is None:
        raise Http404("No such run.")
    return render(request, "benchmark/_progress.html", {"run": run})


def run_csv(request: HttpRequest, pk: int) -> HttpResponse:
    run = selectors.run_get(pk=pk)
    if run is None:
        raise Http404("No such run.")
    response = HttpResponse(selectors.run_csv(run=run), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="benchmark-run-{run.pk}.csv"'
    return response


def _peer_cities(text: str) -> list[City]:
    cities = []
    for ref in [t.strip() for t in text.split(",") if t.strip()]:
        city = city_get(ref=ref)
        if city is None:
            raise ValidationError({"peer_cities": [_("Unknown city '%(ref)s'.") % {"ref": ref}]})
        cities.append(city)
    return cities


@login_required
@require_POST
def run_create(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("benchmark.add_run"):
        raise PermissionDenied(_("Members of an organisation can run the benchmark."))
    form = RunForm(request.POST)
    if form.is_valid():
        runs = form.cleaned_data.get("uncertainty_runs") or 0
        if runs and not request.user.has_perm("benchmark.add_uncertainty_run"):
            raise PermissionDenied(
                _("Uncertainty runs need an editor or admin role, or a coordinator.")
            )
        try:
            run = services.run_create(
                actor=current_user(request),
                framework=form.cleaned_data["framework"],
                year=form.cleaned_data["year"],
                window=form.cleaned_data.get("window") or 5,
                peer_group=form.cleaned_data["peer_group"],
                peer_value=form.cleaned_data.get("peer_value", ""),
                peer_cities=_peer_cities(form.cleaned_data.get("peer_cities", "")),
                step_changes=form.step_changes(),
                uncertainty_runs=runs,
                rerun_of=selectors.run_get(pk=_int(request.POST.get("rerun_of")) or 0),
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            if run.uncertainty_runs:
                messages.info(request, _("The run was queued; its progress is shown below."))
                return redirect("benchmark:run_detail", pk=run.pk)
            messages.success(request, _("The benchmark was run."))
            return redirect(reverse("benchmark:dashboard") + f"?run={run.pk}")
    return render(request, "benchmark/run_form.html", {"run_form": form})
