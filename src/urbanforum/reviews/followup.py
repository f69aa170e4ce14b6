"""Follow-up and promotion: turn a finished process into a good practice (a draft pre-filled from
the challenge, the pilots' KPIs and impact, and the review findings, for its owner to edit and
publish in the practices app), track the cities that reused a practice, and policy recommendations
attached to a process or a working group."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from urbanforum.accounts.models import Organisation, Role, User
from urbanforum.accounts.permissions import has_role
from urbanforum.cities.models import City
from urbanforum.core.audit import record
from urbanforum.core.events import DomainEvent, emit
from urbanforum.core.permissions import require
from urbanforum.core.schemas import parse
from urbanforum.core.services import field_error, validate
from urbanforum.impact import selectors as impact_selectors
from urbanforum.impact.models import Pilot
from urbanforum.practices.models import GoodPractice
from urbanforum.practices.schemas import PracticeFields
from urbanforum.practices.services import practice_create
from urbanforum.procurement.models import Contract, JointProcurement
from urbanforum.reviews.models import (
    Adoption,
    PolicyRecommendation,
    ProcessPractice,
    RecommendationStatus,
    Review,
)


def is_finished(process: Any) -> bool:
    """Finished: closed, its result published, every phase completed, or in Follow-up."""
    if process.closed_at is not None or process.result_published_at is not None:
        return True
    phase = process.active_phase
    return phase is None or phase.phase_type == "follow_up"


def _num(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def practice_draft_fields(process: Any) -> dict[str, Any]:
    """The good practice's fields, pre-filled from what the process produced."""
    challenge = process.challenge
    pilots = list(Pilot.objects.filter(process=process).select_related("city", "provider"))
    procurements = list(JointProcurement.objects.filter(process=process))
    reviews = list(
        Review.objects.filter(
            Q(assignment__round__process=process) | Q(assignment__round__pilot__in=pilots)
        )
        .distinct()
        .order_by("submitted_at")
    )
    done = []
    for p in procurements:
        cities = ", ".join(pt.city.name for pt in p.participants.select_related("city"))
        done.append(f"Joint procurement “{p.title}” ({p.get_procedure_display()}; {cities}).")
    for pilot in pilots:
        done.append(
            f"Pilot “{pilot.title}” in {pilot.city.name}: {pilot.solution_name}"
            f"{f' by {pilot.provider.name}' if pilot.provider else ''}, {pilot.start_date:%Y-%m}–{pilot.end_date:%Y-%m}."
        )
    kpis: list[dict[str, Any]] = []
    results = []
    costs = []
    for pilot in pilots:
        for view in impact_selectors.kpi_views(pilot=pilot):
            kpi = view.kpi
            year = view.measurements[-1].date.year if view.measurements else None
            kpis.append(
                {
                    "name": kpi.name,
                    "unit": kpi.unit,
                    "baseline": _num(kpi.baseline),
                    "result": _num(view.latest),
                    "year": year,
                }
            )
            if view.latest is not None:
                results.append(
                    f"{pilot.city.name}: {kpi.name} {kpi.baseline.normalize():f} → {view.latest.normalize():f} {kpi.unit} "
                    f"(target {kpi.target.normalize():f})."
                )
        impact = impact_selectors.impact_view(pilot=pilot)
        if impact is not None:
            if impact.handprint is not None:
                hp = impact.handprint
                results.append(
                    f"{pilot.city.name}: carbon handprint {hp.attributed_annual_t:.1f} t CO2e a year "
                    f"(per {impact.assessment.functional_unit or 'unit'}: {hp.per_unit_kg.normalize():f} kg)."
                )
            m = impact.money
            if m is not None:
                payback = (
                    f", payback {m.payback_years} years" if m.payback_years is not None else ""
                )
                costs.append(
                    f"{pilot.city.name}: investment {impact.assessment.investment_eur:,.0f} EUR, net saving "
                    f"{m.annual_net_saving:,.0f} EUR a year{payback}."
                )
    contract_total = sum(
        (c.value for c in Contract.objects.filter(award__lot__procurement__in=procurements)),
        Decimal(0),
    )
    if contract_total:
        costs.append(f"Contracts of the joint procurement: {contract_total:,.0f} EUR in total.")
    summary = process.result_summary or challenge.desired_outcomes or challenge.problem_statement
    return {
        "title": process.title,
        "summary": summary[:1000],
        "description": process.description,
        "problem": challenge.problem_statement,
        "what_was_done": "\n".join(done),
        "results": "\n".join(results),
        "costs": "\n".join(costs),
        "kpis": kpis,
        "what_worked": "\n\n".join(r.what_worked for r in reviews if r.what_worked),
        "what_did_not_work": "\n\n".join(r.what_did_not for r in reviews if r.what_did_not),
        "domains": list(challenge.domains),
        "sdgs": list(challenge.sdgs),
        "sdg_targets": list(challenge.sdg_targets),
        "year_start": min((p.start_date.year for p in pilots), default=None),
        "year_end": max((p.end_date.year for p in pilots), default=None),
    }


def practice_from_process(*, actor: User, process: Any) -> GoodPractice:
    """One action: a finished process → a draft GoodPractice of the challenge's owner city. Running
    it again returns the same draft."""
    require(actor, "processes.change_process", process)
    existing = ProcessPractice.objects.filter(process=process).select_related("practice").first()
    if existing is not None:
        return existing.practice
    if not is_finished(process):
        raise field_error(
            "process",
            "Only a finished process (Follow-up, result published or closed) becomes a good practice.",
        )
    fields = {k: v for k, v in practice_draft_fields(process).items() if v not in (None, "", [])}
    with transaction.atomic():
        practice = practice_create(
            actor=actor, city=process.challenge.owner_city, fields=parse(PracticeFields, fields)
        )
        try:
            ProcessPractice.objects.create(process=process, practice=practice, created_by=actor)
        except IntegrityError as exc:  # a concurrent click won
            raise field_error("process", "The good practice is being created already.") from exc
        record(
            actor=actor,
            action="reviews.practice_from_process",
            target=process,
            changes={"practice": practice.slug},
        )
        emit(
            DomainEvent(
                "followup.practice_drafted",
                actor.pk,
                {"process_id": process.pk, "practice_id": practice.pk},
            )
        )
    return practice


def adoption_record(
    *,
    actor: User,
    practice: GoodPractice,
    organisation: Organisation,
    note: str = "",
    pilot: Pilot | None = None,
) -> Adoption:
    """A city says it reused a published practice."""
    require(actor, "practices.view_goodpractice", practice)
    if not has_role(actor, organisation, Role.EDITOR):
        raise PermissionDenied(
            "Only editors of the city's administration can record that it reused a practice."
        )
    city = City.objects.filter(administration=organisation).order_by("-population").first()
    if city is None:
        raise field_error("organisation", "This organisation does not represent a city.")
    if city.pk == practice.city_id:
        raise field_error("organisation", "The practice's own city cannot adopt it.")
    try:
        with transaction.atomic():
            a = Adoption.objects.create(
                practice=practice,
                city=city,
                organisation=organisation,
                note=note.strip(),
                pilot=pilot,
                created_by=actor,
            )
            record(
                actor=actor, action="reviews.adoption", target=practice, changes={"city": city.name}
            )
            emit(
                DomainEvent(
                    "followup.adopted", actor.pk, {"practice_id": practice.pk, "city_id": city.pk}
                )
            )
    except IntegrityError as exc:
        raise field_error(
            "organisation", f"{city.name} has already recorded that it reused this."
        ) from exc
    return a


def recommendation_create(
    *, actor: User, title: str, body: str, process: Any = None, working_group: Any = None
) -> PolicyRecommendation:
    if process is not None:
        require(actor, "processes.change_process", process)
    if working_group is not None:
        require(actor, "community.change_group", working_group)
    with transaction.atomic():
        rec = PolicyRecommendation(
            title=title.strip(),
            body=body.strip(),
            process=process,
            working_group=working_group,
            created_by=actor,
        )
        validate(rec)
        rec.save()
        record(actor=actor, action="reviews.recommendation_create", target=rec)
    return rec


def recommendation_publish(
    *, actor: User, recommendation: PolicyRecommendation
) -> PolicyRecommendation:
    if recommendation.process is not None:
        require(actor, "processes.change_process", recommendation.process)
    else:
        require(actor, "community.change_group", recommendation.working_group)
    with transaction.atomic():
        rec = PolicyRecommendation.objects.select_for_update().get(pk=recommendation.pk)
        if rec.status == RecommendationStatus.PUBLISHED:
            raise field_error("status", "Already published.")
        rec.status = RecommendationStatus.PUBLISHED
        rec.published_at = timezone.now()
        rec.save()
        record(actor=actor, action="reviews.recommendation_publish", target=rec)
        emit(
            DomainEvent(
                "followup.recommendation_published", actor.pk, {"recommendation_id": rec.pk}
            )
        )
    return rec
