"""Screens of sealed bids: submit (or replace), the bid's page, withdraw, open."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from urbanforum.accounts.http import AuthedRequest
from urbanforum.core.forms import apply_errors
from urbanforum.procurement import selectors, services
from urbanforum.procurement.forms import BidForm
from urbanforum.procurement.models import Lot
from urbanforum.procurement.policies import bid_policy
from urbanforum.procurement.views._common import (
    act,
    bid_or_404,
    message_errors,
    procurement_or_404,
)


@login_required
def bid_submit(request: AuthedRequest, ref: str, number: int) -> HttpResponse:
    p = procurement_or_404(request, ref)
    lot = get_object_or_404(Lot, procurement=p, number=number)
    if not request.user.has_perm("procurement.submit_bid", p):
        raise PermissionDenied(_("Bids are accepted only from providers, before the deadline."))
    orgs = selectors.provider_organisations(request.user)
    form = BidForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        org = next(
            (o for o in orgs if str(o.pk) == request.POST.get("bidder")), orgs[0] if orgs else None
        )
        if org is None:
            raise PermissionDenied
        try:
            _bid, receipt = services.bid_submit(
                actor=request.user, lot=lot, bidder=org, data=form.validated
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            # The nonce is shown on the bid's page (decrypted with the bidder's key); it is not put
            # into the session, which the database stores in clear.
            messages.success(request, _("Your bid is sealed. Keep the receipt."))
            return redirect("procurement:bid", ref=p.reference, bid_id=receipt.bid_id)
    return render(
        request,
        "procurement/bid_form.html",
        {"procurement": p, "lot": lot, "form": form, "orgs": orgs},
    )


@login_required
def bid_detail(request: AuthedRequest, ref: str, bid_id: str) -> HttpResponse:
    p = procurement_or_404(request, ref)
    bid = bid_or_404(p, bid_id)
    # The sealed-bid rule, asked directly (a superuser gets no exception).
    if not bid_policy.allows(request.user, bid):
        raise PermissionDenied(_("This bid is sealed: only the bidder can read it before opening."))
    context = selectors.bid_page(procurement=p, bid=bid, user=request.user)
    return render(request, "procurement/bid_detail.html", context)


@login_required
@require_POST
def bid_withdraw(request: AuthedRequest, ref: str, bid_id: str) -> HttpResponse:
    p = procurement_or_404(request, ref)
    bid = bid_or_404(p, bid_id)
    if bid.bidder not in selectors.provider_organisations(request.user):
        raise PermissionDenied
    try:
        services.bid_withdraw(actor=request.user, bid=bid)
    except ValidationError as exc:
        message_errors(request, exc)
    else:
        messages.success(request, _("Your bid was withdrawn."))
    return redirect("procurement:detail", ref=p.reference)


@login_required
@require_POST
def bids_open(request: AuthedRequest, ref: str) -> HttpResponse:
    p = procurement_or_404(request, ref)
    return act(
        request,
        p,
        "procurement.open_bids",
        lambda: services.bids_open(actor=request.user, procurement=p),
        _("The bids are open. The opening is recorded."),
    )
