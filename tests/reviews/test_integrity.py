"""Review integrity (issue 12, point 3). The breach: review rounds accepted a citizen as "peer city"
reviewer and the vendor of the piloted product as "expert". Now only experts review as experts, only
officials of a city as that city's peer, and nobody of the reviewed pilot's city or of its solution
provider reviews it — refused at assignment and at submission."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.conftest import World, api, make_user
from tests.procurement.conftest import clock  # noqa: F401  (fixture)
from tests.reviews.conftest import Round, review
from urbanforum.accounts.models import Membership, Organisation, OrganisationKind, Role, User
from urbanforum.cities.models import City
from urbanforum.reviews import services
from urbanforum.reviews.models import Assignment

pytestmark = pytest.mark.django_db


def _member(user: User, org: Organisation, role: str = Role.MEMBER) -> None:
    Membership.objects.create(user=user, organisation=org, role=role, verified_via="admin")


def _vendor(review_round: Round) -> Organisation:
    """The provider of the piloted solution."""
    vendor = Organisation.objects.create(
        name="Dimmable LED Oy", kind=OrganisationKind.COMPANY, country="FI"
    )
    pilot = review_round.round.pilot
    assert pilot is not None
    pilot.provider = vendor
    pilot.save(update_fields=["provider"])
    return vendor


def _assign(world: World, review_round: Round, who: User, **kw: Any) -> Assignment:
    return services.reviewer_assign(
        actor=world.users["editor"], round=review_round.round, reviewer=who, **kw
    )


def test_breach_a_citizen_is_no_peer_city(
    review_round: Round, world: World, unchanged: Any
) -> None:
    citizen = make_user("citizen@example.org")
    for city in (world.other_city, None):
        with pytest.raises(ValidationError) as exc:
            unchanged(
                lambda city=city: _assign(world, review_round, citizen, kind="peer", city=city)
            )
        assert list(exc.value.message_dict) == ["city"]
    # Through the API too: 422, nothing saved.
    response = unchanged(
        lambda: api(
            world.client("editor"),
            "POST",
            f"/api/v1/review-rounds/{review_round.round.pk}/reviewers",
            {"email": "citizen@example.org", "kind": "peer", "city": "tallinn-ee"},
        )
    )
    assert response.status_code == 422 and "city" in response.json()["errors"][0]["field"]


def test_breach_the_vendor_of_the_piloted_product_is_no_expert(
    review_round: Round, world: World, unchanged: Any
) -> None:
    vendor = _vendor(review_round)
    sales = make_user("sales@dimmable.example", is_expert=True)  # even with the expert role
    _member(sales, vendor, Role.EDITOR)
    with pytest.raises(ValidationError) as exc:
        unchanged(lambda: _assign(world, review_round, sales, kind="expert"))
    assert list(exc.value.message_dict) == ["reviewer"]


def test_only_experts_review_as_experts(review_round: Round, world: World, unchanged: Any) -> None:
    layman = make_user("layman@example.org")
    with pytest.raises(ValidationError) as exc:
        unchanged(lambda: _assign(world, review_round, layman, kind="expert"))
    assert list(exc.value.message_dict) == ["kind"]
    # A city official is no expert either (but is a peer of their city).
    tallinn_member = make_user("member@tallinn.example")
    _member(tallinn_member, world.other_org)
    with pytest.raises(ValidationError):
        _assign(world, review_round, tallinn_member, kind="expert")
    a = _assign(world, review_round, tallinn_member, kind="peer")
    assert a.city == world.other_city  # found from the reviewer's administration


def test_a_peer_reviews_only_for_their_own_city(review_round: Round, world: World) -> None:
    riga_org = Organisation.objects.create(
        name="Riga City Council", kind=OrganisationKind.CITY_ADMINISTRATION, country="LV"
    )
    riga = City.objects.create(
        name="Riga", slug="riga-lv", country="LV", eurostat_code="LV001C", administration=riga_org
    )
    tallinn_member = make_user("member@tallinn.example")
    _member(tallinn_member, world.other_org)
    with pytest.raises(ValidationError) as exc:
        _assign(world, review_round, tallinn_member, kind="peer", city=riga)
    assert list(exc.value.message_dict) == ["city"]


def test_the_pilots_own_city_does_not_review_it(review_round: Round, world: World) -> None:
    for role in ("member", "admin"):
        with pytest.raises(ValidationError):
            _assign(world, review_round, world.users[role], kind="peer", city=world.city)  # type: ignore[arg-type]
    # A Helsinki official who is also an expert cannot review Helsinki's pilot as an expert.
    helsinki_expert = make_user("expert@hel.example", is_expert=True)
    _member(helsinki_expert, world.org)
    with pytest.raises(ValidationError) as exc:
        _assign(world, review_round, helsinki_expert, kind="expert")
    assert list(exc.value.message_dict) == ["reviewer"]


def test_refused_at_submission_when_the_rule_no_longer_holds(
    review_round: Round, world: World, unchanged: Any
) -> None:
    """Assigned fairly, then: the expert joins the vendor, the peer leaves Tallinn's administration,
    a second expert loses the expert role. None of them can submit; the page offers no form."""
    r = review_round.round
    vendor = _vendor(review_round)
    second = make_user("second@experts.example", is_expert=True)
    _assign(world, review_round, second, kind="expert")
    _member(review_round.expert, vendor)
    Membership.objects.filter(user=review_round.peer, organisation=world.other_org).delete()
    User.objects.filter(pk=second.pk).update(is_expert=False)
    second.refresh_from_db()
    for who in (review_round.expert, review_round.peer, second):
        with pytest.raises(PermissionDenied):
            unchanged(lambda who=who: services.review_submit(actor=who, round=r, data=review("x")))
        client = world.client("anonymous")
        client.force_login(who)
        response = unchanged(
            lambda client=client: api(
                client,
                "POST",
                f"/api/v1/review-rounds/{r.pk}/reviews",
                {
                    "effectiveness": 3,
                    "cost_efficiency": 3,
                    "transferability": 3,
                    "citizen_benefit": 3,
                    "sustainability": 3,
                    "findings": "x",
                },
            )
        )
        assert response.status_code == 403
        assert "Your review" not in client.get(f"/reviews/{r.pk}/").content.decode()


def test_the_contract_supplier_of_the_pilot_is_the_provider_too(
    review_round: Round,
    world: World,
    clock: Any,  # noqa: F811
) -> None:
    """A pilot that runs under a joint procurement's contract: the awarded bidder is its provider,
    even when the pilot's own `provider` field is empty."""
    from tests.procurement.conftest import build_tender, scores, sealed_bid
    from urbanforum.procurement import services as procurement
    from urbanforum.procurement.models import Contract

    t = build_tender(world, clock, with_tallinn=False)
    bid, _ = sealed_bid(t)
    editor = world.users["editor"]
    procurement.evaluator_add(actor=editor, procurement=t.procurement, user=t.evaluator)
    clock.after_deadline()
    procurement.bids_open(actor=editor, procurement=t.procurement)
    procurement.evaluator_declare(actor=t.evaluator, procurement=t.procurement, confirm=True)
    bid.refresh_from_db()
    quality = t.procurement.criteria.get(kind="quality")
    procurement.scores_submit(actor=t.evaluator, bid=bid, data=scores({quality.pk: 70}))
    award = procurement.lot_award(actor=editor, lot=t.lot)
    pilot = review_round.round.pilot
    assert pilot is not None and pilot.provider is None
    pilot.contract = Contract.objects.get(award=award, participant__organisation=world.org)
    pilot.save(update_fields=["contract"])
    sales = make_user("sales2@snowline.example", is_expert=True)
    _member(sales, t.provider)
    with pytest.raises(ValidationError) as exc:
        _assign(world, review_round, sales, kind="expert")
    assert list(exc.value.message_dict) == ["reviewer"]
