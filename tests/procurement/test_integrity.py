"""Procurement integrity (issue 12, point 2): each breach found by the attack on the first version
is reproduced here and must stay closed.

* a person named evaluator before their company bid could then bid, declare "no conflict", read the
  rival's offer and score both (it flipped the award of a lot);
* an editor of the lead buyer created a company and bid on their own procurement;
* the evaluator check answered "a person of a bidding organisation cannot evaluate", revealing who
  had bid before the deadline;
* the audit log showed coordinators the bidder's e-mail before opening;
* bid numbers ran platform-wide;
* the receipt nonce lay in clear in the stored arguments of the e-mail task, so a known offer text
  gave the price back from the receipt hash in a second.
"""

from __future__ import annotations

import hashlib
import json
from datetime import timedelta
from typing import Any

import pytest
from django.apps import apps
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from tests.conftest import World, api, make_user
from tests.procurement.conftest import (
    DEADLINE,
    SECRET_OFFER,
    Clock,
    Tender,
    bid_input,
    scores,
    sealed_bid,
)
from urbanforum.accounts.models import Membership, Organisation, OrganisationKind, Role, User
from urbanforum.procurement import selectors, services
from urbanforum.procurement.models import Bid, Evaluator, ExclusionReason

pytestmark = pytest.mark.django_db


def _member(user: User, org: Organisation, role: str = Role.EDITOR) -> None:
    Membership.objects.create(user=user, organisation=org, role=role, verified_via="admin")


def _company(name: str) -> Organisation:
    return Organisation.objects.create(name=name, kind=OrganisationKind.COMPANY, country="FI")


# --- 1. the evaluator who bid -----------------------------------------------------------------------


def test_breach_an_evaluator_named_first_cannot_then_bid_for_their_company(
    tender: Tender, world: World, unchanged: Any
) -> None:
    """The evaluator is also an editor of the rival company: once named, neither they nor a
    colleague can bid for it (the second of the two is refused)."""
    _member(tender.evaluator, tender.rival)
    services.evaluator_add(
        actor=world.users["editor"], procurement=tender.procurement, user=tender.evaluator
    )
    for actor in (tender.evaluator, tender.rival_bidder):
        with pytest.raises(ValidationError) as exc:
            unchanged(
                lambda actor=actor: services.bid_submit(
                    actor=actor,
                    lot=tender.lot,
                    bidder=tender.rival,
                    data=bid_input("700000", "Rival offer"),
                )
            )
        assert list(exc.value.message_dict) == ["bidder"]
        assert "evaluator" in exc.value.message_dict["bidder"][0]
    # Through the API: a 422 naming the field, nothing saved.
    client = world.client("anonymous")
    client.force_login(tender.rival_bidder)
    response = unchanged(
        lambda: api(
            client,
            "POST",
            f"/api/v1/procurements/{tender.procurement.reference}/lots/1/bids",
            {"bidder": tender.rival.slug, "amount": "700000", "offer": "Rival offer"},
        )
    )
    assert response.status_code == 422 and "bidder" in response.content.decode()


def _open_with_two_evaluators(t: Tender, world: World, clock: Clock) -> tuple[Bid, Bid, User]:
    """The provider and the rival bid; the evaluator and an honest second evaluator are named;
    then the evaluator joins the rival (it slipped through: the bid and the appointment were both
    fine when they happened) and the bids are opened."""
    own, _ = sealed_bid(t, amount="1000000")
    rival, _ = services.bid_submit(
        actor=t.rival_bidder, lot=t.lot, bidder=t.rival, data=bid_input("1000000", "Rival offer")
    )
    honest = make_user("honest@experts.example", is_expert=True)
    for person in (t.evaluator, honest):
        services.evaluator_add(actor=world.users["editor"], procurement=t.procurement, user=person)
    _member(t.evaluator, t.rival)
    clock.after_deadline()
    services.bids_open(actor=world.users["editor"], procurement=t.procurement)
    own.refresh_from_db()
    rival.refresh_from_db()
    return own, rival, honest


def test_breach_an_evaluator_of_a_bidding_organisation_is_excluded_and_the_evaluation_says_so(
    tender: Tender, world: World, clock: Clock
) -> None:
    """The attack that flipped an award: the conflicted evaluator would declare, read the rival's
    offer and score it down. Now they are excluded at opening and can do none of it."""
    own, rival, honest = _open_with_two_evaluators(tender, world, clock)
    p = tender.procurement
    quality = p.criteria.get(kind="quality")
    ev = Evaluator.objects.get(procurement=p, user=tender.evaluator)
    assert ev.excluded_at is not None and ev.exclusion_reason == ExclusionReason.BIDDER
    with pytest.raises((PermissionDenied, ValidationError)):
        services.evaluator_declare(actor=tender.evaluator, procurement=p, confirm=True)
    with pytest.raises(PermissionDenied):
        selectors.bid_content(user=tender.evaluator, bid=own)
    with pytest.raises(PermissionDenied):
        services.scores_submit(actor=tender.evaluator, bid=own, data=scores({quality.pk: 0}))
    # The honest evaluator alone decides the quality scores; the award follows them.
    services.evaluator_declare(actor=honest, procurement=p, confirm=True)
    services.scores_submit(actor=honest, bid=own, data=scores({quality.pk: 90}))
    services.scores_submit(actor=honest, bid=rival, data=scores({quality.pk: 60}))
    ranking = selectors.evaluation(procurement=p)[tender.lot.pk]
    assert ranking.complete and [r.bid.pk for r in ranking.rows] == [own.pk, rival.pk]
    assert [(e.user.email, e.exclusion_reason) for e in selectors.excluded_evaluators(p)] == [
        ("evaluator@experts.example", ExclusionReason.BIDDER)
    ]
    # The page and the API say so to whoever reads the evaluation.
    body = world.client("editor").get(f"/procurement/{p.reference}/").content.decode()
    assert "evaluator@experts.example" in body and "excluded" in body.lower()
    listed = world.client("editor").get(f"/api/v1/procurements/{p.reference}/evaluators").json()
    assert {e["email"]: e["status"] for e in listed} == {
        "evaluator@experts.example": "excluded",
        "honest@experts.example": "declared",
    }
    award = services.lot_award(actor=world.users["editor"], lot=tender.lot)
    assert award.bid == own


def test_a_person_who_joins_a_bidder_after_declaring_is_excluded_from_then_on(
    tender: Tender, world: World, clock: Clock
) -> None:
    own, _ = sealed_bid(tender)
    services.evaluator_add(
        actor=world.users["editor"], procurement=tender.procurement, user=tender.evaluator
    )
    clock.after_deadline()
    services.bids_open(actor=world.users["editor"], procurement=tender.procurement)
    own.refresh_from_db()
    services.evaluator_declare(actor=tender.evaluator, procurement=tender.procurement, confirm=True)
    assert selectors.bid_content(user=tender.evaluator, bid=own)["amount"] == "912345.67"
    _member(tender.evaluator, tender.provider, Role.MEMBER)  # changes organisation
    with pytest.raises(PermissionDenied):
        selectors.bid_content(user=tender.evaluator, bid=own)
    assert [e.user for e in selectors.excluded_evaluators(tender.procurement)] == [tender.evaluator]
    assert selectors.evaluation(procurement=tender.procurement)[tender.lot.pk].complete is False


def test_evaluators_declare_a_conflict_and_are_removed(
    tender: Tender, world: World, clock: Clock
) -> None:
    own, _ = sealed_bid(tender)
    p = tender.procurement
    second = make_user("second@experts.example", is_expert=True)
    for person in (tender.evaluator, second):
        services.evaluator_add(actor=world.users["editor"], procurement=p, user=person)
    clock.after_deadline()
    services.bids_open(actor=world.users["editor"], procurement=p)
    own.refresh_from_db()
    ev = services.evaluator_declare_conflict(actor=tender.evaluator, procurement=p)
    assert ev.exclusion_reason == ExclusionReason.DECLARED and ev.excluded_at == clock.now
    with pytest.raises(PermissionDenied):
        selectors.bid_content(user=tender.evaluator, bid=own)
    removed = services.evaluator_remove(
        actor=world.users["editor"], procurement=p, evaluator=Evaluator.objects.get(user=second)
    )
    assert removed.exclusion_reason == ExclusionReason.REMOVED
    with pytest.raises(PermissionDenied):
        services.evaluator_declare(actor=second, procurement=p, confirm=True)
    # Only the lead buyer removes.
    with pytest.raises(PermissionDenied):
        services.evaluator_remove(actor=world.users["member"], procurement=p, evaluator=removed)


# --- 2. the buyer who bid ----------------------------------------------------------------------------


def test_breach_an_editor_of_the_lead_buyer_cannot_bid_through_their_own_company(
    tender: Tender, world: World, unchanged: Any
) -> None:
    editor = world.users["editor"]
    assert editor is not None
    company = _company("Helsinki Lighting Consultants Oy")
    _member(editor, company)
    with pytest.raises(PermissionDenied):
        unchanged(
            lambda: services.bid_submit(
                actor=editor, lot=tender.lot, bidder=company, data=bid_input("1", "Mine")
            )
        )
    # A colleague without a city role cannot bid for that company either: a buyer's person is in it.
    colleague = make_user("colleague@consultants.example")
    _member(colleague, company)
    with pytest.raises(ValidationError) as exc:
        unchanged(
            lambda: services.bid_submit(
                actor=colleague, lot=tender.lot, bidder=company, data=bid_input("1", "Mine")
            )
        )
    assert list(exc.value.message_dict) == ["bidder"]
    # Nor a member (not an editor) of a participating city.
    tallinn_member = make_user("member@tallinn.example")
    _member(tallinn_member, world.other_org, Role.MEMBER)
    own_company = _company("Tallinn Side Business OÜ")
    _member(tallinn_member, own_company)
    with pytest.raises(PermissionDenied):
        services.bid_submit(
            actor=tallinn_member, lot=tender.lot, bidder=own_company, data=bid_input("1", "x")
        )
    # The page offers no bid button to the lead's editor.
    body = world.client("editor").get(f"/procurement/{tender.procurement.reference}/")
    assert "Submit a sealed bid" not in body.content.decode()


# --- 3. no oracle ------------------------------------------------------------------------------------


def test_breach_naming_an_evaluator_before_opening_reveals_nothing_about_bids(
    tender: Tender, world: World
) -> None:
    """Before opening, the appointment answers the same whether the person's organisation has bid
    or not: the conflict is settled at opening (exclusion), when the bids are known anyway."""
    sealed_bid(tender)
    insider = make_user("insider@snowline.example")
    _member(insider, tender.provider, Role.MEMBER)
    outsider = make_user("outsider@experts.example")
    _member(outsider, tender.rival, Role.MEMBER)  # the rival has not bid
    client = world.client("editor")
    url = f"/api/v1/procurements/{tender.procurement.reference}/evaluators"
    first = api(client, "POST", url, {"email": "insider@snowline.example"})
    second = api(client, "POST", url, {"email": "outsider@experts.example"})
    assert (first.status_code, first.json()) == (second.status_code, second.json())
    assert first.status_code == 201
    listed = {e["email"]: e["status"] for e in api(client, "GET", url).json()}
    assert listed["insider@snowline.example"] == listed["outsider@experts.example"] == "named"
    page = client.get(f"/procurement/{tender.procurement.reference}/").content.decode()
    assert "tag-danger" not in page and page.count("no declaration yet") == 2


def test_after_opening_a_bidders_person_cannot_be_named(
    tender: Tender, world: World, clock: Clock, unchanged: Any
) -> None:
    sealed_bid(tender)
    insider = make_user("insider@snowline.example")
    _member(insider, tender.provider, Role.MEMBER)
    clock.after_deadline()
    services.bids_open(actor=world.users["editor"], procurement=tender.procurement)
    with pytest.raises(ValidationError) as exc:
        unchanged(
            lambda: services.evaluator_add(
                actor=world.users["editor"], procurement=tender.procurement, user=insider
            )
        )
    assert list(exc.value.message_dict) == ["user"]


# --- 4. the audit log --------------------------------------------------------------------------------


def test_breach_the_audit_log_names_no_bidder_before_opening(
    tender: Tender, world: World, clock: Clock
) -> None:
    bid, _ = sealed_bid(tender)
    services.bid_withdraw(actor=tender.bidder, bid=bid)
    sealed_bid(tender, amount="900000")
    telling = ("bids@snowline.example", "Snowline", tender.provider.slug)
    for path in ("/audit/", "/api/v1/audit?page_size=100"):
        body = world.client("coordinator").get(path).content.decode()
        assert not any(t in body for t in telling), path
    from urbanforum.core.models import AuditEvent

    assert not AuditEvent.objects.filter(action__startswith="procurement.bid").exists()
    # At opening the journal of every bid (withdrawn ones too) goes into the audit trail.
    clock.after_deadline()
    services.bids_open(actor=world.users["editor"], procurement=tender.procurement)
    entry = AuditEvent.objects.get(action="procurement.bids_open")
    journal = entry.changes["bids"]
    assert [(b["number"], b["status"], b["submitted_by"]) for b in journal] == [
        (1, "withdrawn", "bids@snowline.example"),
        (2, "opened", "bids@snowline.example"),
    ]
    assert "900000" not in json.dumps(entry.changes)


# --- 5. bid identifiers ------------------------------------------------------------------------------


def test_breach_bid_identifiers_are_opaque_and_numbers_per_procurement(
    tender: Tender, world: World, clock: Clock
) -> None:
    first, r1 = sealed_bid(tender)
    second, r2 = services.bid_submit(
        actor=tender.rival_bidder, lot=tender.lot, bidder=tender.rival, data=bid_input("1", "x")
    )
    for receipt in (r1, r2):
        assert isinstance(receipt.bid_id, str) and len(receipt.bid_id) >= 20
        assert not receipt.bid_id.isdigit()
    assert r1.bid_id != r2.bid_id and str(first.pk) not in (r1.bid_id, r2.bid_id)
    assert first.number is None and second.number is None  # no number before opening
    ref = tender.procurement.reference
    client = world.client("anonymous")
    client.force_login(tender.bidder)
    assert client.get(f"/procurement/{ref}/bids/{r1.bid_id}/").status_code == 200
    assert client.get(f"/procurement/{ref}/bids/{first.pk}/").status_code == 404
    listed = api(client, "GET", f"/api/v1/procurements/{ref}/bids").json()
    assert [b["id"] for b in listed] == [r1.bid_id] and listed[0]["number"] is None
    clock.after_deadline()
    services.bids_open(actor=world.users["editor"], procurement=tender.procurement)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.number, second.number) == (1, 2)
    page = world.client("editor").get(f"/procurement/{ref}/").content.decode()
    assert f"#{first.pk}<" not in page and r1.bid_id in page


# --- 6. the receipt's secret ---------------------------------------------------------------------


def _every_row() -> str:
    rows = []
    for model in apps.get_models():
        for values in model._default_manager.values():
            rows.append(json.dumps(values, default=str))
    return "\n".join(rows)


def test_breach_the_receipt_nonce_is_stored_nowhere(
    tender: Tender, world: World, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    """With the database task queue of production, a bid through the page and one through the API:
    the nonce is in no row of any table (task arguments, sessions, audit, notifications) and in no
    e-mail; the receipt hash alone does not give the price back."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    ref = tender.procurement.reference
    web = world.client("anonymous")
    web.force_login(tender.bidder)
    with django_capture_on_commit_callbacks(execute=True):
        response = web.post(
            f"/procurement/{ref}/lots/1/bid/",
            {"bidder": tender.provider.pk, "amount": "912345.67", "offer": SECRET_OFFER},
        )
    assert response.status_code == 302
    rival = world.client("anonymous")
    rival.force_login(tender.rival_bidder)
    with django_capture_on_commit_callbacks(execute=True):
        created = api(
            rival,
            "POST",
            f"/api/v1/procurements/{ref}/lots/1/bids",
            {"bidder": tender.rival.slug, "amount": "700000", "offer": "Rival offer"},
        )
    assert created.status_code == 201
    nonces = [created.json()["nonce"]]
    own = Bid.objects.get(bidder=tender.provider)
    nonces.append(selectors.bid_content_for_bidder(user=tender.bidder, bid=own)["nonce"])
    dump = _every_row() + "".join(m.subject + m.body for m in mail.outbox)
    assert "send_bid_receipt" in dump  # the receipt e-mail is queued…
    for nonce in nonces:
        assert len(nonce) == 32 and nonce not in dump  # …with nothing secret in its arguments
    # Without the nonce the known offer text does not give the price from the receipt hash.
    guess = {
        "procurement": ref,
        "lot": 1,
        "bidder": tender.provider.pk,
        "submitted_at": own.submitted_at.isoformat(),
        "amount": "912345.67",
        "currency": "EUR",
        "offer": SECRET_OFFER,
    }
    for nonce in ("", "0" * 32):
        text = json.dumps({**guess, "nonce": nonce}, sort_keys=True, separators=(",", ":"))
        assert hashlib.sha256(text.encode()).hexdigest() != own.receipt_hash


def test_the_receipt_email_is_sent_from_the_bid_alone(
    tender: Tender, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        bid, receipt = sealed_bid(tender)
    [message] = [m for m in mail.outbox if bid.receipt_hash in m.body]
    assert message.to == ["bids@snowline.example"]
    assert receipt.nonce not in message.body and "912345" not in message.body
    assert receipt.bid_id in message.body  # the link to the bid's page


def test_the_deadline_passes_between_two_bids_of_a_lot_numbering(
    tender: Tender, world: World, clock: Clock
) -> None:
    """Numbers are given at opening, in the order of submission per procurement, skipping none."""
    sealed_bid(tender)
    clock.set(DEADLINE - timedelta(minutes=5))
    services.bid_submit(
        actor=tender.rival_bidder, lot=tender.lot, bidder=tender.rival, data=bid_input("2", "y")
    )
    clock.after_deadline()
    services.bids_open(actor=world.users["editor"], procurement=tender.procurement)
    numbers = list(
        Bid.objects.filter(procurement=tender.procurement)
        .order_by("submitted_at")
        .values_list("bidder__name", "number")
    )
    assert numbers == [("Nordic Snowline Oy", 1), ("Baltic Lights AS", 2)]


def test_a_failed_receipt_email_stores_no_address(tender: Tender) -> None:
    """An SMTP error names the recipient; the task's stored traceback must not."""
    import smtplib
    from unittest.mock import patch

    from urbanforum.procurement.tasks import ReceiptNotSent, send_bid_receipt

    bid, _ = sealed_bid(tender)
    error = smtplib.SMTPRecipientsRefused({"bids@snowline.example": (550, b"no")})
    with (
        patch("urbanforum.procurement.tasks.send_mail", side_effect=error),
        pytest.raises(ReceiptNotSent) as exc,
    ):
        send_bid_receipt.call(bid.public_id)
    assert exc.value.__cause__ is None and exc.value.__suppress_context__
    assert "snowline" not in str(exc.value)
