"""Screens of joint procurement. Thin: parse, call a selector or a service, render.

Write actions are POSTs that redirect back to the procurement; a refused permission is a 403, a
validation error is shown as a message (and nothing is saved)."""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from urbanforum.accounts.http import current_user
from urbanforum.accounts.models import Organisation, User
from urbanforum.core.forms import apply_errors
from urbanforum.core.pagination import paginate
from urbanforum.procurement import ocds, selectors, services
from urbanforum.procurement.forms import BidForm, ProcurementForm
from urbanforum.procurement.models import (
    Bid,
    BidStatus,
    Contract,
    CriterionKind,
    JointProcurement,
    Lot,
    Question,
    Status,
)
from urbanforum.procurement.permissions import provider_organisations
from urbanforum.procurement.process_link import process_for_request


def _get(request: HttpRequest, ref: str) -> JointProcurement:
    p = selectors.procurement_get(reference=ref)
    if p is None or not request.user.has_perm("procurement.view_jointprocurement", p):
        raise Http404("No such procurement.")
    return p


def _message_errors(request: HttpRequest, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errs in exc.message_dict.items():
            for e in errs:
                messages.error(request, f"{field}: {e}" if field != "__all__" else e)
    else:
        for e in exc.messages:
            messages.error(request, e)


def _act(
    request: HttpRequest, p: JointProcurement, perm: str, call: Callable[[], Any], done: str
) -> HttpResponse:
    if not request.user.has_perm(perm, p):
        raise PermissionDenied(_("You do not have permission to do this."))
    try:
        call()
    except ValidationError as exc:
        _message_errors(request, exc)
    else:
        messages.success(request, done)
    return redirect("procurement:detail", ref=p.reference)


def procurement_list(request: HttpRequest) -> HttpResponse:
    qs = selectors.procurement_list(
        user=request.user,
        search=request.GET.get("q", "").strip(),
        status=request.GET.get("status", ""),
    )
    page_info = paginate(qs, page=request.GET.get("page"), params=request.GET)
    return render(
        request,
        "procurement/list.html",
        {
            "page_info": page_info,
            "q": request.GET.get("q", ""),
            "can_add": request.user.has_perm("procurement.add_jointprocurement"),
        },
    )


@login_required
def procurement_create(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("procurement.add_jointprocurement"):
        raise PermissionDenied(
            _("Only editors of a city administration can start a joint procurement.")
        )
    user = current_user(request)
    orgs = services.organisations_for_join(user)
    process = process_for_request(request)
    initial = (
        {"title": process.title, "description": process.challenge.problem_statement}
        if process
        else None
    )
    form = ProcurementForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        org = next(
            (o for o in orgs if str(o.pk) == request.POST.get("lead_organisation")),
            orgs[0] if orgs else None,
        )
        if org is None:
            raise PermissionDenied
        try:
            p = services.procurement_create(
                actor=user, lead_organisation=org, process=process, **form.service_fields()
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request, _("The joint procurement was created. Add lots and invite cities.")
            )
            return redirect("procurement:detail", ref=p.reference)
    return render(
        request,
        "procurement/form.html",
        {"form": form, "organisations": orgs, "procurement": None, "process": process},
    )


@login_required
def procurement_edit(request: HttpRequest, ref: str) -> HttpResponse:
    p = _get(request, ref)
    if not request.user.has_perm("procurement.change_jointprocurement", p):
        raise PermissionDenied
    initial = {f: getattr(p, f) for f in ProcurementForm.base_fields}
    initial["cpv_codes"] = ", ".join(p.cpv_codes)
    form = ProcurementForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        changed = {k: v for k, v in form.service_fields().items() if v != getattr(p, k)}
        try:
            services.procurement_update(actor=current_user(request), procurement=p, **changed)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("procurement:detail", ref=p.reference)
    return render(request, "procurement/form.html", {"form": form, "procurement": p})


def procurement_detail(request: HttpRequest, ref: str) -> HttpResponse:
    p = _get(request, ref)
    user = request.user
    summaries = selectors.lot_summaries(procurement=p)
    my_bids = (
        list(selectors.bids_of_bidder(procurement=p, user=user)) if user.is_authenticated else []
    )
    opened: list[dict[str, Any]] = []
    if p.opened_at is not None:
        for bid in selectors.opened_bids(procurement=p):
            if services.may_read_bid(user, bid):
                content = (
                    services.bid_content(actor=user, bid=bid)
                    if bid.status == BidStatus.OPENED
                    else {}
                )
                opened.append({"bid": bid, "content": content})
    ranking = {}
    can_see_opened = user.has_perm("procurement.view_opened_bids", p) and bool(opened)
    if can_see_opened:
        ranking = selectors.evaluation(procurement=p)
    evaluator = p.evaluators.filter(user=user).first() if user.is_authenticated else None
    lead = user.has_perm("procurement.change_jointprocurement", p)
    my_scores = {}
    if evaluator is not None:
        my_scores = {(s.bid_id, s.criterion_id): s.score for s in evaluator.scores.all()}
    context = {
        "procurement": p,
        "participants": p.participants.select_related("city", "organisation"),
        "summaries": summaries,
        "criteria": list(p.criteria.all()),
        "quality_criteria": list(p.criteria.filter(kind=CriterionKind.QUALITY)),
        "documents": p.documents.all(),
        "questions": p.questions.all() if lead else p.questions.exclude(answer=""),
        "deadline_passed": selectors.bid_deadline_passed(p),
        "bid_stats": selectors.bid_statistics(procurement=p),
        "my_bids": my_bids,
        "provider_orgs": provider_organisations(user),
        "opened": opened,
        "ranking": ranking,
        "evaluator": evaluator,
        "my_scores": my_scores,
        "evaluators": p.evaluators.select_related("user") if lead else [],
        "awards": [getattr(s.lot, "award", None) for s in summaries if hasattr(s.lot, "award")],
        "contracts": Contract.objects.filter(award__lot__procurement=p).select_related(
            "participant__city", "award__lot", "participant__organisation"
        ),
        "can_change": lead and p.status == Status.DRAFT,
        "can_edit": lead
        and p.status in (Status.DRAFT, Status.PUBLISHED)
        and not selectors.bid_deadline_passed(p),
        "can_join": user.has_perm("procurement.join_jointprocurement", p)
        and p.status == Status.DRAFT,
        "join_orgs": services.organisations_for_join(user) if user.is_authenticated else [],
        "can_demand": user.has_perm("procurement.state_demand", p) and p.status == Status.DRAFT,
        "demand_orgs": [
            pt.organisation
            for pt in p.participants.select_related("organisation")
            if user.is_authenticated and pt.organisation in services.organisations_for_join(user)
        ],
        "can_bid": user.has_perm("procurement.submit_bid", p),
        "can_ask": user.has_perm("procurement.ask_question", p) and p.status == Status.PUBLISHED,
        "can_answer": user.has_perm("procurement.answer_question", p),
        "can_open": user.has_perm("procurement.open_bids", p)
        and p.status == Status.PUBLISHED
        and selectors.bid_deadline_passed(p),
        "can_manage_evaluation": user.has_perm("procurement.manage_evaluation", p),
        "can_award": user.has_perm("procurement.award", p),
        "criterion_kinds": CriterionKind.choices,
        "sign_org_ids": {o.pk for o in services.organisations_for_join(user)}
        if user.is_authenticated
        else set(),
        "score_range": range(0, 1),
    }
    return render(request, "procurement/detail.html", context)


def _org(request: HttpRequest, key: str = "organisation") -> Organisation:
    org = Organisation.objects.filter(pk=request.POST.get(key) or 0).first()
    if org is None:
        raise PermissionDenied(_("Choose an organisation you act for."))
    return org


@login_required
@require_POST
def procurement_join(request: HttpRequest, ref: str) -> HttpResponse:
    p = _get(request, ref)
    return _act(
        request,
        p,
        "procurement.join_jointprocurement",
        lambda: services.procurement_join(
            actor=current_user(request), procurement=p, organisation=_org(request)
        ),
        _("Your city takes part. State its demand per lot."),
    )


@login_required
@require_POST
def lot_add(request: HttpRequest, ref: str) -> HttpResponse:
    p = _get(request, ref)
    return _act(
        request,
        p,
        "procurement.change_jointprocurement",
        lambda: services.lot_create(
            actor=current_user(request),
            procurement=p,
            title=request.POST.get("title", ""),
            description=request.POST.get("description", ""),
            cpv_code=request.POST.get("cpv_code", ""),
        ),
        _("The lot was added."),
    )


@login_required
@require_POST
def demand_add(request: HttpRequest, ref: str) -> HttpResponse:
    p = _get(request, ref)
    lot = get_object_or_404(Lot, procurement=p, pk=request.POST.get("lot") or 0)
    return _act(
        request,
        p,
        "procurement.state_demand",
        lambda: services.demand_add(
            actor=current_user(request),
            lot=lot,
            organisation=_org(request),
            item=request.POST.get("item", ""),
            quantity=request.POST.get("quantity", ""),
            unit=request.POST.get("unit", "pcs"),
            budget=request.POST.get("budget", ""),
        ),
        _("The demand was added."),
    )


@login_required
@require_POST
def criteria_set(request: HttpRequest, ref: str) -> HttpResponse:
    p = _get(request, ref)
    rows = []
    for i in range(10):
        name = request.POST.get(f"name_{i}", "").strip()
        if name:
            weight = request.POST.get(f"weight_{i}", "0")
            rows.append(
                {
                    "name": name,
                    "kind": request.POST.get(f"kind_{i}", "quality"),
                    "weight": int(weight) if weight.isdigit() else 0,
                }
            )
    return _act(
        request,
        p,
        "procurement.change_jointprocurement",
        lambda: services.criteria_set(actor=current_user(request), procurement=p, criteria=rows),
        _("The award criteria were saved."),
    )


@login_required
@require_POST
def document_add(request: HttpRequest, ref: str) -> HttpResponse:
    p = _get(request, ref)
    return _act(
        request,
        p,
        "procurement.change_jointprocurement",
        lambda: services.document_add(
            actor=current_user(request),
            procurement=p,
            title=request.POST.get("title", ""),
            url=request.POST.get("url", ""),
        ),
        _("The document was added."),
    )


@login_required
@require_POST
def publish(request: HttpRequest, ref: str) -> HttpResponse:
    p = _get(request, ref)
    return _act(
        request,
        p,
        "procurement.change_jointprocurement",
        lambda: services.procurement_publish(actor=current_user(request), procurement=p),
        _("Published: providers can now bid."),
    )


@login_required
@require_POST
def question_ask(request: HttpRequest, ref: str) -> HttpResponse:
    p = _get(request, ref)
    return _act(
        request,
        p,
        "procurement.ask_question",
        lambda: services.question_ask(
            actor=current_user(request), procurement=p, question=request.POST.get("question", "")
        ),
        _("Your question was sent. Answers are published to all bidders, without your name."),
    )


@login_required
@require_POST
def question_answer(request: HttpRequest, ref: str, pk: int) -> HttpResponse:
    p = _get(request, ref)
    q = get_object_or_404(Question, procurement=p, pk=pk)
    return _act(
        request,
        p,
        "procurement.answer_question",
        lambda: services.question_answer(
            actor=current_user(request), question=q, answer=request.POST.get("answer", "")
        ),
        _("The answer is published."),
    )


@login_required
def bid_submit(request: HttpRequest, ref: str, number: int) -> HttpResponse:
    p = _get(request, ref)
    lot = get_object_or_404(Lot, procurement=p, number=number)
    if not request.user.has_perm("procurement.submit_bid", p):
        raise PermissionDenied(_("Bids are accepted only from providers, before the deadline."))
    orgs = provider_organisations(request.user)
    form = BidForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        org = next(
            (o for o in orgs if str(o.pk) == request.POST.get("bidder")), orgs[0] if orgs else None
        )
        if org is None:
            raise PermissionDenied
        try:
            bid, receipt = services.bid_submit(
                actor=current_user(request),
                lot=lot,
                bidder=org,
                amount=form.cleaned_data["amount"],
                offer=form.cleaned_data["offer"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            request.session[f"receipt-{bid.pk}"] = receipt.nonce
            messages.success(request, _("Your bid is sealed. Keep the receipt."))
            return redirect("procurement:bid", ref=p.reference, pk=bid.pk)
    return render(
        request,
        "procurement/bid_form.html",
        {"procurement": p, "lot": lot, "form": form, "orgs": orgs},
    )


def _bid(request: HttpRequest, p: JointProcurement, pk: int) -> Bid:
    bid = (
        Bid.objects.select_related("lot", "bidder", "procurement")
        .filter(procurement=p, pk=pk)
        .first()
    )
    if bid is None:
        raise Http404
    return bid


@login_required
def bid_detail(request: HttpRequest, ref: str, pk: int) -> HttpResponse:
    p = _get(request, ref)
    bid = _bid(request, p, pk)
    is_bidder = bid.bidder in provider_organisations(request.user)
    if not (services.may_read_bid(request.user, bid) or is_bidder):
        raise PermissionDenied(_("This bid is sealed: only the bidder can read it before opening."))
    content = (
        services.bid_content(actor=request.user, bid=bid)
        if services.may_read_bid(request.user, bid) and bid.status != BidStatus.INVALID
        else None
    )
    return render(
        request,
        "procurement/bid_detail.html",
        {
            "procurement": p,
            "bid": bid,
            "content": content,
            "is_bidder": is_bidder,
            "can_withdraw": is_bidder
            and bid.status == BidStatus.SEALED
            and not selectors.bid_deadline_passed(p),
        },
    )


@login_required
@require_POST
def bid_withdraw(request: HttpRequest, ref: str, pk: int) -> HttpResponse:
    p = _get(request, ref)
    bid = _bid(request, p, pk)
    if bid.bidder not in provider_organisations(request.user):
        raise PermissionDenied
    try:
        services.bid_withdraw(actor=current_user(request), bid=bid)
    except ValidationError as exc:
        _message_errors(request, exc)
    else:
        messages.success(request, _("Your bid was withdrawn."))
    return redirect("procurement:detail", ref=p.reference)


@login_required
@require_POST
def bids_open(request: HttpRequest, ref: str) -> HttpResponse:
    p = _get(request, ref)
    return _act(
        request,
        p,
        "procurement.open_bids",
        lambda: services.bids_open(actor=current_user(request), procurement=p),
        _("The bids are open. The opening is recorded."),
    )


@login_required
@require_POST
def evaluator_add(request: HttpRequest, ref: str) -> HttpResponse:
    p = _get(request, ref)

    def call() -> Any:
        user = User.objects.filter(email__iexact=request.POST.get("email", "").strip()).first()
        if user is None:
            raise ValidationError({"email": [_("No account has this e-mail address.")]})
        return services.evaluator_add(actor=current_user(request), procurement=p, user=user)

    return _act(request, p, "procurement.manage_evaluation", call, _("The evaluator was added."))


@login_required
@require_POST
def evaluator_declare(request: HttpRequest, ref: str) -> HttpResponse:
    p = _get(request, ref)
    return _act(
        request,
        p,
        "procurement.declare_no_conflict",
        lambda: services.evaluator_declare(
            actor=current_user(request), procurement=p, confirm=request.POST.get("confirm") == "on"
        ),
        _("Thank you. You can now see and score the bids."),
    )


@login_required
@require_POST
def bid_score(request: HttpRequest, ref: str, pk: int) -> HttpResponse:
    p = _get(request, ref)
    bid = _bid(request, p, pk)
    scores = {
        c.pk: request.POST.get(f"criterion_{c.pk}", "")
        for c in p.criteria.filter(kind=CriterionKind.QUALITY)
    }
    return _act(
        request,
        p,
        "procurement.evaluate",
        lambda: services.scores_submit(
            actor=current_user(request),
            bid=bid,
            scores=scores,
            comment=request.POST.get("comment", ""),
        ),
        _("Your scores were saved."),
    )


@login_required
@require_POST
def lot_award(request: HttpRequest, ref: str, number: int) -> HttpResponse:
    p = _get(request, ref)
    lot = get_object_or_404(Lot, procurement=p, number=number)
    return _act(
        request,
        p,
        "procurement.award",
        lambda: services.lot_award(actor=current_user(request), lot=lot),
        _("The lot is awarded; the standstill period has started."),
    )


@login_required
@require_POST
def contract_sign(request: HttpRequest, ref: str, pk: int) -> HttpResponse:
    p = _get(request, ref)
    contract = get_object_or_404(Contract, award__lot__procurement=p, pk=pk)
    try:
        services.contract_sign(actor=current_user(request), contract=contract)
    except ValidationError as exc:
        _message_errors(request, exc)
    else:
        messages.success(request, _("The contract is signed."))
    return redirect("procurement:detail", ref=p.reference)


def process_procurement(request: HttpRequest, slug: str) -> HttpResponse:
    """The Action-phase feature of a collaboration process: its joint procurements."""
    from urbanforum.procurement.process_link import get_process, is_in_phase, may_attach

    process = get_process(slug=slug, user=request.user)
    if process is None:
        raise Http404("No such process.")
    items = selectors.procurement_list(user=request.user).filter(process=process)
    return render(
        request,
        "procurement/process.html",
        {
            "process": process,
            "procurements": items,
            "can_add": may_attach(request.user, process)
            and request.user.has_perm("procurement.add_jointprocurement"),
            "in_action": is_in_phase(process, "action"),
        },
    )


def procurement_ocds(request: HttpRequest, ref: str) -> HttpResponse:
    p = _get(request, ref)
    return JsonResponse(ocds.build_package([p]), json_dumps_params={"indent": 1})


def ocds_all(request: HttpRequest) -> HttpResponse:
    """Every published procurement as one release package (drafts are not public)."""
    return JsonResponse(ocds.build_package(ocds.exportable()), json_dumps_params={"indent": 1})


__all__ = ["Decimal", "json"]
