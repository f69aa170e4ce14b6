"""Evaluation and award: evaluators, declarations, scores, the ranking, awards, contracts."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Status

from urbanforum.accounts.http import AuthedRequest
from urbanforum.core.api import private
from urbanforum.procurement import selectors, services
from urbanforum.procurement.api._common import bid_or_404, lot_or_404, procurement_or_404
from urbanforum.procurement.api._router import (
    ERR,
    AwardOut,
    EvaluatorOut,
    OkOut,
    RankOut,
    router,
)
from urbanforum.procurement.policies import opened_bids_policy
from urbanforum.procurement.schemas import DeclarationInput, EvaluatorInput, ScoresInput


@router.post("/procurements/{ref}/evaluators", response={201: OkOut, **ERR}, auth=private)
def add_evaluator(request: AuthedRequest, ref: str, payload: EvaluatorInput) -> Status:
    p = procurement_or_404(request, ref)
    if not request.user.has_perm("procurement.manage_evaluation", p):
        raise PermissionDenied(_("Only the lead buyer's editors name evaluators."))
    user = selectors.user_of_email(payload.email)
    if user is None:
        raise ValidationError({"email": [_("No account has this e-mail address.")]})
    services.evaluator_add(actor=request.user, procurement=p, user=user)
    return Status(201, {"detail": _("Evaluator added.")})


@router.get(
    "/procurements/{ref}/evaluators",
    response={200: list[EvaluatorOut], **ERR},
    auth=private,
    summary="The evaluators, with their status and why any is excluded",
)
def list_evaluators(request: AuthedRequest, ref: str) -> list[dict[str, object]]:
    p = procurement_or_404(request, ref)
    if not request.user.has_perm("procurement.view_evaluators", p):
        raise PermissionDenied(
            _(
                "The evaluators are listed to the lead buyer; after opening, to whoever reads the "
                "evaluation."
            )
        )
    return [
        {
            "id": row.evaluator.pk,
            "email": row.evaluator.user.email,
            "status": row.status,
            "reason": row.reason,
            "declared_at": row.evaluator.declared_no_conflict_at,
            "excluded_at": row.evaluator.excluded_at,
        }
        for row in selectors.evaluator_rows(p)
    ]


@router.post(
    "/procurements/{ref}/evaluators/{pk}/remove",
    response={200: OkOut, **ERR},
    auth=private,
    summary="Remove an evaluator (lead buyer); their scores no longer count",
)
def remove_evaluator(request: AuthedRequest, ref: str, pk: int) -> dict[str, str]:
    p = procurement_or_404(request, ref)
    if not request.user.has_perm("procurement.manage_evaluation", p):
        raise PermissionDenied(_("Only the lead buyer's editors remove evaluators."))
    evaluator = selectors.evaluator_get(procurement=p, pk=pk)
    if evaluator is None:
        raise Http404(_("No such evaluator."))
    services.evaluator_remove(actor=request.user, procurement=p, evaluator=evaluator)
    return {"detail": _("Evaluator removed.")}


@router.post(
    "/procurements/{ref}/conflict",
    response={200: OkOut, **ERR},
    auth=private,
    summary="Declare a conflict of interest (evaluators): you are excluded from the evaluation",
)
def declare_conflict(request: AuthedRequest, ref: str) -> dict[str, str]:
    services.evaluator_declare_conflict(
        actor=request.user, procurement=procurement_or_404(request, ref)
    )
    return {
        "detail": _("Conflict of interest declared: you no longer take part in the evaluation.")
    }


@router.post(
    "/procurements/{ref}/declaration",
    response={200: OkOut, **ERR},
    auth=private,
    summary="Declare no conflict of interest (evaluators)",
)
def declare(request: AuthedRequest, ref: str, payload: DeclarationInput) -> dict[str, str]:
    services.evaluator_declare(
        actor=request.user, procurement=procurement_or_404(request, ref), confirm=payload.confirm
    )
    return {"detail": services.NO_CONFLICT}


@router.put("/procurements/{ref}/bids/{bid_id}/scores", response={200: OkOut, **ERR}, auth=private)
def score(request: AuthedRequest, ref: str, bid_id: str, payload: ScoresInput) -> dict[str, str]:
    p = procurement_or_404(request, ref)
    services.scores_submit(actor=request.user, bid=bid_or_404(p, bid_id), data=payload)
    return {"detail": _("Scores saved.")}


@router.get(
    "/procurements/{ref}/evaluation",
    response={200: list[RankOut], **ERR},
    auth=private,
    summary="Weighted totals and ranking per lot",
)
def evaluation(request: AuthedRequest, ref: str) -> list[dict[str, object]]:
    p = procurement_or_404(request, ref)
    # Asked directly (not has_perm): a superuser gets no exception.
    if not opened_bids_policy.allows(request.user, p):
        raise PermissionDenied(
            _("The evaluation is visible to buyers and declared evaluators after opening.")
        )
    return [
        {
            "lot": r.lot.number,
            "rank": row.rank,
            "bid_id": row.bid.public_id,
            "number": row.bid.number,
            "bidder": row.bid.bidder.slug,
            "amount": row.amount,
            "scores": {str(k): v for k, v in row.scores.items()},
            "total": row.total,
        }
        for r in selectors.evaluation(procurement=p).values()
        for row in r.rows
    ]


@router.post(
    "/procurements/{ref}/lots/{number}/award", response={201: AwardOut, **ERR}, auth=private
)
def award(request: AuthedRequest, ref: str, number: int) -> tuple[int, dict[str, object]]:
    p = procurement_or_404(request, ref)
    a = services.lot_award(actor=request.user, lot=lot_or_404(p, number))
    return 201, {
        "lot": number,
        "bid_id": a.bid.public_id,
        "supplier": a.bid.bidder.slug,
        "value": a.value,
        "standstill_ends": a.standstill_ends,
        "contracts": [
            {"id": c.pk, "city": c.participant.city.slug, "value": str(c.value)}
            for c in a.contracts.all()
        ],
    }


@router.post("/contracts/{pk}/sign", response={200: OkOut, **ERR}, auth=private)
def sign(request: AuthedRequest, pk: int) -> dict[str, str]:
    c = selectors.contract_get(pk=pk)
    if c is None:
        raise Http404(_("No such contract."))
    services.contract_sign(actor=request.user, contract=c)
    return {"detail": "Signed."}
