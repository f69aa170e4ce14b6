"""Sealed bids: submit, read (the sealed-bid rule), withdraw, open."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from ninja import Status

from urbanforum.accounts.http import AuthedRequest
from urbanforum.core.api import private
from urbanforum.procurement import selectors, services
from urbanforum.procurement.api._common import (
    bid_or_404,
    bid_out,
    lot_or_404,
    organisation,
    procurement_or_404,
)
from urbanforum.procurement.api._router import ERR, BidOut, OkOut, ReceiptOut, router
from urbanforum.procurement.policies import bid_policy
from urbanforum.procurement.schemas import BidIn


@router.post(
    "/procurements/{ref}/lots/{number}/bids",
    response={201: ReceiptOut, **ERR},
    auth=private,
    summary="Submit a sealed bid; returns the receipt",
)
def submit_bid(request: AuthedRequest, ref: str, number: int, payload: BidIn) -> Status:
    p = procurement_or_404(request, ref)
    _bid, receipt = services.bid_submit(
        actor=request.user,
        lot=lot_or_404(p, number),
        bidder=organisation(payload.bidder, "bidder"),
        data=payload,
    )
    return Status(201, receipt.__dict__)


@router.get(
    "/procurements/{ref}/bids",
    response={200: list[BidOut], **ERR},
    auth=private,
    summary="Your own bids; after opening, the opened bids for buyers and evaluators",
)
def list_bids(request: AuthedRequest, ref: str) -> list[dict[str, object]]:
    p = procurement_or_404(request, ref)
    return [bid_out(request, b) for b in selectors.readable_bids(procurement=p, user=request.user)]


@router.get("/procurements/{ref}/bids/{bid_id}", response={200: BidOut, **ERR}, auth=private)
def get_bid(request: AuthedRequest, ref: str, bid_id: str) -> dict[str, object]:
    p = procurement_or_404(request, ref)
    bid = bid_or_404(p, bid_id)
    # The sealed-bid rule, asked directly (a superuser gets no exception).
    if not bid_policy.allows(request.user, bid):
        raise PermissionDenied(_("This bid is sealed: only the bidder can read it before opening."))
    return bid_out(request, bid)


@router.post(
    "/procurements/{ref}/bids/{bid_id}/withdraw", response={200: OkOut, **ERR}, auth=private
)
def withdraw_bid(request: AuthedRequest, ref: str, bid_id: str) -> dict[str, str]:
    p = procurement_or_404(request, ref)
    services.bid_withdraw(actor=request.user, bid=bid_or_404(p, bid_id))
    return {"detail": "Withdrawn."}


@router.post(
    "/procurements/{ref}/open",
    response={200: list[BidOut], **ERR},
    auth=private,
    summary="Open the bids (after the deadline; lead buyer's editors)",
)
def open_bids(request: AuthedRequest, ref: str) -> list[dict[str, object]]:
    p = procurement_or_404(request, ref)
    bids = services.bids_open(actor=request.user, procurement=p)
    return [bid_out(request, b) for b in bids]
