"""Screens of joint procurement, by sub-domain. Thin: parse, call a selector or a service,
render. Write actions are POSTs that redirect back to the procurement; a refused permission is a
403, a validation error is shown as a message (and nothing is saved)."""

from urbanforum.procurement.views.bids import bid_detail, bid_submit, bid_withdraw, bids_open
from urbanforum.procurement.views.demand import (
    criteria_set,
    demand_add,
    document_add,
    lot_add,
    procurement_join,
    publish,
)
from urbanforum.procurement.views.evaluation import (
    bid_score,
    contract_sign,
    evaluator_add,
    evaluator_declare,
    evaluator_declare_conflict,
    evaluator_remove,
    lot_award,
)
from urbanforum.procurement.views.procurements import (
    ocds_all,
    process_procurement,
    procurement_create,
    procurement_detail,
    procurement_edit,
    procurement_list,
    procurement_ocds,
)
from urbanforum.procurement.views.questions import question_answer, question_ask

__all__ = [
    "bid_detail",
    "bid_score",
    "bid_submit",
    "bid_withdraw",
    "bids_open",
    "contract_sign",
    "criteria_set",
    "demand_add",
    "document_add",
    "evaluator_add",
    "evaluator_declare",
    "evaluator_declare_conflict",
    "evaluator_remove",
    "lot_add",
    "lot_award",
    "ocds_all",
    "process_procurement",
    "procurement_create",
    "procurement_detail",
    "procurement_edit",
    "procurement_join",
    "procurement_list",
    "procurement_ocds",
    "publish",
    "question_answer",
    "question_ask",
]
