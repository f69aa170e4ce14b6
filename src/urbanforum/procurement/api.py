"""JSON twins of the joint procurement screens. Same selectors and services, same rules:
no endpoint returns bid content unless services.bid_content allows it."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from ninja import Router, Schema
from ninja.pagination import paginate

from urbanforum.accounts.http import current_user
from urbanforum.accounts.models import Organisation, User
from urbanforum.core.api import ErrorBody, Page, private, public
from urbanforum.procurement import ocds, selectors, services
from urbanforum.procurement.models import Bid, BidStatus, Contract, JointProcurement, Lot, Question
from urbanforum.procurement.permissions import provider_organisations

router = Router(tags=["procurement"])
ERR = {401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 422: ErrorBody}


class ProcurementOut(Schema):
    reference: str
    title: str
    description: str
    status: str
    procedure: str
    category: str
    cpv_codes: list[str]
    lead_city: str
    lead_organisation: str
    clarification_deadline: datetime
    bid_deadline: datetime
    publication_date: datetime | None
    opened_at: datetime | None
    opened_by: str | None

    @staticmethod
    def resolve_lead_city(obj: Any) -> str:
        return obj["lead_city"] if isinstance(obj, dict) else obj.lead_city.slug

    @staticmethod
    def resolve_lead_organisation(obj: Any) -> str:
        return obj["lead_organisation"] if isinstance(obj, dict) else obj.lead_organisation.slug

    @staticmethod
    def resolve_opened_by(obj: Any) -> str | None:
        if isinstance(obj, dict):
            return obj["opened_by"]
        return obj.opened_by.email if obj.opened_by else None


class DemandOut(Schema):
    city: str
    item: str
    quantity: Decimal
    unit: str
    budget: Decimal


class LotOut(Schema):
    number: int
    title: str
    cpv_code: str
    total_budget: Decimal
    quantities: dict[str, Decimal]
    cities: list[str]
    demands: list[DemandOut]
    bids_received: int | None


class CriterionOut(Schema):
    id: int
    name: str
    kind: str
    weight: int


class QuestionOut(Schema):
    id: int
    question: str
    answer: str
    answered_at: datetime | None


class ProcurementDetailOut(ProcurementOut):
    participants: list[str]
    lots: list[LotOut]
    criteria: list[CriterionOut]
    questions: list[QuestionOut]


class ProcurementIn(Schema):
    lead_organisation: str
    process: str | None = None
    title: str
    description: str = ""
    procedure: str = "open"
    category: str = "goods"
    cpv_codes: list[str]
    clarification_deadline: datetime
    bid_deadline: datetime
    selection_criteria: str = ""
    standstill_days: int = 10


class ProcurementPatch(Schema):
    title: str | None = None
    description: str | None = None
    selection_criteria: str | None = None
    bid_deadline: datetime | None = None
    clarification_deadline: datetime | None = None
    cpv_codes: list[str] | None = None


class JoinIn(Schema):
    organisation: str


class LotIn(Schema):
    title: str
    description: str = ""
    cpv_code: str = ""


class DemandIn(Schema):
    organisation: str
    item: str
    quantity: Decimal
    unit: str = "pcs"
    budget: Decimal


class CriterionIn(Schema):
    name: str
    kind: str
    weight: int


class CriteriaIn(Schema):
    criteria: list[CriterionIn]


class QuestionIn(Schema):
    question: str


class AnswerIn(Schema):
    answer: str


class BidIn(Schema):
    bidder: str
    amount: Decimal
    offer: str


class ReceiptOut(Schema):
    bid_id: int
    procurement: str
    lot: int
    bidder: str
    submitted_at: str
    nonce: str
    receipt_hash: str


class BidOut(Schema):
    id: int
    lot: int
    bidder: str
    status: str
    submitted_at: datetime
    receipt_hash: str
    verified: bool | None
    content: dict[str, Any] | None = None


class EvaluatorIn(Schema):
    email: str


class DeclarationIn(Schema):
    confirm: bool


class ScoresIn(Schema):
    scores: dict[str, Decimal]
    comment: str = ""


class RankOut(Schema):
    lot: int
    rank: int
    bid_id: int
    bidder: str
    amount: Decimal
    scores: dict[str, Decimal]
    total: Decimal


class AwardOut(Schema):
    lot: int
    bid_id: int
    supplier: str
    value: Decimal
    standstill_ends: datetime
    contracts: list[dict[str, Any]]


class OkOut(Schema):
    detail: str


def _get(request: HttpRequest, ref: str) -> JointProcurement:
    p = selectors.procurement_get(reference=ref)
    if p is None or not request.user.has_perm("procurement.view_jointprocurement", p):
        raise Http404(f"No procurement '{ref}'.")
    return p


def _org(slug: str, field: str = "organisation") -> Organisation:
    org = Organisation.objects.filter(slug=slug).first()
    if org is None:
        raise ValidationError({field: [f"No organisation '{slug}'."]})
    return org


def _lot(p: JointProcurement, number: int) -> Lot:
    lot = p.lots.filter(number=number).first()
    if lot is None:
        raise Http404(f"No lot {number}.")
    return lot


def _bid(p: JointProcurement, pk: int) -> Bid:
    bid = (
        Bid.objects.select_related("lot", "bidder", "procurement")
        .filter(procurement=p, pk=pk)
        .first()
    )
    if bid is None:
        raise Http404("No such bid.")
    return bid


def _detail(request: HttpRequest, p: JointProcurement) -> dict[str, Any]:
    stats = selectors.bid_statistics(procurement=p)
    lead = request.user.has_perm("procurement.change_jointprocurement", p)
    questions = p.questions.all() if lead else p.questions.exclude(answer="")
    data = ProcurementOut.from_orm(p).dict()
    data.update(
        participants=[pt.city.slug for pt in p.participants.select_related("city")],
        lots=[
            {
                "number": s.lot.number,
                "title": s.lot.title,
                "cpv_code": s.lot.cpv_code,
                "total_budget": s.total_budget,
                "quantities": s.quantities,
                "cities": s.cities,
                "demands": [
                    {
                        "city": d.participant.city.slug,
                        "item": d.item,
                        "quantity": d.quantity,
                        "unit": d.unit,
                        "budget": d.budget,
                    }
                    for d in s.demands
                ],
                "bids_received": None if stats is None else stats.get(s.lot.pk, 0),
            }
            for s in selectors.lot_summaries(procurement=p)
        ],
        criteria=[
            {"id": c.pk, "name": c.name, "kind": c.kind, "weight": c.weight}
            for c in p.criteria.all()
        ],
        questions=[
            {"id": q.pk, "question": q.question, "answer": q.answer, "answered_at": q.answered_at}
            for q in questions
        ],
    )
    return data


@router.get(
    "/procurements",
    response=list[ProcurementOut],
    auth=public,
    summary="Joint procurements you may see",
)
@paginate(Page)
def list_procurements(request: HttpRequest, search: str = "", status: str = "") -> Any:
    return selectors.procurement_list(user=request.user, search=search, status=status)


@router.get(
    "/procurements/ocds",
    auth=public,
    summary="OCDS 1.1 release package of every published procurement",
)
def ocds_all(request: HttpRequest) -> HttpResponse:
    return JsonResponse(ocds.build_package(ocds.exportable()))


@router.get(
    "/procurements/{ref}", response={200: ProcurementDetailOut, 404: ErrorBody}, auth=public
)
def get_procurement(request: HttpRequest, ref: str) -> Any:
    return _detail(request, _get(request, ref))


@router.get(
    "/procurements/{ref}/ocds",
    auth=public,
    response={200: dict, 404: ErrorBody},
    summary="OCDS release package of one procurement",
)
def get_ocds(request: HttpRequest, ref: str) -> Any:
    return ocds.build_package([_get(request, ref)])


@router.post("/procurements", response={201: ProcurementOut, **ERR}, auth=private)
def create_procurement(request: HttpRequest, payload: ProcurementIn) -> Any:
    data = payload.dict()
    org = _org(data.pop("lead_organisation"), "lead_organisation")
    process_slug = data.pop("process")
    if process_slug:
        from urbanforum.procurement.process_link import get_process

        data["process"] = get_process(slug=process_slug, user=request.user)
        if data["process"] is None:
            raise ValidationError({"process": [f"No process '{process_slug}'."]})
    return 201, services.procurement_create(
        actor=current_user(request), lead_organisation=org, **data
    )


@router.patch("/procurements/{ref}", response={200: ProcurementOut, **ERR}, auth=private)
def patch_procurement(request: HttpRequest, ref: str, payload: ProcurementPatch) -> Any:
    p = _get(request, ref)
    return services.procurement_update(
        actor=current_user(request), procurement=p, **payload.dict(exclude_unset=True)
    )


@router.post("/procurements/{ref}/participants", response={201: OkOut, **ERR}, auth=private)
def join(request: HttpRequest, ref: str, payload: JoinIn) -> Any:
    p = _get(request, ref)
    pt = services.procurement_join(
        actor=current_user(request), procurement=p, organisation=_org(payload.organisation)
    )
    return 201, {"detail": f"{pt.city.name} takes part."}


@router.post("/procurements/{ref}/lots", response={201: OkOut, **ERR}, auth=private)
def add_lot(request: HttpRequest, ref: str, payload: LotIn) -> Any:
    p = _get(request, ref)
    lot = services.lot_create(actor=current_user(request), procurement=p, **payload.dict())
    return 201, {"detail": f"Lot {lot.number} added."}


@router.post("/procurements/{ref}/lots/{number}/demand", response={201: OkOut, **ERR}, auth=private)
def add_demand(request: HttpRequest, ref: str, number: int, payload: DemandIn) -> Any:
    p = _get(request, ref)
    data = payload.dict()
    services.demand_add(
        actor=current_user(request),
        lot=_lot(p, number),
        organisation=_org(data.pop("organisation")),
        **data,
    )
    return 201, {"detail": "Demand added."}


@router.put("/procurements/{ref}/criteria", response={200: list[CriterionOut], **ERR}, auth=private)
def set_criteria(request: HttpRequest, ref: str, payload: CriteriaIn) -> Any:
    p = _get(request, ref)
    return services.criteria_set(
        actor=current_user(request), procurement=p, criteria=[c.dict() for c in payload.criteria]
    )


@router.post("/procurements/{ref}/publish", response={200: ProcurementOut, **ERR}, auth=private)
def publish(request: HttpRequest, ref: str) -> Any:
    return services.procurement_publish(actor=current_user(request), procurement=_get(request, ref))


@router.post("/procurements/{ref}/questions", response={201: OkOut, **ERR}, auth=private)
def ask(request: HttpRequest, ref: str, payload: QuestionIn) -> Any:
    services.question_ask(
        actor=current_user(request), procurement=_get(request, ref), question=payload.question
    )
    return 201, {"detail": "Question sent."}


@router.post(
    "/procurements/{ref}/questions/{pk}/answer", response={200: QuestionOut, **ERR}, auth=private
)
def answer(request: HttpRequest, ref: str, pk: int, payload: AnswerIn) -> Any:
    p = _get(request, ref)
    q = Question.objects.filter(procurement=p, pk=pk).first()
    if q is None:
        raise Http404("No such question.")
    return services.question_answer(actor=current_user(request), question=q, answer=payload.answer)


@router.post(
    "/procurements/{ref}/lots/{number}/bids",
    response={201: ReceiptOut, **ERR},
    auth=private,
    summary="Submit a sealed bid; returns the receipt",
)
def submit_bid(request: HttpRequest, ref: str, number: int, payload: BidIn) -> Any:
    p = _get(request, ref)
    _bid_obj, receipt = services.bid_submit(
        actor=current_user(request),
        lot=_lot(p, number),
        bidder=_org(payload.bidder, "bidder"),
        amount=payload.amount,
        offer=payload.offer,
    )
    return 201, receipt.__dict__


def _bid_out(request: HttpRequest, bid: Bid) -> dict[str, Any]:
    readable = services.may_read_bid(request.user, bid) and bid.status != BidStatus.INVALID
    return {
        "id": bid.pk,
        "lot": bid.lot.number,
        "bidder": bid.bidder.slug,
        "status": bid.status,
        "submitted_at": bid.submitted_at,
        "receipt_hash": bid.receipt_hash,
        "verified": bid.verified,
        "content": services.bid_content(actor=request.user, bid=bid) if readable else None,
    }


@router.get(
    "/procurements/{ref}/bids",
    response={200: list[BidOut], **ERR},
    auth=private,
    summary="Your own bids; after opening, the opened bids for buyers and evaluators",
)
def list_bids(request: HttpRequest, ref: str) -> Any:
    p = _get(request, ref)
    bids = list(selectors.bids_of_bidder(procurement=p, user=request.user))
    if p.opened_at is not None:
        bids += [
            b
            for b in selectors.opened_bids(procurement=p)
            if services.may_read_bid(request.user, b) and b not in bids
        ]
    return [_bid_out(request, b) for b in bids]


@router.get("/procurements/{ref}/bids/{pk}", response={200: BidOut, **ERR}, auth=private)
def get_bid(request: HttpRequest, ref: str, pk: int) -> Any:
    p = _get(request, ref)
    bid = _bid(p, pk)
    if not (
        services.may_read_bid(request.user, bid)
        or bid.bidder in provider_organisations(request.user)
    ):
        raise PermissionDenied("This bid is sealed: only the bidder can read it before opening.")
    return _bid_out(request, bid)


@router.post("/procurements/{ref}/bids/{pk}/withdraw", response={200: OkOut, **ERR}, auth=private)
def withdraw_bid(request: HttpRequest, ref: str, pk: int) -> Any:
    p = _get(request, ref)
    services.bid_withdraw(actor=current_user(request), bid=_bid(p, pk))
    return {"detail": "Withdrawn."}


@router.post(
    "/procurements/{ref}/open",
    response={200: list[BidOut], **ERR},
    auth=private,
    summary="Open the bids (after the deadline; lead buyer's editors)",
)
def open_bids(request: HttpRequest, ref: str) -> Any:
    p = _get(request, ref)
    bids = services.bids_open(actor=current_user(request), procurement=p)
    return [_bid_out(request, b) for b in bids]


@router.post("/procurements/{ref}/evaluators", response={201: OkOut, **ERR}, auth=private)
def add_evaluator(request: HttpRequest, ref: str, payload: EvaluatorIn) -> Any:
    p = _get(request, ref)
    if not request.user.has_perm("procurement.manage_evaluation", p):
        raise PermissionDenied("Only the lead buyer's editors name evaluators.")
    user = User.objects.filter(email__iexact=payload.email).first()
    if user is None:
        raise ValidationError({"email": ["No account has this e-mail address."]})
    services.evaluator_add(actor=current_user(request), procurement=p, user=user)
    return 201, {"detail": "Evaluator added."}


@router.post(
    "/procurements/{ref}/declaration",
    response={200: OkOut, **ERR},
    auth=private,
    summary="Declare no conflict of interest (evaluators)",
)
def declare(request: HttpRequest, ref: str, payload: DeclarationIn) -> Any:
    services.evaluator_declare(
        actor=current_user(request), procurement=_get(request, ref), confirm=payload.confirm
    )
    return {"detail": services.NO_CONFLICT}


@router.put("/procurements/{ref}/bids/{pk}/scores", response={200: OkOut, **ERR}, auth=private)
def score(request: HttpRequest, ref: str, pk: int, payload: ScoresIn) -> Any:
    p = _get(request, ref)
    services.scores_submit(
        actor=current_user(request),
        bid=_bid(p, pk),
        scores=dict(payload.scores.items()),
        comment=payload.comment,
    )
    return {"detail": "Scores saved."}


@router.get(
    "/procurements/{ref}/evaluation",
    response={200: list[RankOut], **ERR},
    auth=private,
    summary="Weighted totals and ranking per lot",
)
def evaluation(request: HttpRequest, ref: str) -> Any:
    p = _get(request, ref)
    if not request.user.has_perm(
        "procurement.view_opened_bids", p
    ) or not services.can_read_opened_bids(request.user, p):
        raise PermissionDenied(
            "The evaluation is visible to buyers and declared evaluators after opening."
        )
    return [
        {
            "lot": r.lot.number,
            "rank": row.rank,
            "bid_id": row.bid.pk,
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
def award(request: HttpRequest, ref: str, number: int) -> Any:
    p = _get(request, ref)
    a = services.lot_award(actor=current_user(request), lot=_lot(p, number))
    return 201, {
        "lot": number,
        "bid_id": a.bid_id,
        "supplier": a.bid.bidder.slug,
        "value": a.value,
        "standstill_ends": a.standstill_ends,
        "contracts": [
            {"id": c.pk, "city": c.participant.city.slug, "value": str(c.value)}
            for c in a.contracts.all()
        ],
    }


@router.post("/contracts/{pk}/sign", response={200: OkOut, **ERR}, auth=private)
def sign(request: HttpRequest, pk: int) -> Any:
    c = Contract.objects.select_related("participant__organisation", "award").filter(pk=pk).first()
    if c is None:
        raise Http404("No such contract.")
    services.contract_sign(actor=current_user(request), contract=c)
    return {"detail": "Signed."}


@router.get(
    "/processes/{slug}/procurements",
    response={200: list[ProcurementOut], 404: ErrorBody},
    auth=public,
    summary="The joint procurements of a process (its Action phase)",
)
def process_procurements(request: HttpRequest, slug: str) -> Any:
    from urbanforum.procurement.process_link import get_process

    process = get_process(slug=slug, user=request.user)
    if process is None:
        raise Http404(f"No process '{slug}'.")
    return list(selectors.procurement_list(user=request.user).filter(process=process))
