"""JSON twins of the benchmark screens: runs (create, status/progress, results, CSV)."""

from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.pagination import paginate

from urbanforum.accounts.http import current_user
from urbanforum.benchmark import policies, selectors, services
from urbanforum.benchmark.labels import MIN_PEER_GROUP
from urbanforum.benchmark.models import BenchmarkRun
from urbanforum.benchmark.schemas import PublishRequest, RunRequest
from urbanforum.cities.selectors import city_get
from urbanforum.core.api import ErrorBody, Page, private, public

router = Router(tags=["benchmark"])


class RunOut(Schema):
    id: int
    framework: str
    year: int
    window: int
    peer_group: str
    peer_value: str
    step_changes: dict[str, Any]
    uncertainty_runs: int
    seed: int
    status: str
    progress: int
    progress_label: str
    error: str
    data_hash: str
    package_version: str
    created_at: datetime
    finished_at: datetime | None
    rerun_of: int | None
    # Who sees the run: "official" (published by a coordinator: public, the public default),
    # "organisation" (its creator's organisation), "personal" or "unpublished" (coordinators).
    visibility: str
    organisation: str | None
    published_at: datetime | None

    @staticmethod
    def resolve_visibility(obj: BenchmarkRun) -> str:
        return policies.visibility(obj)

    @staticmethod
    def resolve_organisation(obj: BenchmarkRun) -> str | None:
        return obj.organisation.slug if obj.organisation_id and obj.organisation else None

    @staticmethod
    def resolve_framework(obj: BenchmarkRun) -> str:
        return obj.framework.code

    @staticmethod
    def resolve_rerun_of(obj: BenchmarkRun) -> int | None:
        return obj.rerun_of_id


class RankRow(Schema):
    rank: int | None
    city: str
    city_name: str
    eurostat_code: str | None
    score: float | None
    rank_p05: float | None
    rank_median: float | None
    rank_p95: float | None
    characteristics: dict[str, float | None]


class CityResult(Schema):
    city: str
    profile: list[dict[str, Any]]
    strengths: list[dict[str, Any]]
    weaknesses: list[dict[str, Any]]
    contributions: list[dict[str, Any]]


class ResultsOut(Schema):
    run: RunOut
    root: str
    ranking: list[RankRow]
    city: CityResult | None = None
    distribution: list[dict[str, Any]] | None = None
    reports: dict[str, Any]


class IndicatorCoverageOut(Schema):
    code: str
    name: str
    with_data: int
    cities: int
    year_min: int | None
    year_max: int | None
    years: dict[int, int]
    used: bool
    reason: str
    reason_text: str


class LeftOutOut(Schema):
    code: str
    name: str
    reason: str
    reason_text: str


class StepOut(Schema):
    step: str
    title: str
    text: str
    params: dict[str, Any]


class RunReportOut(Schema):
    """What a run did, in plain words, with the technical parameters beside them."""

    run: int
    official: bool
    cities: int
    small_group: bool
    min_peer_group: int
    changes: list[str]
    steps: list[StepOut]
    screened_out: list[str]
    left_out: list[LeftOutOut]
    coverage_rule: dict[str, Any]
    indicators: list[IndicatorCoverageOut]


def _run(request: HttpRequest, pk: int) -> BenchmarkRun:
    run = selectors.run_get(viewer=request.user, pk=pk)
    if run is None:
        raise Http404(_("No benchmark run %(pk)s.") % {"pk": pk})
    return run


@router.get(
    "/benchmark/runs", response=list[RunOut], auth=public, summary="Benchmark runs, newest first"
)
@paginate(Page)
def list_runs(
    request: HttpRequest, framework: str = "", year: int | None = None, peer_group: str = ""
) -> QuerySet[BenchmarkRun]:
    return selectors.run_list(
        viewer=request.user,
        filters=selectors.RunFilters(framework=framework, year=year, peer_group=peer_group),
    )


@router.post(
    "/benchmark/runs",
    response={201: RunOut, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 422: ErrorBody},
    auth=private,
    summary="Run the benchmark (nominal: built now; with uncertainty_runs: queued)",
)
def create_run(request: HttpRequest, payload: RunRequest) -> tuple[int, BenchmarkRun]:
    actor = current_user(request)
    if not actor.has_perm("benchmark.add_run"):
        raise PermissionDenied(_("Members of an organisation can run the benchmark."))
    if payload.uncertainty_runs and not actor.has_perm("benchmark.add_uncertainty_run"):
        raise PermissionDenied(
            _("Uncertainty runs need an editor or admin role, or a coordinator.")
        )
    return 201, services.run_request(actor=actor, request=payload)


@router.get(
    "/benchmark/runs/{pk}",
    response={200: RunOut, 404: ErrorBody},
    auth=public,
    summary="A run: parameters, status and progress (poll this while it runs)",
)
def get_run(request: HttpRequest, pk: int) -> BenchmarkRun:
    return _run(request, pk)


@router.get(
    "/benchmark/runs/{pk}/report",
    response={200: RunReportOut, 404: ErrorBody},
    auth=public,
    summary="What a run did, in plain words: its steps, the cities left out, per indicator the "
    "year of the data and how many cities of the peer group have it, what was left out and why",
)
def get_run_report(request: HttpRequest, pk: int) -> dict[str, Any]:
    run = _run(request, pk)
    report = selectors.run_report(run=run)
    return {
        "run": run.pk,
        "official": run.is_official,
        "cities": report.cities,
        "small_group": report.small_group,
        "min_peer_group": MIN_PEER_GROUP,
        "changes": report.changes,
        "steps": report.steps,
        "screened_out": report.screened_out,
        "left_out": report.left_out,
        "coverage_rule": report.coverage_rule,
        "indicators": report.coverage,
    }


@router.post(
    "/benchmark/runs/{pk}/publish",
    response={200: RunOut, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 422: ErrorBody},
    auth=private,
    summary="Publish a run as official, the public default (true), or withdraw it (false): "
    "coordinators only",
)
def publish_run(request: HttpRequest, pk: int, payload: PublishRequest) -> BenchmarkRun:
    actor = current_user(request)
    run = _run(request, pk)
    if not actor.has_perm("benchmark.publish_run", run):
        raise PermissionDenied("Only coordinators publish official benchmark runs.")
    return services.run_publish(actor=actor, run=run, official=payload.official)


@router.get(
    "/benchmark/runs/{pk}/results",
    response={200: ResultsOut, 404: ErrorBody},
    auth=public,
    summary="The dashboard's data: ranking with rank intervals; with ?city= its profile, strengths, "
    "weaknesses and contributions (?why= node); with ?node= an indicator's distribution",
)
def get_results(
    request: HttpRequest, pk: int, city: str = "", why: str = "", node: str = ""
) -> dict[str, object]:
    run = _run(request, pk)
    root = selectors.root_code(run)
    kids = selectors.children_of(run, root)
    rows = [
        {
            "rank": r["rank"],
            "city": r["city"].slug,
            "city_name": r["city"].name,
            "eurostat_code": r["city"].eurostat_code,
            "score": r["score"],
            "rank_p05": r.get("rank_p05"),
            "rank_median": r.get("rank_median"),
            "rank_p95": r.get("rank_p95"),
            "characteristics": dict(zip(kids, r["child_scores"], strict=True)),
        }
        for r in (selectors.ranking(run=run) if run.status == "done" else [])
    ]
    out: dict[str, Any] = {
        "run": run,
        "root": root,
        "ranking": rows,
        "reports": {k: v for k, v in run.reports.items() if k not in ("inputs", "contributions")},
    }
    if city:
        c = city_get(ref=city)
        if c is None:
            raise Http404(_("Unknown city '%(city)s'.") % {"city": city})
        best, worst = selectors.strengths_weaknesses(run=run, city=c)
        out["city"] = {
            "city": c.slug,
            "profile": selectors.profile(run=run, city=c),
            "strengths": best,
            "weaknesses": worst,
            "contributions": selectors.contributions(run=run, city=c, node=why or root),
        }
    if node:
        out["distribution"] = selectors.distribution(run=run, node=node)
    return out


@router.get(
    "/benchmark/runs/{pk}/csv",
    auth=public,
    response={200: None, 404: ErrorBody},
    summary="Everything the dashboard shows, as CSV",
)
def get_csv(request: HttpRequest, pk: int) -> HttpResponse:
    run = _run(request, pk)
    response = HttpResponse(selectors.run_csv(run=run), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="benchmark-run-{run.pk}.csv"'
    return response
