"""JSON twins of the review screens."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from django.http import Http404, HttpRequest
from ninja import Router, Schema

from urbanforum.accounts.models import User
from urbanforum.core.api import ErrorBody, private, public
from urbanforum.core.permissions import current_user
from urbanforum.core.services import field_error
from urbanforum.impact.selectors import pilot_get
from urbanforum.reviews import selectors, services
from urbanforum.reviews.models import ReviewRound
from urbanforum.reviews.permissions import can_see_reviews

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
