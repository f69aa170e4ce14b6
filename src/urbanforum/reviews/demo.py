"""Demo review round (idempotent): Tallinn (peer) and an expert review Helsinki's lighting pilot."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from urbanforum.accounts.models import User
from urbanforum.cities.models import City
from urbanforum.impact.models import Pilot
from urbanforum.reviews import services
from urbanforum.reviews.models import ReviewRound
from urbanforum.reviews.schemas import ReviewInput

TITLE = "Peer review: smart street lighting in Helsinki"


def load(*, stdout: Any, style: Any) -> None:
    pilot = Pilot.objects.filter(slug="smart-street-lighting-pilot-helsinki-demo").first()
    if pilot is None or ReviewRound.objects.filter(title=TITLE).exists():
        return
    with transaction.atomic():
        editor = User.objects.get(email="editor@helsinki.example")
        peer = User.objects.get(email="officer@tallinn.example")
        expert = User.objects.get(email="expert@urbanforum.example")
        r = services.round_create(actor=editor, pilot=pilot, title=TITLE)
        city = City.objects.filter(administration__memberships__user=peer).first()
        services.reviewer_assign(actor=editor, round=r, reviewer=peer, kind="peer", city=city)
        services.reviewer_assign(actor=editor, round=r, reviewer=expert, kind="expert")
        services.invitation_accept(actor=peer, round=r)
        services.invitation_accept(actor=expert, round=r)
        services.review_submit(
            actor=peer,
            round=r,
            data=ReviewInput(
                effectiveness=5,
                cost_efficiency=4,
                transferability=5,
                citizen_benefit=4,
                sustainability=5,
                findings="Electricity use fell by 37 % within nine months; the joint call made the controllers cheaper for all four cities.",
                what_worked="Dimming profiles tuned with residents; open interfaces let Tallinn reuse the control software.",
                what_did_not="The first firmware lost connection in frost; the survey sample was small.",
            ),
        )
        services.review_submit(
            actor=expert,
            round=r,
            data=ReviewInput(
                effectiveness=4,
                cost_efficiency=4,
                transferability=4,
                citizen_benefit=3,
                sustainability=4,
                findings="Savings are measured, not modelled. Safety perception needs a larger sample before it is claimed.",
                what_worked="Metered baseline; clear functional unit in the handprint.",
                what_did_not="Controller manufacture is outside the system boundary.",
            ),
        )
        services.round_close(actor=editor, round=r)
        stdout.write(style.SUCCESS("Reviews: a closed peer review of Helsinki's lighting pilot."))
