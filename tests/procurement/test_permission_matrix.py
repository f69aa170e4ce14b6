"""The permission matrix of joint procurement, with the sealed-bid rule from every angle.

Roles: the six of the house (anonymous; "other" = admin of Tallinn, NOT a buyer here; member, editor,
admin of Helsinki, the lead buyer; coordinator) plus "bidder" (editor of the provider that sealed a
bid) and "superuser" (Django superuser: gets no exception for sealed bids).
Phases: "before" the deadline (a sealed bid exists), "after" the deadline (not opened), "opened".
Angles: pages, the JSON API, both OCDS outputs, the procurement search and the site search (matching),
the audit log, notifications and the Django admin. Every refusal changes nothing. The time comes from
a controllable clock.

Integrity (issue 12): in every phase but drafts an evaluator ("named@experts.example") is named, so
that the evaluators' list, removing an evaluator and declaring (no) conflict are in the matrix; the
evaluator's own actions, in each of their states, are `test_evaluator_matrix`; people of buyers who
try to bid through a company are `test_people_who_run_the_procurement_cannot_bid`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest
from django.test import Client

from tests.conftest import ROLES, World, api, make_user
from tests.procurement.conftest import Clock, Tender, build_tender, sealed_bid
from urbanforum.accounts.models import Membership, Organisation, OrganisationKind, Role
from urbanforum.procurement import services
from urbanforum.procurement.models import Evaluator

pytestmark = pytest.mark.django_db

ALL = [*ROLES, "bidder", "superuser"]
LOGIN = 302
SECRET = ("912345", "912,345", "ZEBRA")


def outcome(*codes: int) -> dict[str, int]:
    assert len(codes) == len(ALL)
    return dict(zip(ALL, codes, strict=True))


def same(code: int, anonymous: int | None = None) -> dict[str, int]:
    out = dict.fromkeys(ALL, code)
    if anonymous is not None:
        out["anonymous"] = anonymous
    return out


@dataclass
class Case:
    name: str
    phase: str  # draft | before | after | opened
    method: str
    url: str
    expected: dict[str, int]
    data: dict[str, Any] | None = None
    json: bool = False
    # Roles whose request is refused by validation (302/422) and must change nothing either.
    refused: set[str] = field(default_factory=set)
    # The response must never contain the bid's secret for these roles.
    no_secret: set[str] = field(default_factory=set)
    # The response must contain the secret for these roles.
    shows_secret: set[str] = field(default_factory=set)

    def __str__(self) -> str:
        return f"{self.phase}: {self.name}"


EVERYONE = set(ALL)
NOT_BIDDER = EVERYONE - {"bidder"}

CASES = [
    # --- drafts: cities gather demand --------------------------------------------------------------
    Case(
        "draft detail",
        "draft",
        "GET",
        "/procurement/{ref}/",
        outcome(404, 200, 200, 200, 200, 200, 404, 200),
    ),
    Case(
        "join",
        "draft",
        "POST",
        "/procurement/{ref}/join/",
        outcome(LOGIN, 302, 403, 403, 403, 403, 404, 403),
        {"organisation": "{tallinn_org}"},
    ),
    Case(
        "add lot",
        "draft",
        "POST",
        "/procurement/{ref}/lots/",
        outcome(LOGIN, 403, 403, 302, 302, 302, 404, 302),
        {"title": "Sensors", "cpv_code": "38000000-5"},
    ),
    Case(
        "demand",
        "draft",
        "POST",
        "/procurement/{ref}/demand/",
        outcome(LOGIN, 403, 403, 302, 302, 403, 404, 403),
        {
            "organisation": "{helsinki_org}",
            "lot": "{lot}",
            "item": "Controller",
            "quantity": "10",
            "budget": "1000",
        },
    ),
    Case(
        "criteria",
        "draft",
        "POST",
        "/procurement/{ref}/criteria/",
        outcome(LOGIN, 403, 403, 302, 302, 302, 404, 302),
        {
            "name_0": "Price",
            "kind_0": "price",
            "weight_0": "70",
            "name_1": "Quality",
            "kind_1": "quality",
            "weight_1": "30",
        },
    ),
    Case(
        "criteria not adding up to 100",
        "draft",
        "POST",
        "/procurement/{ref}/criteria/",
        outcome(LOGIN, 403, 403, 302, 302, 302, 404, 302),
        {"name_0": "Price", "kind_0": "price", "weight_0": "70"},
        refused={"editor", "admin", "coordinator", "superuser"},
    ),
    Case(
        "publish",
        "draft",
        "POST",
        "/procurement/{ref}/publish/",
        outcome(LOGIN, 403, 403, 302, 302, 302, 404, 302),
    ),
    Case(
        "api draft",
        "draft",
        "GET",
        "/api/v1/procurements/{ref}",
        outcome(404, 200, 200, 200, 200, 200, 404, 200),
        json=True,
    ),
    Case(
        "api add lot",
        "draft",
        "POST",
        "/api/v1/procurements/{ref}/lots",
        outcome(401, 403, 403, 201, 201, 201, 404, 201),
        {"title": "Sensors"},
        json=True,
    ),
    Case(
        "api criteria 90",
        "draft",
        "PUT",
        "/api/v1/procurements/{ref}/criteria",
        outcome(401, 403, 403, 422, 422, 422, 404, 422),
        {"criteria": [{"name": "Price", "kind": "price", "weight": 90}]},
        json=True,
        refused={"editor", "admin", "coordinator", "superuser"},
    ),
    Case(
        "create form",
        "draft",
        "GET",
        "/procurement/new/",
        outcome(LOGIN, 200, 403, 200, 200, 403, 403, 200),
    ),
    # --- before the deadline: nobody but the bidder reads the bid -------------------------------------
    Case("list", "before", "GET", "/procurement/", same(200), no_secret=EVERYONE),
    Case("search for the secret", "before", "GET", "/procurement/?q=ZEBRA", same(200)),
    Case("detail", "before", "GET", "/procurement/{ref}/", same(200), no_secret=EVERYONE),
    Case(
        "audit log",
        "before",
        "GET",
        "/audit/",
        outcome(LOGIN, 403, 403, 403, 403, 200, 403, 200),
        no_secret=EVERYONE,
    ),
    Case(
        "api audit",
        "before",
        "GET",
        "/api/v1/audit",
        outcome(401, 403, 403, 403, 403, 200, 403, 200),
        json=True,
        no_secret=EVERYONE,
    ),
    Case(
        "notifications",
        "before",
        "GET",
        "/api/v1/notifications",
        outcome(401, 200, 200, 200, 200, 200, 200, 200),
        json=True,
        no_secret=EVERYONE,
    ),
    Case(
        "site search (matching)",
        "before",
        "GET",
        "/api/v1/search?q=ZEBRA%20912345.67",
        same(200),
        json=True,
        no_secret=EVERYONE,
    ),
    Case(
        "bid page",
        "before",
        "GET",
        "/procurement/{ref}/bids/{bid}/",
        outcome(LOGIN, 403, 403, 403, 403, 403, 200, 403),
        no_secret=NOT_BIDDER,
        shows_secret={"bidder"},
    ),
    Case(
        "opening before the deadline",
        "before",
        "POST",
        "/procurement/{ref}/open/",
        outcome(LOGIN, 403, 403, 302, 302, 403, 403, 403),
        refused={"editor", "admin"},
    ),
    Case(
        "withdraw someone else's bid",
        "before",
        "POST",
        "/procurement/{ref}/bids/{bid}/withdraw/",
        outcome(LOGIN, 403, 403, 403, 403, 403, 302, 403),
    ),
    Case(
        "ocds page", "before", "GET", "/procurement/{ref}/ocds.json", same(200), no_secret=EVERYONE
    ),
    Case("ocds all", "before", "GET", "/procurement/ocds.json", same(200), no_secret=EVERYONE),
    Case(
        "admin bid list",
        "before",
        "GET",
        "/admin/procurement/bid/",
        outcome(LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, 404),
    ),
    Case(
        "admin procurement",
        "before",
        "GET",
        "/admin/procurement/jointprocurement/{ref_pk}/change/",
        outcome(LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, 200),
        no_secret=EVERYONE,
    ),
    Case(
        "api detail",
        "before",
        "GET",
        "/api/v1/procurements/{ref}",
        same(200),
        json=True,
        no_secret=EVERYONE,
    ),
    Case(
        "api bid",
        "before",
        "GET",
        "/api/v1/procurements/{ref}/bids/{bid}",
        outcome(401, 403, 403, 403, 403, 403, 200, 403),
        json=True,
        no_secret=NOT_BIDDER,
        shows_secret={"bidder"},
    ),
    Case(
        "api bids",
        "before",
        "GET",
        "/api/v1/procurements/{ref}/bids",
        outcome(401, 200, 200, 200, 200, 200, 200, 200),
        json=True,
        no_secret=NOT_BIDDER,
        shows_secret={"bidder"},
    ),
    Case(
        "api open",
        "before",
        "POST",
        "/api/v1/procurements/{ref}/open",
        outcome(401, 403, 403, 422, 422, 403, 403, 403),
        json=True,
        refused={"editor", "admin"},
    ),
    Case(
        "api evaluation",
        "before",
        "GET",
        "/api/v1/procurements/{ref}/evaluation",
        outcome(401, 403, 403, 403, 403, 403, 403, 403),
        json=True,
    ),
    Case(
        "api ocds",
        "before",
        "GET",
        "/api/v1/procurements/{ref}/ocds",
        same(200),
        json=True,
        no_secret=EVERYONE,
    ),
    Case(
        "api ocds all",
        "before",
        "GET",
        "/api/v1/procurements/ocds",
        same(200),
        json=True,
        no_secret=EVERYONE,
    ),
    Case(
        "api bid",
        "before",
        "POST",
        "/api/v1/procurements/{ref}/lots/1/bids",
        outcome(401, 403, 403, 403, 403, 403, 201, 403),
        {"bidder": "{provider}", "amount": "800000", "offer": "Again"},
        json=True,
    ),
    # --- after the deadline, before opening: statistics only ------------------------------------------
    Case("detail", "after", "GET", "/procurement/{ref}/", same(200), no_secret=EVERYONE),
    Case(
        "bid page",
        "after",
        "GET",
        "/procurement/{ref}/bids/{bid}/",
        outcome(LOGIN, 403, 403, 403, 403, 403, 200, 403),
        no_secret=NOT_BIDDER,
    ),
    Case(
        "late bid",
        "after",
        "POST",
        "/api/v1/procurements/{ref}/lots/1/bids",
        outcome(401, 403, 403, 403, 403, 403, 403, 403),
        {"bidder": "{provider}", "amount": "800000", "offer": "Late"},
        json=True,
    ),
    Case(
        "late withdrawal",
        "after",
        "POST",
        "/api/v1/procurements/{ref}/bids/{bid}/withdraw",
        outcome(401, 403, 403, 403, 403, 403, 422, 403),
        json=True,
        refused={"bidder"},
    ),
    Case(
        "api ocds",
        "after",
        "GET",
        "/api/v1/procurements/{ref}/ocds",
        same(200),
        json=True,
        no_secret=EVERYONE,
    ),
    Case(
        "opening",
        "after",
        "POST",
        "/procurement/{ref}/open/",
        outcome(LOGIN, 403, 403, 302, 302, 403, 403, 403),
    ),
    Case(
        "api opening",
        "after",
        "POST",
        "/api/v1/procurements/{ref}/open",
        outcome(401, 403, 403, 200, 200, 403, 403, 403),
        json=True,
    ),
    # --- opened: buyers read, outsiders do not --------------------------------------------------------
    Case(
        "bid page",
        "opened",
        "GET",
        "/procurement/{ref}/bids/{bid}/",
        outcome(LOGIN, 403, 200, 200, 200, 200, 200, 403),
        shows_secret={"member", "editor", "admin", "coordinator"},
        no_secret={"anonymous", "other", "superuser"},
    ),
    Case(
        "api bid",
        "opened",
        "GET",
        "/api/v1/procurements/{ref}/bids/{bid}",
        outcome(401, 403, 200, 200, 200, 200, 200, 403),
        json=True,
        shows_secret={"member", "editor", "admin", "coordinator"},
        no_secret={"other", "superuser"},
    ),
    Case(
        "detail",
        "opened",
        "GET",
        "/procurement/{ref}/",
        same(200),
        no_secret={"anonymous", "other", "superuser"},
        shows_secret={"editor"},
    ),
    Case(
        "api evaluation",
        "opened",
        "GET",
        "/api/v1/procurements/{ref}/evaluation",
        outcome(401, 403, 200, 200, 200, 200, 403, 403),
        json=True,
    ),
    Case(
        "ocds after opening",
        "opened",
        "GET",
        "/api/v1/procurements/{ref}/ocds",
        same(200),
        json=True,
        no_secret=EVERYONE,
    ),
    Case(
        "add evaluator",
        "opened",
        "POST",
        "/procurement/{ref}/evaluators/",
        outcome(LOGIN, 403, 403, 302, 302, 403, 403, 302),
        {"email": "evaluator@experts.example"},
    ),
    # --- integrity: evaluators (named@experts.example is named in every phase but drafts) ---------
    Case(
        "api add evaluator",
        "before",
        "POST",
        "/api/v1/procurements/{ref}/evaluators",
        outcome(401, 403, 403, 201, 201, 403, 403, 201),
        {"email": "evaluator@experts.example"},
        json=True,
    ),
    Case(
        "api evaluators",
        "before",
        "GET",
        "/api/v1/procurements/{ref}/evaluators",
        outcome(401, 403, 403, 200, 200, 200, 403, 200),
        json=True,
        no_secret=EVERYONE,
    ),
    Case(
        "api evaluators",
        "opened",
        "GET",
        "/api/v1/procurements/{ref}/evaluators",
        outcome(401, 403, 200, 200, 200, 200, 403, 200),
        json=True,
    ),
    Case(
        "remove evaluator",
        "before",
        "POST",
        "/procurement/{ref}/evaluators/{evaluator}/remove/",
        outcome(LOGIN, 403, 403, 302, 302, 403, 403, 302),
    ),
    Case(
        "api remove evaluator",
        "opened",
        "POST",
        "/api/v1/procurements/{ref}/evaluators/{evaluator}/remove",
        outcome(401, 403, 403, 200, 200, 403, 403, 200),
        json=True,
    ),
    Case(
        "declare a conflict (not an evaluator)",
        "before",
        "POST",
        "/procurement/{ref}/conflict/",
        outcome(LOGIN, 403, 403, 403, 403, 403, 403, 403),
    ),
    Case(
        "api declare a conflict (not an evaluator)",
        "opened",
        "POST",
        "/api/v1/procurements/{ref}/conflict",
        outcome(401, 403, 403, 403, 403, 403, 403, 403),
        json=True,
    ),
    Case(
        "api declare no conflict (not an evaluator)",
        "opened",
        "POST",
        "/api/v1/procurements/{ref}/declaration",
        outcome(401, 403, 403, 403, 403, 403, 403, 403),
        {"confirm": True},
        json=True,
    ),
]


def _client(role: str, world: World, t: Tender) -> Client:
    if role == "bidder":
        c = Client()
        c.force_login(t.bidder)
        return c
    if role == "superuser":
        c = Client()
        c.force_login(t.superuser)
        return c
    return world.client(role)


@pytest.mark.parametrize("role", ALL)
@pytest.mark.parametrize("case", CASES, ids=str)
def test_permission_matrix(
    case: Case, role: str, world: World, clock: Clock, unchanged: Any
) -> None:
    if case.phase == "draft":
        t = build_tender(world, clock, publish=False, with_tallinn=False)
        bid = None
    else:
        t = build_tender(world, clock, publish=True, with_tallinn=False)
        bid, _ = sealed_bid(t)
        named = make_user("named@experts.example", is_expert=True)
        services.evaluator_add(actor=world.users["editor"], procurement=t.procurement, user=named)
        if case.phase in ("after", "opened"):
            clock.after_deadline()
        if case.phase == "opened":
            services.bids_open(actor=world.users["editor"], procurement=t.procurement)
    values = {
        "ref": t.procurement.reference,
        "ref_pk": t.procurement.pk,
        "bid": bid.public_id if bid else "none",
        "evaluator": Evaluator.objects.filter(user__email="named@experts.example")
        .values_list("pk", flat=True)
        .first()
        or 0,
        "lot": t.lot.pk,
        "tallinn_org": world.other_org.pk,
        "helsinki_org": world.org.pk,
        "provider": t.provider.slug,
    }
    url = case.url.format(**values)
    data = {
        k: (v.format(**values) if isinstance(v, str) else v) for k, v in (case.data or {}).items()
    }
    client = _client(role, world, t)
    expected = case.expected[role]

    def call() -> Any:
        if case.json:
            return api(client, case.method, url, data if case.method != "GET" else None)
        return getattr(client, case.method.lower())(url, data)

    if (
        expected in (401, 403, 404)
        or (expected == LOGIN and role == "anonymous")
        or role in case.refused
        or (case.name == "admin bid list")
    ):
        response = unchanged(call)
    else:
        response = call()
    assert response.status_code == expected, (role, response.status_code, response.content[:300])
    body = response.content.decode()
    if role in case.no_secret:
        assert not any(s in body for s in SECRET), f"{role} saw the sealed bid's content"
    if role in case.shows_secret:
        assert "912345" in body or "912,345" in body


def test_search_never_finds_bid_content(world: World, clock: Clock) -> None:
    t = build_tender(world, clock, with_tallinn=False)
    sealed_bid(t)
    for role in ("editor", "coordinator"):
        body = world.client(role).get("/procurement/?q=ZEBRA").content.decode()
        assert "No joint procurement yet." in body and t.procurement.title not in body


def test_nothing_about_the_bid_in_ocds_or_search_for_the_lead_before_deadline(
    world: World, clock: Clock
) -> None:
    t = build_tender(world, clock, with_tallinn=False)
    sealed_bid(t)
    response = world.client("editor").get("/api/v1/procurements?search=ZEBRA")
    assert response.json()["count"] == 0


# --- the evaluator's own actions, in each state of an evaluator ------------------------------------

STATES = ["named", "declared", "bidder's person", "removed", "declared a conflict"]


@dataclass
class EvaluatorCase:
    name: str
    phase: str  # before | opened
    method: str
    url: str
    expected: dict[str, int]  # state → status
    data: dict[str, Any] | None = None

    def __str__(self) -> str:
        return f"{self.phase}: {self.name}"


def by_state(*codes: int) -> dict[str, int]:
    return dict(zip(STATES, codes, strict=True))


EVALUATOR_CASES = [
    EvaluatorCase(
        "declare no conflict before opening",
        "before",
        "POST",
        "/api/v1/procurements/{ref}/declaration",
        by_state(403, 403, 403, 403, 403),
        {"confirm": True},
    ),
    EvaluatorCase(
        "declare a conflict before opening",
        "before",
        "POST",
        "/api/v1/procurements/{ref}/conflict",
        # Before opening the bidder's person is not told apart from anyone (no oracle).
        by_state(200, 200, 200, 403, 403),
    ),
    EvaluatorCase(
        "bid page before opening",
        "before",
        "GET",
        "/procurement/{ref}/bids/{bid}/",
        by_state(403, 403, 403, 403, 403),
    ),
    EvaluatorCase(
        "declare no conflict",
        "opened",
        "POST",
        "/api/v1/procurements/{ref}/declaration",
        by_state(200, 200, 403, 403, 403),
        {"confirm": True},
    ),
    EvaluatorCase(
        "declare no conflict (page)",
        "opened",
        "POST",
        "/procurement/{ref}/declaration/",
        by_state(302, 302, 403, 403, 403),
        {"confirm": "on"},
    ),
    EvaluatorCase(
        "declare a conflict",
        "opened",
        "POST",
        "/api/v1/procurements/{ref}/conflict",
        by_state(200, 200, 403, 403, 403),
    ),
    EvaluatorCase(
        "declare a conflict (page)",
        "opened",
        "POST",
        "/procurement/{ref}/conflict/",
        by_state(302, 302, 403, 403, 403),
    ),
    EvaluatorCase(
        "bid page",
        "opened",
        "GET",
        "/procurement/{ref}/bids/{bid}/",
        by_state(403, 200, 403, 403, 403),
    ),
    EvaluatorCase(
        "evaluation",
        "opened",
        "GET",
        "/api/v1/procurements/{ref}/evaluation",
        by_state(403, 200, 403, 403, 403),
    ),
    EvaluatorCase(
        "scores",
        "opened",
        "PUT",
        "/api/v1/procurements/{ref}/bids/{bid}/scores",
        by_state(403, 200, 403, 403, 403),
        {"scores": {"{quality}": 80}},
    ),
    EvaluatorCase(
        "evaluators",
        "opened",
        "GET",
        "/api/v1/procurements/{ref}/evaluators",
        by_state(403, 200, 403, 403, 403),
    ),
]


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("case", EVALUATOR_CASES, ids=str)
def test_evaluator_matrix(
    case: EvaluatorCase, state: str, world: World, clock: Clock, unchanged: Any
) -> None:
    """An evaluator reads and scores the bids only after opening, having declared no conflict, and
    while not excluded; a person of a bidding organisation is excluded at opening (named before it
    like anyone else); a removed evaluator and one who declared a conflict are out."""
    t = build_tender(world, clock, publish=True, with_tallinn=False)
    bid, _ = sealed_bid(t)
    editor = world.users["editor"]
    person = make_user("ev@experts.example", is_expert=True)
    if state == "bidder's person":
        Membership.objects.create(
            user=person, organisation=t.provider, role=Role.MEMBER, verified_via="admin"
        )
    ev = services.evaluator_add(actor=editor, procurement=t.procurement, user=person)
    if state == "removed":
        services.evaluator_remove(actor=editor, procurement=t.procurement, evaluator=ev)
    if state == "declared a conflict":
        services.evaluator_declare_conflict(actor=person, procurement=t.procurement)
    if case.phase == "opened":
        clock.after_deadline()
        services.bids_open(actor=editor, procurement=t.procurement)
        if state == "declared":
            services.evaluator_declare(actor=person, procurement=t.procurement, confirm=True)
    quality = t.procurement.criteria.get(kind="quality")
    url = case.url.format(ref=t.procurement.reference, bid=bid.public_id)
    data = json_loads_format(case.data, quality=quality.pk)
    client = Client()
    client.force_login(person)

    def call() -> Any:
        if case.url.startswith("/api/"):
            return api(client, case.method, url, data if case.method != "GET" else None)
        return getattr(client, case.method.lower())(url, data or {})

    expected = case.expected[state]
    response = unchanged(call) if expected in (401, 403, 404) else call()
    assert response.status_code == expected, (state, response.status_code, response.content[:300])
    body = response.content.decode()
    if expected == 403 or state != "declared":
        assert not any(s in body for s in SECRET), f"{state} saw the bid's content"


def json_loads_format(data: dict[str, Any] | None, **values: Any) -> dict[str, Any] | None:
    """The case's body with "{name}" keys and values filled in."""
    if data is None:
        return None

    def fill(v: Any) -> Any:
        if isinstance(v, dict):
            return {str(k).format(**values): fill(x) for k, x in v.items()}
        return v.format(**values) if isinstance(v, str) else v

    return {k: fill(v) for k, v in data.items()}


# --- people who run the procurement do not bid ----------------------------------------------------


@pytest.mark.parametrize(
    "role,expected",
    [
        ("member", 403),  # of the lead buyer
        ("editor", 403),
        ("admin", 403),
        ("coordinator", 403),  # coordinators may change every procurement
        ("other", 201),  # Tallinn does not take part here
    ],
)
def test_people_who_run_the_procurement_cannot_bid(
    role: str, expected: int, world: World, clock: Clock, unchanged: Any
) -> None:
    """Each role, made editor of a company of its own, bids for it (API): the people of the buyers
    and coordinators are refused; a colleague of theirs, bidding for that company, too (422)."""
    t = build_tender(world, clock, publish=True, with_tallinn=False)
    user = world.users[role]
    assert user is not None
    company = Organisation.objects.create(
        name=f"{role} side business", kind=OrganisationKind.COMPANY
    )
    Membership.objects.create(
        user=user, organisation=company, role=Role.EDITOR, verified_via="admin"
    )
    colleague = make_user(f"colleague-of-{role}@business.example")
    Membership.objects.create(
        user=colleague, organisation=company, role=Role.EDITOR, verified_via="admin"
    )
    url = f"/api/v1/procurements/{t.procurement.reference}/lots/1/bids"
    body = {"bidder": company.slug, "amount": "1000", "offer": "Side business"}
    for who, code in ((user, expected), (colleague, 422 if expected == 403 else 201)):
        client = Client()
        client.force_login(who)
        if code == 201:
            response = api(client, "POST", url, body)
            services.bid_withdraw(
                actor=who,
                bid=t.procurement.bids.get(public_id=response.json()["bid_id"]),
            )
        else:
            response = unchanged(lambda client=client: api(client, "POST", url, body))
        assert response.status_code == code, (role, who.email, response.content[:300])
