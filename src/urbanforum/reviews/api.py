"""JSON twins of the review screens."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status

from urbanforum.accounts.http import AuthedRequest
from urbanforum.cities.selectors import city_get
from urbanforum.community.models import WorkingGroup
from urbanforum.core.api import ErrorBody, private, public
from urbanforum.core.services import field_error
from urbanforum.impact.selectors import pilot_get, pilots_of_process
from urbanforum.practices.models import GoodPractice
from urbanforum.processes.models import Process
from urbanforum.procurement.process_link import get_process
from urbanforum.procurement.selectors import organisation_by_slug, user_of_email
from urbanforum.reviews import followup, selectors, services
from urbanforum.reviews.models import Assignment, PolicyRecommendation, ReviewRound
from urbanforum.reviews.schemas import (
    AdoptionInput,
    AssignInput,
    DeclineInput,
    ProcessRoundInput,
    RecommendationInput,
    ReviewInput,
    RoundInput,
)

router = Router(tags=["reviews"])
ERR = {401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 422: ErrorBody}


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
    r = selectors.round_visible(user=request.user, pk=pk)
    if r is None:
        raise Http404(_("No such review round."))
    return r


def _out(request: HttpRequest, r: ReviewRound) -> dict[str, object]:
    agg = None
    if selectors.sees_all_reviews(round=r, user=request.user):
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
                "reviewer": rv.assignment.reviewer.display_name,  # as on the page: no address
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
def list_rounds(request: HttpRequest) -> list[dict[str, object]]:
    return [
        {"id": r.pk, "title": r.title, "status": r.status}
        for r in selectors.round_list(user=request.user)
    ]


@router.get("/review-rounds/{pk}", response={200: RoundOut, 404: ErrorBody}, auth=public)
def get_round(request: HttpRequest, pk: int) -> dict[str, object]:
    return _out(request, _get(request, pk))


@router.post("/review-rounds", response={201: RoundOut, **ERR}, auth=private)
def create_round(request: AuthedRequest, payload: RoundInput) -> tuple[int, dict[str, object]]:
    pilot = pilot_get(slug=payload.pilot)
    if pilot is None:
        raise field_error("pilot", _("No such pilot."))
    r = services.round_create(actor=request.user, pilot=pilot, title=payload.title)
    return 201, _out(request, r)


@router.post("/review-rounds/{pk}/reviewers", response={201: dict, **ERR}, auth=private)
def assign(request: AuthedRequest, pk: int, payload: AssignInput) -> Status:
    r = _get(request, pk)
    user = user_of_email(payload.email)
    if user is None:
        raise field_error("email", _("No account has this e-mail address."))
    city = city_get(ref=payload.city) if payload.city.strip() else None
    if payload.city.strip() and city is None:
        raise field_error("city", _("No city '%(city)s'.") % {"city": payload.city})
    services.reviewer_assign(
        actor=request.user, round=r, reviewer=user, kind=payload.kind, city=city
    )
    return Status(201, {"detail": "Assigned."})


@router.post("/review-rounds/{pk}/reviews", response={201: RoundOut, **ERR}, auth=private)
def submit(request: AuthedRequest, pk: int, payload: ReviewInput) -> tuple[int, dict[str, object]]:
    r = _get(request, pk)
    services.review_submit(actor=request.user, round=r, data=payload)
    return 201, _out(request, r)


class ReviewInvitationOut(Schema):
    round: int
    response: str
    responded_at: datetime | None
    decline_reason: str


def _invitation_out(a: Assignment) -> dict[str, object]:
    return {
        "round": a.round_id,
        "response": a.response,
        "responded_at": a.responded_at,
        "decline_reason": a.decline_reason,
    }


@router.get(
    "/review-rounds/{pk}/invitation",
    response={200: ReviewInvitationOut, 401: ErrorBody, 404: ErrorBody},
    auth=private,
    summary="My invitation to review this round and my answer",
)
def get_invitation(request: AuthedRequest, pk: int) -> dict[str, object]:
    a = selectors.my_assignment(round=_get(request, pk), user=request.user)
    if a is None:
        raise Http404(_("You have no invitation to this review round."))
    return _invitation_out(a)


@router.post(
    "/review-rounds/{pk}/invitation/accept",
    response={200: ReviewInvitationOut, **ERR},
    auth=private,
    summary="Accept the invitation to review (then submit the review)",
)
def accept_invitation(request: AuthedRequest, pk: int) -> dict[str, object]:
    return _invitation_out(services.invitation_accept(actor=request.user, round=_get(request, pk)))


@router.post(
    "/review-rounds/{pk}/invitation/decline",
    response={200: ReviewInvitationOut, **ERR},
    auth=private,
    summary="Decline the invitation to review, optionally with a reason for the organiser",
)
def decline_invitation(request: AuthedRequest, pk: int, payload: DeclineInput) -> dict[str, object]:
    a = services.invitation_decline(
        actor=request.user, round=_get(request, pk), reason=payload.reason
    )
    return _invitation_out(a)


@router.post("/review-rounds/{pk}/close", response={200: RoundOut, **ERR}, auth=private)
def close(request: AuthedRequest, pk: int) -> dict[str, object]:
    r = services.round_close(actor=request.user, round=_get(request, pk))
    return _out(request, r)


# --- processes: Evaluation (review rounds) and Follow-up ------------------------------------------


def _process(request: HttpRequest, slug: str) -> Process:
    process = get_process(slug=slug, user=request.user)
    if process is None:
        raise Http404(_("No process '%(slug)s'.") % {"slug": slug})
    return process


def _rec_out(rec: PolicyRecommendation) -> dict[str, object]:
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
def process_rounds(request: HttpRequest, slug: str) -> list[dict[str, object]]:
    process = _process(request, slug)
    return [
        {
            "id": r.pk,
            "title": r.title,
            "status": r.status,
            "pilot": r.pilot.slug if r.pilot else None,
        }
        for r in selectors.rounds_of_process(user=request.user, process=process)
    ]


@router.post("/processes/{slug}/review-rounds", response={201: RoundOut, **ERR}, auth=private)
def process_round_create(
    request: AuthedRequest, slug: str, payload: ProcessRoundInput
) -> tuple[int, dict[str, object]]:
    process = _process(request, slug)
    pilot = (
        pilots_of_process(user=request.user, process=process)
        .filter(slug=payload.pilot or "")
        .first()
    )
    if payload.pilot and pilot is None:
        raise field_error("pilot", _("No pilot of this process has this slug."))
    r = services.round_create(actor=request.user, process=process, pilot=pilot, title=payload.title)
    return 201, _out(request, r)


@router.get("/processes/{slug}/follow-up", response={200: dict, 404: ErrorBody}, auth=public)
def process_follow_up(request: HttpRequest, slug: str) -> dict[str, object]:
    process = _process(request, slug)
    practice = selectors.process_practice(process=process)
    if practice is not None and not request.user.has_perm("practices.view_goodpractice", practice):
        practice = None
    return {
        "finished": selectors.is_finished(process),
        "practice": {"slug": practice.slug, "title": practice.title, "status": practice.status}
        if practice
        else None,
        "adopted_by": [a.city.slug for a in selectors.adoptions(practice=practice)]
        if practice
        else [],
        "recommendations": [
            _rec_out(r) for r in selectors.recommendations(user=request.user, process=process)
        ],
    }


@router.post(
    "/processes/{slug}/good-practice",
    response={201: dict, **ERR},
    auth=private,
    summary="Turn a finished process into a draft good practice (idempotent)",
)
def process_good_practice(request: AuthedRequest, slug: str) -> tuple[int, dict[str, object]]:
    practice = followup.practice_from_process(actor=request.user, process=_process(request, slug))
    return 201, {"slug": practice.slug, "title": practice.title, "status": practice.status}


@router.post("/processes/{slug}/policy-recommendations", response={201: dict, **ERR}, auth=private)
def create_recommendation(
    request: AuthedRequest, slug: str, payload: RecommendationInput
) -> tuple[int, dict[str, object]]:
    rec = followup.recommendation_create(
        actor=request.user,
        process=_process(request, slug),
        title=payload.title,
        body=payload.body,
    )
    return 201, _rec_out(rec)


def _rec(request: HttpRequest, pk: int) -> PolicyRecommendation:
    rec = selectors.recommendation_get(pk=pk, user=request.user)
    if rec is None:
        raise Http404(_("No such recommendation."))
    return rec


@router.get("/policy-recommendations/{pk}", response={200: dict, 404: ErrorBody}, auth=public)
def get_recommendation(request: HttpRequest, pk: int) -> dict[str, object]:
    return _rec_out(_rec(request, pk))


@router.post("/policy-recommendations/{pk}/publish", response={200: dict, **ERR}, auth=private)
def publish_recommendation(request: AuthedRequest, pk: int) -> dict[str, object]:
    rec = followup.recommendation_publish(actor=request.user, recommendation=_rec(request, pk))
    return _rec_out(rec)


def _practice(request: HttpRequest, slug: str) -> GoodPractice:
    practice = selectors.practice_get(slug=slug, user=request.user)
    if practice is None:
        raise Http404(_("No practice '%(slug)s'.") % {"slug": slug})
    return practice


@router.get(
    "/practices/{slug}/adoptions",
    response={200: list[dict], 404: ErrorBody},
    auth=public,
    summary="Cities that reused this practice",
)
def list_adoptions(request: HttpRequest, slug: str) -> list[dict[str, object]]:
    practice = _practice(request, slug)
    return [
        {"city": a.city.slug, "note": a.note, "adopted_at": a.adopted_at}
        for a in selectors.adoptions(practice=practice)
    ]


@router.post("/practices/{slug}/adoptions", response={201: dict, **ERR}, auth=private)
def add_adoption(
    request: AuthedRequest, slug: str, payload: AdoptionInput
) -> tuple[int, dict[str, object]]:
    practice = _practice(request, slug)
    org = organisation_by_slug(payload.organisation)
    if org is None:
        raise field_error("organisation", _("No such organisation."))
    a = followup.adoption_record(
        actor=request.user, practice=practice, organisation=org, note=payload.note
    )
    return 201, {"city": a.city.slug, "note": a.note, "adopted_at": a.adopted_at}


def _group(request: HttpRequest, slug: str) -> WorkingGroup:
    group = selectors.working_group_get(slug=slug, user=request.user)
    if group is None:
        raise Http404(_("No working group '%(slug)s'.") % {"slug": slug})
    return group


@router.get(
    "/working-groups/{slug}/policy-recommendations",
    response={200: list[dict], 404: ErrorBody},
    auth=public,
)
def group_recommendations(request: HttpRequest, slug: str) -> list[dict[str, object]]:
    group = _group(request, slug)
    return [_rec_out(r) for r in selectors.recommendations(user=request.user, working_group=group)]


@router.post(
    "/working-groups/{slug}/policy-recommendations", response={201: dict, **ERR}, auth=private
)
def create_group_recommendation(
    request: AuthedRequest, slug: str, payload: RecommendationInput
) -> tuple[int, dict[str, object]]:
    rec = followup.recommendation_create(
        actor=request.user,
        working_group=_group(request, slug),
        title=payload.title,
        body=payload.body,
    )
    return 201, _rec_out(rec)
