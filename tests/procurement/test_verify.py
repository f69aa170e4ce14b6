"""`urbanforum procurement verify` (issue 12, point 5): every sealed bid still authenticates under
this installation's key, checked without opening any bid; a bid that does not is named and the
command exits non-zero."""

from __future__ import annotations

import io
from datetime import timedelta
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

from tests.procurement.conftest import Clock, Tender, bid_input, sealed_bid
from urbanforum.procurement import services
from urbanforum.procurement.integrity import seal_problems
from urbanforum.procurement.models import Bid, BidStatus, JointProcurement

pytestmark = pytest.mark.django_db


def verify() -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("procurement", "verify", stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_live_withdrawn_and_replaced_bids_authenticate_and_nothing_is_opened(
    tender: Tender, unchanged: Any
) -> None:
    sealed_bid(tender)
    second, _ = sealed_bid(tender, amount="900000.00")  # replaces the first
    services.bid_withdraw(actor=tender.bidder, bid=second)
    services.bid_submit(
        actor=tender.rival_bidder, lot=tender.lot, bidder=tender.rival, data=bid_input("1", "x")
    )
    statuses = sorted(Bid.objects.values_list("status", flat=True))
    assert statuses == [BidStatus.REPLACED, BidStatus.SEALED, BidStatus.WITHDRAWN]
    out, err = unchanged(verify)  # no row changes: nothing is opened, numbered or marked
    assert out.strip() == "All 3 sealed bid(s) authenticate." and err == ""


def test_a_moved_deadline_an_altered_row_or_another_key_is_named(
    tender: Tender, clock: Clock
) -> None:
    bid, _ = sealed_bid(tender)
    rival, _ = services.bid_submit(
        actor=tender.rival_bidder, lot=tender.lot, bidder=tender.rival, data=bid_input("1", "x")
    )
    # someone moves the deadline in the database, around the services: the opening wrap fails
    JointProcurement.objects.filter(pk=tender.procurement.pk).update(
        bid_deadline=tender.procurement.bid_deadline - timedelta(days=1)
    )
    checked, problems = seal_problems()
    assert checked == 2 and {p.bid for p in problems} == {bid.public_id, rival.public_id}
    assert all("opening key does not unwrap" in p.message for p in problems)
    JointProcurement.objects.filter(pk=tender.procurement.pk).update(
        bid_deadline=tender.procurement.bid_deadline
    )
    # an altered receipt hash
    Bid.objects.filter(pk=bid.pk).update(receipt_hash="0" * 64)
    with pytest.raises(CommandError, match="1 of 2 sealed bid"):
        verify()
    _, problems = seal_problems()
    assert [(p.bid, p.message) for p in problems] == [
        (bid.public_id, "the receipt hash does not match the content")
    ]
    Bid.objects.filter(pk=bid.pk).update(receipt_hash=Bid.objects.get(pk=rival.pk).receipt_hash)
    # another sealing key: every bid named
    with override_settings(PROCUREMENT_SEALING_KEY="some-other-key"):
        err = io.StringIO()
        with pytest.raises(CommandError, match="2 of 2 sealed bid"):
            call_command("procurement", "verify", stdout=io.StringIO(), stderr=err)
    for b in (bid, rival):
        assert f"bid {b.public_id} (sealed): does not authenticate" in err.getvalue()
