"""Demo pilots (idempotent): Helsinki's smart street lighting pilot, bought through the demo joint
procurement, and Tallinn's public EV chargers (the field example: 18 chargers, about 110 t CO2e a year)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction

from urbanforum.accounts.models import Organisation, User
from urbanforum.impact import services
from urbanforum.impact.models import Pilot
from urbanforum.impact.schemas import ImpactInput, KpiInput, MilestoneInput, PilotInput
from urbanforum.procurement.models import Contract, JointProcurement

LIGHTING = "smart-street-lighting-pilot-helsinki-demo"
CHARGERS = "public-ev-chargers-tallinn-demo"


def load(*, stdout: Any, style: Any) -> None:
    helsinki = Organisation.objects.filter(
        name="City of Helsinki", represented_cities__isnull=False
    ).first()
    tallinn = Organisation.objects.filter(
        name="Tallinn City Government", represented_cities__isnull=False
    ).first()
    if helsinki is None or tallinn is None:
        stdout.write(style.WARNING("Pilot demo skipped: the demo cities are not in the registry."))
        return
    with transaction.atomic():
        editor = User.objects.get(email="editor@helsinki.example")
        officer = User.objects.get(email="officer@tallinn.example")
        if not Pilot.objects.filter(slug=LIGHTING).exists():
            proc = JointProcurement.objects.filter(
                reference="smart-street-lighting-controllers-demo"
            ).first()
            contract = (
                Contract.objects.filter(
                    award__lot__procurement=proc, participant__organisation=helsinki
                ).first()
                if proc
                else None
            )
            provider = contract.award.bid.bidder if contract else None
            p = services.pilot_create(
                actor=editor,
                organisation=helsinki,
                provider=provider,
                procurement=proc,
                contract=contract,
                data=PilotInput(
                    title="Smart street lighting pilot in Helsinki",
                    solution_name="Adaptive dimming controllers",
                    description="4,000 luminaires in Vuosaari and Kalasatama dim to 30 % after midnight when nobody is around.",
                    start_date=date(2025, 1, 1),
                    end_date=date(2025, 12, 31),
                    budget_eur=Decimal("520000"),
                    status="running",  # completed below, once its values are recorded
                ),
            )
            Pilot.objects.filter(pk=p.pk).update(slug=LIGHTING)
            p.refresh_from_db()
            services.kpi_add(
                actor=editor,
                pilot=p,
                data=KpiInput(
                    name="Electricity use",
                    unit="MWh/month",
                    baseline=Decimal(180),
                    target=Decimal(110),
                    direction="decrease",
                ),
            )
            services.kpi_add(
                actor=editor,
                pilot=p,
                data=KpiInput(
                    name="Residents feeling safe at night",
                    unit="%",
                    baseline=Decimal(72),
                    target=Decimal(75),
                    direction="increase",
                ),
            )
            csv = (
                "kpi,date,value\n"
                + "\n".join(
                    f"Electricity use,2025-{m:02d}-01,{v}"
                    for m, v in zip(
                        range(1, 13),
                        [178, 171, 160, 142, 131, 124, 119, 118, 117, 116, 115, 114],
                        strict=True,
                    )
                )
                + "\nResidents feeling safe at night,2025-03-01,73\nResidents feeling safe at night,2025-09-01,76\n"
            )
            services.measurements_import(actor=editor, pilot=p, text=csv)
            for title, due, progress in (
                ("Controllers installed", date(2025, 3, 1), 100),
                ("Dimming profiles tuned", date(2025, 6, 1), 100),
                ("Resident survey", date(2025, 9, 30), 100),
                ("Final report", date(2026, 2, 28), 60),
            ):
                services.milestone_add(
                    actor=editor,
                    pilot=p,
                    data=MilestoneInput(title=title, due_date=due, progress=progress),
                )
            services.impact_set(
                actor=editor,
                pilot=p,
                data=ImpactInput(
                    investment_eur=Decimal("520000"),
                    annual_operating_cost_eur=Decimal("12000"),
                    annual_savings_eur=Decimal("118000"),
                    horizon_years=10,
                    functional_unit="1 MWh of street lighting electricity avoided",
                    baseline_description="Street lighting at full power all night (Finnish grid electricity)",
                    baseline_kg_per_unit=Decimal("79"),
                    solution_kg_per_unit=Decimal("0"),
                    units_per_year=Decimal("780"),
                    share=Decimal("0.4"),
                    reference_year=2025,
                    system_boundary="Use phase only: electricity of the luminaires; manufacture of the controllers excluded.",
                    data_sources="Metered electricity use 2024 (baseline) and 2025 (pilot); Fingrid average emission factor 2025.",
                    data_quality="measured",
                    assumptions="The joint procurement is shared by four cities: Helsinki claims 40 % (its share of the "
                    "budget) of the reduction the joint call enabled, so the same tonne is not counted twice.",
                ),
            )
            # A completed pilot's measurements are final: it is completed last.
            services.pilot_complete(actor=editor, pilot=p)
            stdout.write(
                style.SUCCESS(
                    "Impact: Helsinki's smart lighting pilot with KPIs, milestones and impact."
                )
            )
        if not Pilot.objects.filter(slug=CHARGERS).exists():
            p = services.pilot_create(
                actor=officer,
                organisation=tallinn,
                data=PilotInput(
                    title="Public EV chargers on city land",
                    solution_name="18 public EV chargers",
                    start_date=date(2025, 4, 1),
                    end_date=date(2026, 3, 31),
                    budget_eur=Decimal("410000"),
                    status="running",
                ),
            )
            Pilot.objects.filter(pk=p.pk).update(slug=CHARGERS)
            p.refresh_from_db()
            services.kpi_add(
                actor=officer,
                pilot=p,
                data=KpiInput(
                    name="Charging sessions",
                    unit="sessions/month",
                    baseline=Decimal(0),
                    target=Decimal(5000),
                ),
            )
            services.measurements_import(
                actor=officer,
                pilot=p,
                text="kpi,date,value\nCharging sessions,2025-05-01,1800\nCharging sessions,2025-08-01,3400\nCharging sessions,2025-11-01,4100\n",
            )
            services.impact_set(
                actor=officer,
                pilot=p,
                data=ImpactInput(
                    investment_eur=Decimal("410000"),
                    annual_operating_cost_eur=Decimal("30000"),
                    annual_savings_eur=Decimal("95000"),
                    functional_unit="1 km driven by car",
                    baseline_description="Petrol car",
                    baseline_kg_per_unit=Decimal("0.180"),
                    solution_kg_per_unit=Decimal("0.040"),
                    units_per_year=Decimal("785700"),
                    reference_year=2025,
                    system_boundary="Tank-to-wheel for petrol, grid electricity for the EVs; vehicle manufacture excluded.",
                    data_sources="Charger logs (kWh), 0.16 kWh/km; Estonian grid factor 2025.",
                    data_quality="modelled",
                    assumptions="Each of the 18 chargers serves 43,650 km of driving a year that would otherwise be done by petrol cars.",
                ),
            )
            stdout.write(style.SUCCESS("Impact: Tallinn's EV chargers (≈110 t CO2e a year)."))
