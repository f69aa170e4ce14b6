"""Writes of joint procurement, by sub-domain. Every function checks the permission, validates
(errors name the field), writes in one transaction with row locks instead of check-then-act,
records the audit trail and emits domain events. Bid content never appears in audit entries,
events or e-mails.

* `procurements` — the procurement itself: create, edit, criteria, documents, publish;
* `demand` — cities join, lots, each city's demand;
* `questions` — clarification questions and answers;
* `bids` — sealed bids: submit, withdraw, open;
* `evaluation` — evaluators (named, removed, excluded), declarations, scores, award;
* `contracts` — each city signs its contract.
"""

from urbanforum.procurement.services.bids import Receipt, bid_submit, bid_withdraw, bids_open
from urbanforum.procurement.services.contracts import contract_sign
from urbanforum.procurement.services.demand import demand_add, lot_create, procurement_join
from urbanforum.procurement.services.evaluation import (
    NO_CONFLICT,
    evaluator_add,
    evaluator_declare,
    evaluator_declare_conflict,
    evaluator_remove,
    lot_award,
    scores_submit,
)
from urbanforum.procurement.services.procurements import (
    _move_bid_deadline,
    criteria_set,
    document_add,
    procurement_create,
    procurement_publish,
    procurement_update,
)
from urbanforum.procurement.services.questions import question_answer, question_ask

__all__ = [
    "NO_CONFLICT",
    "Receipt",
    "_move_bid_deadline",
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
    "lot_award",
    "lot_create",
    "procurement_create",
    "procurement_join",
    "procurement_publish",
    "procurement_update",
    "question_answer",
    "question_ask",
    "scores_submit",
]
