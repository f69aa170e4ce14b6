"""What the procurement's pages show a user, and what the user may do there."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser

from urbanforum.accounts.models import User
from urbanforum.procurement import conflicts
from urbanforum.procurement.models import (
    Bid,
    BidStatus,
    CriterionKind,
    JointProcurement,
    Status,
)
from urbanforum.procurement.selectors.bids import (
    bid_content,
    bid_deadline_passed,
    bid_statistics,
    bids_of_bidder,
    readable_opened_bids,
)
from urbanforum.procurement.selectors.evaluation import (
    evaluation,
    evaluator_of,
    evaluator_rows,
    scores_of,
)
from urbanforum.procurement.selectors.procurements import (
    contracts,
    criteria,
    lot_summaries,
    organisations_for_join,
    provider_organisations,
    questions,
)

# --- pages -------------------------------------------------------------------------------------


def procurement_page(
    *, procurement: JointProcurement, user: User | AnonymousUser
) -> dict[str, Any]:
    """Everything the procurement's page shows to `user`, and what `user` may do there."""
    p = procurement
    authed = bool(getattr(user, "is_authenticated", False))
    summaries = lot_summaries(procurement=p)
    opened = [
        {
            "bid": bid,
            "content": bid_content(user=user, bid=bid) if bid.status == BidStatus.OPENED else {},
        }
        for bid in readable_opened_bids(procurement=p, user=user)
    ]
    see_opened = bool(opened) and user.has_perm("procurement.view_opened_bids", p)
    evaluator = evaluator_of(procurement=p, user=user)
    may_list = user.has_perm("procurement.view_evaluators", p)
    all_rows = evaluator_rows(p) if may_list or evaluator is not None else []
    own_row = next((r for r in all_rows if r.evaluator == evaluator), None)
    can_declare = bool(
        evaluator is not None
        and evaluator.declared_no_conflict_at is None
        and user.has_perm("procurement.declare_no_conflict", p)
    )
    lead = user.has_perm("procurement.change_jointprocurement", p)
    deadline_passed = bid_deadline_passed(p)
    participants = list(p.participants.select_related("city", "organisation"))
    awards = [s.lot.award for s in summaries if hasattr(s.lot, "award")]
    join_orgs = organisations_for_join(user)
    return {
        "procurement": p,
        "participants": participants,
        "summaries": summaries,
        "criteria": criteria(procurement=p),
        "quality_criteria": criteria(procurement=p, kind=CriterionKind.QUALITY),
        "documents": p.documents.all(),
        "questions": questions(procurement=p, unanswered_too=lead),
        "deadline_passed": deadline_passed,
        "bid_stats": bid_statistics(procurement=p),
        "my_bids": list(bids_of_bidder(procurement=p, user=user)) if authed else [],
        "provider_orgs": provider_organisations(user),
        "opened": opened,
        "ranking": evaluation(procurement=p) if see_opened else {},
        "evaluator": evaluator,
        "evaluator_row": own_row,
        "my_scores": scores_of(evaluator),
        "evaluators": all_rows if may_list else [],
        "can_declare": can_declare,
        # The declaration is about the bidders, known only from opening on.
        "bidders_to_declare": sorted(
            set(
                Bid.objects.filter(procurement=p, status__in=conflicts.OPENED_STATES).values_list(
                    "bidder__name", flat=True
                )
            )
        )
        if can_declare
        else [],
        "can_declare_conflict": user.has_perm("procurement.declare_conflict", p),
        "can_score": user.has_perm("procurement.evaluate", p),
        "awards": awards,
        # The award decision taken (the first lot's), shown instead of the planned award date:
        # each lot's standstill runs from its own decision.
        "award_decided_at": min((a.awarded_at for a in awards), default=None),
        "contracts": contracts(procurement=p, user=user),
        "can_change": lead and p.status == Status.DRAFT,
        # A draft stays editable when its deadlines passed: that is how it gets new ones.
        "can_edit": lead
        and (p.status == Status.DRAFT or (p.status == Status.PUBLISHED and not deadline_passed)),
        "draft_deadline_passed": p.status == Status.DRAFT and deadline_passed,
        "can_join": user.has_perm("procurement.join_jointprocurement", p)
        and p.status == Status.DRAFT,
        "join_orgs": join_orgs,
        "can_demand": user.has_perm("procurement.state_demand", p) and p.status == Status.DRAFT,
        "demand_orgs": [pt.organisation for pt in participants if pt.organisation in join_orgs],
        "can_bid": user.has_perm("procurement.submit_bid", p),
        "can_ask": user.has_perm("procurement.ask_question", p) and p.status == Status.PUBLISHED,
        "can_answer": user.has_perm("procurement.answer_question", p),
        "can_open": user.has_perm("procurement.open_bids", p)
        and p.status == Status.PUBLISHED
        and deadline_passed,
        "can_manage_evaluation": user.has_perm("procurement.manage_evaluation", p),
        "can_award": user.has_perm("procurement.award", p),
        "criterion_kinds": CriterionKind.choices,
        "sign_org_ids": {o.pk for o in join_orgs},
        "score_range": range(0, 1),
    }


def bid_page(
    *, procurement: JointProcurement, bid: Bid, user: User | AnonymousUser
) -> dict[str, Any]:
    """A bid's page for whoever may read it (check `bid_policy` first): its receipt, its content
    unless it failed verification, and whether the bidder may still withdraw it."""
    is_bidder = bid.bidder in provider_organisations(user)
    return {
        "procurement": procurement,
        "bid": bid,
        "content": bid_content(user=user, bid=bid) if bid.status != BidStatus.INVALID else None,
        "is_bidder": is_bidder,
        "can_withdraw": is_bidder
        and bid.status == BidStatus.SEALED
        and not bid_deadline_passed(procurement),
    }
