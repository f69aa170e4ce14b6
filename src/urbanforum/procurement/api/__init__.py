"""JSON twins of the joint procurement screens, by sub-domain. Same selectors and services, same
rules: no endpoint returns bid content unless the sealed-bid rule (`policies.bid_policy`) allows.

`urbanforum.api` mounts `router`. The endpoints keep the operation ids they had when this was one
module (`urbanforum_procurement_api_<function>`): the OpenAPI contract does not change with the
split."""

from urbanforum.procurement.api import bids, evaluation, procurements, questions
from urbanforum.procurement.api._router import router

for _path_view in router.path_operations.values():
    for _operation in _path_view.operations:
        if _operation.operation_id is None:
            _operation.operation_id = f"urbanforum_procurement_api_{_operation.view_func.__name__}"

__all__ = ["bids", "evaluation", "procurements", "questions", "router"]
