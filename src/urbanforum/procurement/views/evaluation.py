"""Screens of evaluation and award (POST actions on the procurement's page) and contracts."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from urbanforum.accounts.http import AuthedRequest
from urbanforum.core.schemas import parse
from urbanforum.procurement import selectors, services
from urbanforum.procurement.models import CriterionKind, Lot
from urbanforum.procurement.schemas import ScoresInput
from urbanforum.procurement.views._common import (
    act,
    bid_or_404,
    message_errors,
    procurement_or_404,
)


@login_required
@require_POST
def evaluator_add(request: AuthedRequest, ref: str) -> HttpResponse:
    p = procurement_or_404(request, ref)

    def call() -> object:
        user = selectors.user_of_email(request.POST.get("email", ""))
        if user is None:
            raise ValidationError({"email": [_("No account has this e-mail address.")]})
        return services.evaluator_add(actor=request.user, procurement=p, user=user)

    return act(request, p, "procurement.manage_evaluation", call, _("The evaluator was added."))


@login_required
@require_POST
def evaluator_declare(request: AuthedRequest, ref: str) -> HttpResponse:
    p = procurement_or_404(request, ref)
    return act(
        request,
        p,
        "procurement.declare_no_conflict",
        lambda: services.evaluator_declare(
            actor=request.user, procurement=p, confirm=request.POST.get("confirm") == "on"
        ),
        _("Thank you. You can now see and score the bids."),
    )


@login_required
@require_POST
def evaluator_remove(request: AuthedRequest, ref: str, pk: int) -> HttpResponse:
    p = procurement_or_404(request, ref)
    if not request.user.has_perm("procurement.manage_evaluation", p):
        raise PermissionDenied(_("You do not have permission to do this."))
    evaluator = selectors.evaluator_get(procurement=p, pk=pk)
    if evaluator is None:
        raise Http404
    return act(
        request,
        p,
        "procurement.manage_evaluation",
        lambda: services.evaluator_remove(actor=request.user, procurement=p, evaluator=evaluator),
        _("The evaluator was removed; their scores no longer count."),
    )


@login_required
@require_POST
def evaluator_declare_conflict(request: AuthedRequest, ref: str) -> HttpResponse:
    p = procurement_or_404(request, ref)
    return act(
        request,
        p,
        "procurement.declare_conflict",
        lambda: services.evaluator_declare_conflict(actor=request.user, procurement=p),
        _("You declared a conflict of interest and no longer take part in this evaluation."),
    )


@login_required
@require_POST
def bid_score(request: AuthedRequest, ref: str, bid_id: str) -> HttpResponse:
    p = procurement_or_404(request, ref)
    bid = bid_or_404(p, bid_id)
    quality = selectors.criteria(procurement=p, kind=CriterionKind.QUALITY)
    scores = {str(c.pk): request.POST.get(f"criterion_{c.pk}", "") for c in quality}

    def call() -> object:
        data = parse(ScoresInput, {"scores": scores, "comment": request.POST.get("comment", "")})
        return services.scores_submit(actor=request.user, bid=bid, data=data)

    return act(request, p, "procurement.evaluate", call, _("Your scores were saved."))


@login_required
@require_POST
def lot_award(request: AuthedRequest, ref: str, number: int) -> HttpResponse:
    p = procurement_or_404(request, ref)
    lot = get_object_or_404(Lot, procurement=p, number=number)
    return act(
        request,
        p,
        "procurement.award",
        lambda: services.lot_award(actor=request.user, lot=lot),
        _("The lot is awarded; the standstill period has started."),
    )


@login_required
@require_POST
def contract_sign(request: AuthedRequest, ref: str, pk: int) -> HttpResponse:
    p = procurement_or_404(request, ref)
    contract = selectors.contract_get(pk=pk, procurement=p)
    if contract is None:
        raise Http404
    try:
        services.contract_sign(actor=request.user, contract=contract)
    except ValidationError as exc:
        message_errors(request, exc)
    else:
        messages.success(request, _("The contract is signed."))
    return redirect("procurement:detail", ref=p.reference)
