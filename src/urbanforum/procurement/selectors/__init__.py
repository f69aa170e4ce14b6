"""Reads of joint procurement for pages, the API and the OCDS export alike, by sub-domain.

Every read of procurements, bids and contracts goes through the visibility policies
(`procurement.policies`). Bid content comes out only through `bid_content` (whoever the sealed-bid
rule allows) and `opened_content` (the system's read of opened bids, for the evaluation and the
published award).

* `procurements` — lists, one procurement, the organisations a user acts for, lots, demand,
  questions, criteria, contracts;
* `bids` — bid statistics, the bids a user may read, their content;
* `evaluation` — evaluators, scores, the ranking per lot;
* `pages` — what a procurement's page and a bid's page show a user.
"""

from urbanforum.procurement.selectors.bids import (
    SEALED,
    bid_content,
    bid_content_for_bidder,
    bid_deadline_passed,
    bid_get,
    bid_statistics,
    bids_of_bidder,
    opened_bids,
    opened_content,
    readable_bids,
    readable_opened_bids,
)
from urbanforum.procurement.selectors.evaluation import (
    EvaluatorRow,
    LotRanking,
    RankedBid,
    evaluation,
    evaluator_get,
    evaluator_of,
    evaluator_rows,
    evaluators,
    excluded_evaluators,
    scores_of,
)
from urbanforum.procurement.selectors.pages import (
    bid_page,
    procurement_page,
)
from urbanforum.procurement.selectors.procurements import (
    PROVIDER_KINDS,
    LotSummary,
    ProcurementFilters,
    contract_get,
    contracts,
    criteria,
    exportable,
    lot_of,
    lot_summaries,
    may_act_for_bidder,
    organisation_by_pk,
    organisation_by_slug,
    organisations_for_join,
    procurement_get,
    procurement_list,
    procurement_visible,
    procurements_of_process,
    provider_organisations,
    questions,
    represented_city,
    total_budget,
    user_of_email,
)

__all__ = [
    "PROVIDER_KINDS",
    "SEALED",
    "EvaluatorRow",
    "LotRanking",
    "LotSummary",
    "ProcurementFilters",
    "RankedBid",
    "bid_content",
    "bid_content_for_bidder",
    "bid_deadline_passed",
    "bid_get",
    "bid_page",
    "bid_statistics",
    "bids_of_bidder",
    "contract_get",
    "contracts",
    "criteria",
    "evaluation",
    "evaluator_get",
    "evaluator_of",
    "evaluator_rows",
    "evaluators",
    "excluded_evaluators",
    "exportable",
    "lot_of",
    "lot_summaries",
    "may_act_for_bidder",
    "opened_bids",
    "opened_content",
    "organisation_by_pk",
    "organisation_by_slug",
    "organisations_for_join",
    "procurement_get",
    "procurement_list",
    "procurement_page",
    "procurement_visible",
    "procurements_of_process",
    "provider_organisations",
    "questions",
    "readable_bids",
    "readable_opened_bids",
    "represented_city",
    "scores_of",
    "total_budget",
    "user_of_email",
]
