"""Demo content: one collaboration process opened from a demo challenge (Tallinn's or Helsinki's),
in the Intervention phase, with partner cities, an expert, a provider, tasks and a timeline.
Idempotent: nothing is added when the demo process exists."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from urbanforum.accounts.models import Membership, Organisation, Role, User
from urbanforum.challenges.models import Challenge, ChallengeStatus, Visibility
from urbanforum.cities.models import City
from urbanforum.processes import services
from urbanforum.processes.models import Process, ProcessInvitation, ProcessRole, ProcessVisibility

DEMO_TITLE_PREFIX = "Together: "


def _user(email: str) -> User | None:
    return User.objects.filter(email=email).first()


def _acting_user(org: Organisation) -> User | None:
    membership = (
        Membership.objects.filter(organisation=org, role__in=[Role.ADMIN, Role.EDITOR])
        .select_related("user")
        .order_by("-role")
        .first()
    )
    return membership.user if membership else None


def _challenge() -> Challenge | None:
    """A demo challenge of Tallinn or Helsinki; a small one of our own when the challenges demo
    has not loaded any (so the process demo works on its own)."""
    for name in ("Tallinn City Government", "City of Helsinki"):
        challenge = (
            Challenge.objects.filter(owner_organisation__name=name, visibility=Visibility.PUBLIC)
            .order_by("id")
            .first()
        )
        if challenge is not None:
            return challenge
    org = Organisation.objects.filter(name="City of Helsinki").first()
    city = City.objects.filter(administration=org).first() if org else None
    if city is None:
        return None
    challenge, _ = Challenge.objects.get_or_create(
        external_id="ch-processes-demo-helsinki-winter-cycling",
        defaults={
            "title": "Keeping cycle routes usable in winter",
            "owner_city": city,
            "owner_organisation": org,
            "problem_statement": "Cycle routes are ploughed late and stay icy for days.",
            "domains": ["mobility", "climate"],
            "status": ChallengeStatus.OPEN,
            "visibility": Visibility.PUBLIC,
        },
    )
    return challenge


@transaction.atomic
def load(*, stdout: Any, style: Any) -> None:
    if Process.objects.filter(title__startswith=DEMO_TITLE_PREFIX).exists():
        stdout.write("Processes: the demo process exists.")
        return
    challenge = _challenge()
    coordinator = _user("coordinator@urbanforum.example")
    if challenge is None or coordinator is None:
        stdout.write(style.WARNING("Processes: no demo challenge or accounts; skipped."))
        return
    lead_org = challenge.owner_organisation or challenge.owner_city.administration
    lead = (_acting_user(lead_org) if lead_org else None) or coordinator
    process = services.process_open(
        actor=lead if lead.has_perm("processes.add_process", challenge) else coordinator,
        challenge=challenge,
        title=DEMO_TITLE_PREFIX + challenge.title,
        description=(
            "Cities that share this challenge learn from each other, call for solutions and plan "
            "a joint pilot. **Demo process.**"
        ),
        visibility=ProcessVisibility.PUBLIC,
        starts_on=timezone.localdate() - timedelta(days=40),
    )
    if not lead.has_perm("processes.change_process", process):
        lead = coordinator
    # Partner cities: the other capital accepts; Riga and Espoo (no demo accounts) stay invited.
    partners = [
        n
        for n in ("City of Helsinki", "Tallinn City Government", "Riga City Council")
        if lead_org is None or n != lead_org.name
    ][:2]
    for name in partners:
        org = Organisation.objects.filter(name=name).first()
        if org is None:
            continue
        invitation = services.process_invite(actor=lead, process=process, organisation=org)
        accepter = _acting_user(org)
        if accepter is not None:
            services.process_invitation_respond(actor=accepter, invitation=invitation)
    espoo = Organisation.objects.filter(name="City of Espoo").first()
    if espoo is not None:
        services.process_invite(
            actor=lead, process=process, organisation=espoo, message="You share this challenge."
        )
    expert = _user("expert@urbanforum.example")
    if expert is not None and expert.is_expert:
        services.participant_add(actor=lead, process=process, role=ProcessRole.EXPERT, user=expert)
    provider = Organisation.objects.filter(name="Nordic Snowline Oy (demo)").first()
    if provider is not None:
        services.participant_add(
            actor=lead, process=process, role=ProcessRole.PROVIDER, organisation=provider
        )
    # Starting: tasks done, checklist ticked, moved on to Intervention.
    task = services.task_create(
        actor=lead,
        process=process,
        title="Update the city profiles",
        owner=lead,
        due_on=timezone.localdate() - timedelta(days=20),
    )
    services.task_set_done(actor=lead, task=task)
    services.deliverable_add(
        actor=lead,
        process=process,
        title="Benchmark of the participating cities",
        url="https://example.org/benchmark-winter-cycling.pdf",
    )
    services.decision_record(
        actor=lead,
        process=process,
        text="Common topics: maintenance contracts, monitoring, communication.",
    )
    for item in process.phases.get(order=0).checklist.all():
        services.checklist_tick(actor=lead, item=item)
    services.phase_advance(actor=lead, process=process)
    # Intervention: open tasks with owners and due dates.
    partner_user = next(
        (
            u
            for u in (_user("officer@tallinn.example"), _user("admin@helsinki.example"))
            if u and u != lead
        ),
        None,
    )
    services.task_create(
        actor=lead,
        process=process,
        title="Draft the call for solutions",
        owner=lead,
        due_on=timezone.localdate() + timedelta(days=14),
    )
    services.task_create(
        actor=lead,
        process=process,
        title="Collect the cities' winter maintenance contracts",
        owner=partner_user,
        due_on=timezone.localdate() + timedelta(days=21),
    )
    services.task_create(
        actor=lead,
        process=process,
        title="Book the consultancy session with the expert",
        owner=expert,
        due_on=timezone.localdate() + timedelta(days=10),
    )
    services.checklist_tick(actor=lead, item=process.phases.get(order=1).checklist.first())  # type: ignore[arg-type]
    open_invites = ProcessInvitation.objects.filter(process=process, accepted_at=None).count()
    stdout.write(
        style.SUCCESS(
            f"Processes: “{process.title}” in {process.active_phase.label if process.active_phase else '—'}"
            f" ({process.participants.count()} participants, {open_invites} open invitation(s))."
        )
    )
