"""JSON twins of the review screens."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from django.http import Http404, HttpRequest
from ninja import Router, Schema

from urbanforum.accounts.http import current_user
from urbanforum.accounts.models import Organisation, User
from urbanforum.core.api import ErrorBody, private, public
from urbanforum.core.services import field_error
from urbanforum.impact.models import Pilot
from urbanforum.impact.selectors import pilot_get
from urbanforum.practices.models import GoodPractice
from urbanforum.reviews import followup, selectors, services
from urbanforum.reviews.models import Adoption, PolicyRecommendation, ProcessPractice, ReviewRound
from urbanforum.reviews.permissions import can_see_reviews, may_view_recommendation

router = Router(tags=["reviews"])
ERR = {401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 422: ErrorBody}


class RoundIn(Schema):
    pilot: str
    title: str = ""


class AssignIn(Schema):
    email: str
    kind: str = "peer"


class ReviewIn(Schema):
    effectiveness: int
    cost_efficiency: int
    transferability: int
    citizen_benefit: int
    sustainability: int
    findings: str
    what_worked: str = ""
    what_did_not: str = ""


class ReviewOut(Schema):
    reviewer: str
    kind: str
    effectiveness: int
    cost_efficiency: int
    transferability: int
    citizen_benefit: int
    sustainability: int
    findings: str
    what_worked: str
    what_did_not: str
    submitted_at: datetime


class RoundOut(Schema):
    id: int
    title: str
    pilot: str | None
    status: str
    reviewers: int
    reviews: list[ReviewOut]
    aggregate: dict[str, Decimal | None] | None


def _get(request: HttpRequest, pk: int) -> ReviewRound:
    r = ReviewRound.objects.select_related("pilot").filter(pk=pk).first()
    if r is None or not request.user.has_perm("reviews.view_round", r):
        raise Http404("No such review round.")
    return r


def _out(request: HttpRequest, r: ReviewRound) -> dict[str, Any]:
    agg = None
    if can_see_reviews(request.user, r):
        a = selectors.aggregate(round=r)
        agg = {**a.means, "overall": a.overall, "n": Decimal(a.n)}
    return {
        "id": r.pk,
        "title": r.title,
        "pilot": r.pilot.slug if r.pilot else None,
        "status": r.status,
        "reviewers": r.assignments.count(),
        "reviews": [
            {
                "reviewer": rv.assignment.reviewer.email,
                "kind": rv.assignment.kind,
                **{
                    k: getattr(rv, k)
                    for k in (
                        "effectiveness",
                        "cost_efficiency",
                        "transferability",
                        "citizen_benefit",
                        "sustainability",
                        "findings",
                        "what_worked",
                        "what_did_not",
                        "submitted_at",
                    )
                },
            }
            for rv in selectors.visible_reviews(round=r, user=request.user)
        ],
        "aggregate": agg,
    }


@router.get("/review-rounds", response=list[dict], auth=public)
def list_rounds(request: HttpRequest) -> Any:
    return [
        {"id": r.pk, "title": r.title, "status": r.status}
        for r in selectors.round_list(user=request.user)
    ]


@router.get("/review-rounds/{pk}", response={200: RoundOut, 404: ErrorBody}, auth=public)
def get_round(request: HttpRequest, pk: int) -> Any:
    return _out(request, _get(request, pk))


@router.post("/review-rounds", response={201: RoundOut, **ERR}, auth=private)
def create_round(request: HttpRequest, payload: RoundIn) -> Any:
    pilot = pilot_get(slug=payload.pilot)
    if pilot is None:
        raise field_error("pilot", "No such pilot.")
    r = services.round_create(actor=current_user(request), pilot=pilot, title=payload.title)
    return 201, _out(request, r)


@router.post("/review-rounds/{pk}/reviewers", response={201: dict, **ERR}, auth=private)
def assign(request: HttpRequest, pk: int, payload: AssignIn) -> Any:
    r = _get(request, pk)
    user = User.objects.filter(email__iexact=payload.email).first()
    if user is None:
        raise field_error("email", "No account has this e-mail address.")
    services.reviewer_assign(actor=current_user(request), round=r, reviewer=user, kind=payload.kind)
    return 201, {"detail": "Assigned."}


@router.post("/review-rounds/{pk}/reviews", response={201: RoundOut, **ERR}, auth=private)
def submit(request: HttpRequest, pk: int, payload: ReviewIn) -> Any:
    r = _get(request, pk)
    services.review_submit(actor=current_user(request), round=r, **payload.dict())
    return 201, _out(request, r)


@router.post("/review-rounds/{pk}/close", response={200: RoundOut, **ERR}, auth=private)
def close(request: HttpRequest, pk: int) -> Any:
    r = services.round_close(actor=current_user(request), round=_get(request, pk))
    return _out(request, r)


# --- processes: Evaluation (review rounds) and Follow-up ------------------------------------------


def _process(request: HttpRequest, slug: str) -> Any:
    from urbanforum.procurement.process_link import get_process

    process = get_process(slug=slug, user=request.user)
    if process is None:
        raise Http404(f"No process '{slug}'.")
    return process


class ProcessRoundIn(Schema):
    title: str = ""
    pilot: str | None = None


class RecommendationIn(Schema):
    title: str
    body: str


class AdoptionIn(Schema):
    organisation: str
    note: str = ""


def _rec_out(rec: PolicyRecommendation) -> dict[str, Any]:
    return {
        "id": rec.pk,
        "title": rec.title,
        "body": rec.body,
        "status": rec.status,
        "process": rec.process.slug if rec.process else None,
        "working_group": rec.working_group.slug if rec.working_group else None,
        "published_at": rec.published_at,
    }


@router.get(
    "/processes/{slug}/review-rounds", response={200: list[dict], 404: ErrorBody}, auth=public
)
def process_rounds(request: HttpRequest, slug: str) -> Any:
    process = _process(request, slug)
    return [
        {
            "id": r.pk,
            "title": r.title,
            "status": r.status,
            "pilot": r.pilot.slug if r.pilot else None,
        }
        for r in ReviewRound.objects.filter(process=process).select_related("pilot")
        if request.user.has_perm("reviews.view_round", r)
    ]


@router.post("/processes/{slug}/review-rounds", response={201: RoundOut, **ERR}, auth=private)
def process_round_create(request: HttpRequest, slug: str, payload: ProcessRoundIn) -> Any:
    process = _process(request, slug)
    pilot = Pilot.objects.filter(process=process, slug=payload.pilot or "").first()
    if payload.pilot and pilot is None:
        raise field_error("pilot", "No pilot of this process has this slug.")
    r = services.round_create(
        actor=current_user(request), process=process, pilot=pilot, title=payload.title
    )
    return 201, _out(request, r)


@router.get("/processes/{slug}/follow-up", response={200: dict, 404: ErrorBody}, auth=public)
def process_follow_up(request: HttpRequest, slug: str) -> Any:
    process = _process(request, slug)
    link = ProcessPractice.objects.filter(process=process).select_related("practice").first()
    practice = (
        link.practice
        if link and request.user.has_perm("practices.view_goodpractice", link.practice)
        else None
    )
    return {
        "finished": followup.is_finished(process),
        "practice": {"slug": practice.slug, "title": practice.title, "status": practice.status}
        if practice
        else None,
        "adopted_by": [
            a.city.slug for a in Adoption.objects.filter(practice=practice).select_related("city")
        ]
        if practice
        else [],
        "recommendations": [
            _rec_out(r)
            for r in PolicyRecommendation.objects.filter(process=process)
            if may_view_recommendation(request.user, r)
        ],
    }


@router.post(
    "/processes/{slug}/good-practice",
    response={201: dict, **ERR},
    auth=private,
    summary="Turn a finished process into a draft good practice (idempotent)",
)
def process_good_practice(request: HttpRequest, slug: str) -> Any:
    practice = followup.practice_from_process(
        actor=current_user(request), process=_process(request, slug)
    )
    return 201, {"slug": practice.slug, "title": practice.title, "status": practice.status}


@router.post("/processes/{slug}/policy-recommendations", response={201: dict, **ERR}, auth=private)
def create_recommendation(request: HttpRequest, slug: str, payload: RecommendationIn) -> Any:
    rec = followup.recommendation_create(
        actor=current_user(request),
        process=_process(request, slug),
        title=payload.title,
        body=payload.body,
    )
    return 201, _rec_out(rec)


def _rec(request: HttpRequest, pk: int) -> PolicyRecommendation:
    rec = (
        PolicyRecommendation.objects.select_related("process", "working_group")
        .filter(pk=pk)
        .first()
    )
    if rec is None or not may_view_recommendation(request.user, rec):
        raise Http404("No such recommendation.")
    return rec


@router.get("/policy-recommendations/{pk}", response={200: dict, 404: ErrorBody}, auth=public)
def get_recommendation(request: HttpRequest, pk: int) -> Any:
    return _rec_out(_rec(request, pk))


@router.post("/policy-recommendations/{pk}/publish", response={200: dict, **ERR}, auth=private)
def publish_recommendation(request: HttpRequest, pk: int) -> Any:
    rec = followup.recommendation_publish(
        actor=current_user(request), recommendation=_rec(request, pk)
    )
    return _rec_out(rec)


def _practice(request: HttpRequest, slug: str) -> GoodPractice:
    practice = GoodPractice.objects.filter(slug=slug).first()
    if practice is None or not request.user.has_perm("practices.view_goodpractice", practice):
        raise Http404(f"No practice '{slug}'.")
    return practice


@router.get(
    "/practices/{slug}/adoptions",
    response={200: list[dict], 404: ErrorBody},
    auth=public,
    summary="Cities that reused this practice",
)
def list_adoptions(request: HttpRequest, slug: str) -> Any:
    practice = _practice(request, slug)
    return [
        {"city": a.city.slug, "note": a.note, "adopted_at": a.adopted_at}
        for a in Adoption.objects.filter(practice=practice).select_related("city")
    ]


@router.post("/practices/{slug}/adoptions", response={201: dict, **ERR}, auth=private)
def add_adoption(request: HttpRequest, slug: str, payload: AdoptionIn) -> Any:
    practice = _practice(request, slug)
    org = Organisation.objects.filter(slug=payload.organisation).first()
    if org is None:
        raise field_error("organisation", "No such organisation.")
    a = followup.adoption_record(
        actor=current_user(request), practice=practice, organisation=org, note=payload.note
    )
    return 201, {"city": a.city.slug, "note": a.note, "adopted_at": a.adopted_at}


def _group(request: HttpRequest, slug: str) -> Any:
    from urbanforum.community.models import WorkingGroup

    group = WorkingGroup.objects.filter(slug=slug).first()
    if group is None or not request.user.has_perm("community.view_group", group):
        raise Http404(f"No working group '{slug}'.")
    return group


@router.get(
    "/working-groups/{slug}/policy-recommendations",
    response={200: list[dict], 404: ErrorBody},
    auth=public,
)
def group_recommendations(request: HttpRequest, slug: str) -> Any:
    group = _group(request, slug)
    return [
        _rec_out(r)
        for r in PolicyRecommendation.objects.filter(working_group=group)
        if may_view_recommendation(request.user, r)
    ]


@router.post(
    "/working-groups/{slug}/policy-recommendations", response={201: dict, **ERR}, auth=private
)
def create_group_recommendation(request: HttpRequest, slug: str, payload: RecommendationIn) -> Any:
    rec = followup.recommendation_create(
        actor=current_user(request),
        working_group=_group(request, slug),
        title=payload.title,
        body=payload.body,
    )
    return 201, _rec_out(rec)
