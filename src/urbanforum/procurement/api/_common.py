"""What the procurement endpoints share: the objects behind a path (404 when invisible), and the
JSON of a procurement's detail and of a bid (its content only where the sealed-bid rule allows)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _

from urbanforum.accounts.models import Organisation
from urbanforum.procurement import selectors
from urbanforum.procurement.api._router import ProcurementOut
from urbanforum.procurement.models import Bid, BidStatus, JointProcurement, Lot
from urbanforum.procurement.policies import bid_policy


def procurement_or_404(request: HttpRequest, ref: str) -> JointProcurement:
    p = selectors.procurement_visible(user=request.user, reference=ref)
    if p is None:
        raise Http404(_("No procurement '%(ref)s'.") % {"ref": ref})
    return p


def organisation(slug: str, field: str = "organisation") -> Organisation:
    org = selectors.organisation_by_slug(slug)
    if org is None:
        raise ValidationError({field: [_("No organisation '%(slug)s'.") % {"slug": slug}]})
    return org


def lot_or_404(p: JointProcurement, number: int) -> Lot:
    lot = selectors.lot_of(procurement=p, number=number)
    if lot is None:
        raise Http404(_("No lot %(number)s.") % {"number": number})
    return lot


def bid_or_404(p: JointProcurement, bid_id: str) -> Bid:
    bid = selectors.bid_get(procurement=p, bid_id=bid_id)
    if bid is None:
        raise Http404(_("No such bid."))
    return bid


def detail(request: HttpRequest, p: JointProcurement) -> dict[str, object]:
    stats = selectors.bid_statistics(procurement=p)
    lead = request.user.has_perm("procurement.change_jointprocurement", p)
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
            for c in selectors.criteria(procurement=p)
        ],
        questions=[
            {"id": q.pk, "question": q.question, "answer": q.answer, "answered_at": q.answered_at}
            for q in selectors.questions(procurement=p, unanswered_too=lead)
        ],
    )
    return data


def bid_out(request: HttpRequest, bid: Bid) -> dict[str, object]:
    readable = bid_policy.allows(request.user, bid) and bid.status != BidStatus.INVALID
    return {
        "id": bid.public_id,
        "number": bid.number,
        "lot": bid.lot.number,
        "bidder": bid.bidder.slug,
        "status": bid.status,
        "submitted_at": bid.submitted_at,
        "receipt_hash": bid.receipt_hash,
        "verified": bid.verified,
        "content": selectors.bid_content(user=request.user, bid=bid) if readable else None,
    }
