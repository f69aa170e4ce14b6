"""Demo joint procurements for `urbanforum demo` (idempotent).

1. "Smart street lighting controllers": Helsinki (lead), Espoo, Tallinn and Riga; bids by two
   providers; the deadline lies in the past; opened, evaluated and awarded, contracts signed. It is
   replayed through the real services with the procurement clock set to the past, so every rule
   (sealing, late bids, declarations, standstill) applied as it would have.
2. "Winter road maintenance sensors": open for bids (deadline in three weeks) with one sealed bid by
   the demo provider (provider@snowline.example).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any
from unittest.mock import patch

from django.db import transaction
from django.utils import timezone

from urbanforum.accounts.demo import DEMO_PASSWORD
from urbanforum.accounts.models import Membership, Organisation, OrganisationKind, Role, User
from urbanforum.cities.models import City
from urbanforum.procurement import services
from urbanforum.procurement.models import Contract, JointProcurement
from urbanforum.procurement.schemas import (
    BidInput,
    CriteriaInput,
    DemandInput,
    ProcurementInput,
    ScoresInput,
)

AWARDED = "smart-street-lighting-controllers-demo"
OPEN = "winter-road-maintenance-sensors-demo"


@contextmanager
def at(when: datetime) -> Iterator[None]:
    with patch("urbanforum.procurement.clock.now", lambda: when):
        yield


def _user(email: str, org: Organisation, role: str, name: str) -> User:
    user = User.objects.filter(email=email).first() or User.objects.create_user(
        email, DEMO_PASSWORD, full_name=name
    )
    Membership.objects.get_or_create(
        user=user, organisation=org, defaults={"role": role, "verified_via": "admin"}
    )
    return user


def _org(name: str) -> Organisation | None:
    return Organisation.objects.filter(name=name).first()


def load(*, stdout: Any, style: Any) -> None:
    helsinki, espoo, tallinn, riga = (
        _org(n)
        for n in (
            "City of Helsinki",
            "City of Espoo",
            "Tallinn City Government",
            "Riga City Council",
        )
    )
    snowline = _org("Nordic Snowline Oy (demo)")
    if not all([helsinki, espoo, tallinn, riga, snowline]) or not all(
        City.objects.filter(administration=o).exists() for o in (helsinki, espoo, tallinn, riga)
    ):
        stdout.write(
            style.WARNING("Procurement demo skipped: the demo cities are not in the registry.")
        )
        return
    assert helsinki and espoo and tallinn and riga and snowline
    with transaction.atomic():
        _load(helsinki, espoo, tallinn, riga, snowline, stdout, style)


def _load(
    helsinki: Organisation,
    espoo: Organisation,
    tallinn: Organisation,
    riga: Organisation,
    snowline: Organisation,
    stdout: Any,
    style: Any,
) -> None:
    lead = User.objects.get(email="editor@helsinki.example")
    tallinn_officer = User.objects.get(email="officer@tallinn.example")
    espoo_editor = _user("procurement@espoo.example", espoo, Role.EDITOR, "Emma Espoo")
    riga_editor = _user("procurement@riga.example", riga, Role.EDITOR, "Rasma Riga")
    provider = User.objects.get(email="provider@snowline.example")
    rival_org, _ = Organisation.objects.get_or_create(
        name="Baltic Lights AS (demo)",
        defaults={
            "kind": OrganisationKind.COMPANY,
            "country": "EE",
            "description": "A fictional lighting company used in the demo.",
        },
    )
    rival = _user("bids@balticlights.example", rival_org, Role.ADMIN, "Rein Rival")
    expert = User.objects.get(email="expert@urbanforum.example")
    now = timezone.now().replace(microsecond=0)

    if not JointProcurement.objects.filter(reference=AWARDED).exists():
        t0 = now - timedelta(days=75)
        deadline = t0 + timedelta(days=35)
        # The award decision is taken on the planned day: the standstill runs from it, so it
        # ends after the decision shown on the page (it once was taken 11 days early).
        award_time = deadline + timedelta(days=14)
        with at(t0):
            p = services.procurement_create(
                actor=lead,
                lead_organisation=helsinki,
                data=ProcurementInput(
                    title="Smart street lighting controllers",
                    description="Four cities buy dimmable street lighting controllers together: one call, one lot per "
                    "controller type, each city's own contract.",
                    clarification_deadline=deadline - timedelta(days=10),
                    bid_deadline=deadline,
                    cpv_codes=["34993000-4", "31681410-0"],
                    procedure="open",
                    category="goods",
                    selection_criteria="Turnover ≥ 2 M EUR; three references of street lighting control systems.",
                    opening_date=deadline + timedelta(hours=1),
                    award_date=award_time,
                ),
            )
            JointProcurement.objects.filter(pk=p.pk).update(reference=AWARDED)
            p.refresh_from_db()
            services.procurement_join(actor=espoo_editor, procurement=p, organisation=espoo)
            services.procurement_join(actor=tallinn_officer, procurement=p, organisation=tallinn)
            services.procurement_join(actor=riga_editor, procurement=p, organisation=riga)
            lot = services.lot_create(
                actor=lead,
                procurement=p,
                title="Luminaire controllers (DALI-2, NEMA socket)",
                cpv_code="34993000-4",
            )
            for actor, org, qty, budget in (
                (lead, helsinki, 4000, "520000"),
                (espoo_editor, espoo, 1500, "195000"),
                (tallinn_officer, tallinn, 2500, "325000"),
                (riga_editor, riga, 2000, "260000"),
            ):
                services.demand_add(
                    actor=actor,
                    lot=lot,
                    organisation=org,
                    data=DemandInput(
                        item="Luminaire controller",
                        quantity=Decimal(qty),
                        unit="pcs",
                        budget=Decimal(budget),
                    ),
                )
            services.criteria_set(
                actor=lead,
                procurement=p,
                data=CriteriaInput.model_validate(
                    {
                        "criteria": [
                            {"name": "Price", "kind": "price", "weight": 50},
                            {"name": "Energy saving", "kind": "quality", "weight": 30},
                            {
                                "name": "Interoperability and open interfaces",
                                "kind": "quality",
                                "weight": 20,
                            },
                        ]
                    }
                ),
            )
            services.document_add(
                actor=lead,
                procurement=p,
                title="Technical specification (demo)",
                url="https://example.org/specification.pdf",
            )
            services.procurement_publish(actor=lead, procurement=p)
        with at(t0 + timedelta(days=5)):
            q = services.question_ask(
                actor=provider, procurement=p, question="Must the controllers support DALI-2 D4i?"
            )
            services.question_answer(
                actor=lead, question=q, answer="Yes: DALI-2 with D4i data is required."
            )
        with at(t0 + timedelta(days=20)):
            services.bid_submit(
                actor=provider,
                lot=lot,
                bidder=snowline,
                data=BidInput(
                    amount=Decimal("1180000.00"),
                    offer="Snowline LC-2 controllers, adaptive dimming to 30 % after midnight, open API (TALQ 2.x).",
                ),
            )
            services.bid_submit(
                actor=rival,
                lot=lot,
                bidder=rival_org,
                data=BidInput(
                    amount=Decimal("1090000.00"),
                    offer="BL-Node controllers, fixed dimming schedule, proprietary gateway.",
                ),
            )
            services.evaluator_add(actor=lead, procurement=p, user=expert)
        with at(deadline + timedelta(hours=1)):
            services.bids_open(actor=lead, procurement=p)
            services.evaluator_declare(actor=expert, procurement=p, confirm=True)
            crit = {c.name: c.pk for c in p.criteria.all()}
            for bid in p.bids.select_related("bidder"):
                good = bid.bidder_id == snowline.pk
                services.scores_submit(
                    actor=expert,
                    bid=bid,
                    data=ScoresInput.model_validate(
                        {
                            "scores": {
                                str(crit["Energy saving"]): 90 if good else 55,
                                str(crit["Interoperability and open interfaces"]): 95
                                if good
                                else 40,
                            }
                        }
                    ),
                )
        with at(award_time):
            award = services.lot_award(actor=lead, lot=lot)
        with at(award.standstill_ends + timedelta(days=1)):
            for c in Contract.objects.filter(award=award).select_related(
                "participant__organisation"
            ):
                signer = {
                    helsinki.pk: lead,
                    espoo.pk: espoo_editor,
                    tallinn.pk: tallinn_officer,
                    riga.pk: riga_editor,
                }[c.participant.organisation_id]
                services.contract_sign(actor=signer, contract=c)
        stdout.write(
            style.SUCCESS(
                "Procurement: an awarded joint procurement of Helsinki, Espoo, Tallinn and Riga."
            )
        )

    if not JointProcurement.objects.filter(reference=OPEN).exists():
        from urbanforum.processes.models import Process
        from urbanforum.procurement.process_link import may_attach

        # Prepared within the demo collaboration process (winter maintenance), if it is there.
        process = Process.objects.filter(title__startswith="Together: ").first()
        if process is not None and not may_attach(lead, process):
            process = None
        p = services.procurement_create(
            process=process,
            actor=lead,
            lead_organisation=helsinki,
            data=ProcurementInput(
                title="Winter road maintenance sensors",
                description="Road-weather sensors for winter maintenance, shared by three cities.",
                clarification_deadline=now + timedelta(days=14),
                bid_deadline=now + timedelta(days=21),
                cpv_codes=["38120000-2"],
                procedure="innovation_partnership",
                category="goods",
            ),
        )
        JointProcurement.objects.filter(pk=p.pk).update(reference=OPEN)
        p.refresh_from_db()
        services.procurement_join(actor=tallinn_officer, procurement=p, organisation=tallinn)
        services.procurement_join(actor=espoo_editor, procurement=p, organisation=espoo)
        lot = services.lot_create(
            actor=lead, procurement=p, title="Road-weather sensors", cpv_code="38120000-2"
        )
        for actor, org, qty, budget in (
            (lead, helsinki, 60, "180000"),
            (tallinn_officer, tallinn, 40, "120000"),
            (espoo_editor, espoo, 25, "75000"),
        ):
            services.demand_add(
                actor=actor,
                lot=lot,
                organisation=org,
                data=DemandInput(
                    item="Road-weather sensor",
                    quantity=Decimal(qty),
                    unit="pcs",
                    budget=Decimal(budget),
                ),
            )
        services.criteria_set(
            actor=lead,
            procurement=p,
            data=CriteriaInput.model_validate(
                {
                    "criteria": [
                        {"name": "Price", "kind": "price", "weight": 40},
                        {"name": "Accuracy", "kind": "quality", "weight": 60},
                    ]
                }
            ),
        )
        services.procurement_publish(actor=lead, procurement=p)
        services.bid_submit(
            actor=provider,
            lot=lot,
            bidder=snowline,
            data=BidInput(
                amount=Decimal("341000.00"),
                offer="SnowSense S3 sensors with five-year maintenance.",
            ),
        )
        stdout.write(
            style.SUCCESS(
                "Procurement: one call open for bids, with a sealed bid by the demo provider."
            )
        )
