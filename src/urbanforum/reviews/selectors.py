"""Reads of review rounds and follow-up, through the visibility policies (`reviews.policies`):
the rounds a user may see, the reviews they may read (no anchoring), the aggregated results, and
what a finished process produced (the draft of its good practice)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Avg, Count, Q, QuerySet
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from urbanforum.accounts.models import User
from urbanforum.community.models import WorkingGroup
from urbanforum.impact import selectors as impact_selectors
from urbanforum.impact.models import Pilot
from urbanforum.practices.models import GoodPractice
from urbanforum.processes.models import Process
from urbanforum.procurement.models import Contract, JointProcurement
from urbanforum.reviews.models import (
    RUBRIC,
    Adoption,
    Assignment,
    PolicyRecommendation,
    ProcessPractice,
    Review,
    ReviewRound,
)
from urbanforum.reviews.permissions import may_view_recommendation
from urbanforum.reviews.policies import review_policy, round_policy, round_reviews_policy

# --- review rounds -------------------------------------------------------------------------------


@dataclass(frozen=True)
class RoundFilters:
    """The list of rounds has no filters yet (the list page's recipe needs the type)."""


def round_list(*, user: User | AnonymousUser) -> QuerySet[ReviewRound]:
    """The rounds `user` may see, with their number of reviewers and reviews."""
    qs = round_policy.queryset(
        user, base=ReviewRound.objects.select_related("pilot", "organisation")
    )
    return qs.annotate(
        n_reviews=Count("assignments__review"), n_reviewers=Count("assignments", distinct=True)
    ).order_by("-created_at", "-id")


def round_visible(*, user: User | AnonymousUser, pk: int) -> ReviewRound | None:
    """The round if it exists and `user` may see it."""
    r = ReviewRound.objects.select_related("pilot", "organisation").filter(pk=pk).first()
    return r if round_policy.allows(user, r) else None


def rounds_of_process(*, user: User | AnonymousUser, process: Process) -> QuerySet[ReviewRound]:
    base = ReviewRound.objects.filter(process=process).select_related("pilot")
    return round_policy.queryset(user, base=base)


def rounds_of_pilot(*, user: User | AnonymousUser, pilot: Pilot) -> QuerySet[ReviewRound]:
    return round_policy.queryset(user, base=ReviewRound.objects.filter(pilot=pilot))


def assignments(*, round: ReviewRound) -> QuerySet[Assignment]:
    return round.assignments.select_related("reviewer", "city")


def my_assignment(*, round: ReviewRound, user: User | AnonymousUser) -> Assignment | None:
    if not isinstance(user, User):
        return None
    return round.assignments.filter(reviewer=user).select_related("review").first()


def sees_all_reviews(*, round: ReviewRound, user: User | AnonymousUser) -> bool:
    """The anchoring rule, asked directly (no superuser exception)."""
    return round_reviews_policy.allows(user, round)


def visible_reviews(*, round: ReviewRound, user: User | AnonymousUser) -> list[Review]:
    """Other people's reviews only for those allowed (`round_reviews_policy`); one's own always."""
    qs = Review.objects.filter(assignment__round=round).select_related(
        "assignment__reviewer", "assignment__city"
    )
    return list(review_policy.queryset(user, base=qs).order_by("submitted_at"))


@dataclass
class Aggregate:
    n: int
    means: dict[str, Decimal | None]
    overall: Decimal | None


def aggregate(*, round: ReviewRound) -> Aggregate:
    qs = Review.objects.filter(assignment__round=round)
    data = qs.aggregate(n=Count("id"), **{k: Avg(k) for k, _ in RUBRIC})
    means = {
        k: (Decimal(str(data[k])).quantize(Decimal("0.01")) if data[k] is not None else None)
        for k, _ in RUBRIC
    }
    present = [v for v in means.values() if v is not None]
    overall = (
        (sum(present, Decimal(0)) / len(present)).quantize(Decimal("0.01")) if present else None
    )
    return Aggregate(n=data["n"], means=means, overall=overall)


# --- follow-up -----------------------------------------------------------------------------------


def process_practice(*, process: Process) -> GoodPractice | None:
    """The good practice a process was turned into, if any."""
    link = ProcessPractice.objects.filter(process=process).select_related("practice").first()
    return link.practice if link else None


def practice_get(*, slug: str, user: User | AnonymousUser) -> GoodPractice | None:
    """The practice if it exists and `user` may see it."""
    practice = GoodPractice.objects.filter(slug=slug).select_related("city").first()
    if practice is None or not user.has_perm("practices.view_goodpractice", practice):
        return None
    return practice


def adoptions(*, practice: GoodPractice) -> QuerySet[Adoption]:
    return Adoption.objects.filter(practice=practice).select_related("city")


def working_group_get(*, slug: str, user: User | AnonymousUser) -> WorkingGroup | None:
    group = WorkingGroup.objects.filter(slug=slug).first()
    if group is None or not user.has_perm("community.view_group", group):
        return None
    return group


def recommendations(
    *,
    user: User | AnonymousUser,
    process: Process | None = None,
    working_group: WorkingGroup | None = None,
) -> list[PolicyRecommendation]:
    """The policy recommendations of a process or a working group that `user` may see."""
    qs = PolicyRecommendation.objects.filter(
        Q(process=process) if process is not None else Q(working_group=working_group)
    ).select_related("process", "working_group")
    return [r for r in qs if may_view_recommendation(user, r)]


def recommendation_get(*, pk: int, user: User | AnonymousUser) -> PolicyRecommendation | None:
    rec = (
        PolicyRecommendation.objects.select_related("process", "working_group")
        .filter(pk=pk)
        .first()
    )
    return rec if rec is not None and may_view_recommendation(user, rec) else None


def is_finished(process: Process) -> bool:
    """Finished: closed, its result published, every phase completed, or in Follow-up."""
    if process.closed_at is not None or process.result_published_at is not None:
        return True
    phase = process.active_phase
    return phase is None or phase.phase_type == "follow_up"


def _num(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _decimal(value: Decimal | float | None) -> str:
    """A measured value as written in the reader's language, without trailing zeros."""
    if value is None:
        return "—"
    exact = Decimal(str(value)).normalize()
    places = max(0, -int(exact.as_tuple().exponent))
    return str(number_format(exact, decimal_pos=places))


def _eur(value: Decimal | float) -> str:
    """Whole euros with the reader's thousands separator."""
    return str(number_format(round(value), decimal_pos=0, force_grouping=True))


def practice_draft_fields(process: Process) -> dict[str, Any]:
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
        done.append(
            _("Joint procurement “%(title)s” (%(procedure)s; %(cities)s).")
            % {"title": p.title, "procedure": p.get_procedure_display(), "cities": cities}
        )
    for pilot in pilots:
        values = {
            "title": pilot.title,
            "city": pilot.city.name,
            "solution": pilot.solution_name,
            "provider": pilot.provider.name if pilot.provider else "",
            "start": date_format(pilot.start_date, "YEAR_MONTH_FORMAT"),
            "end": date_format(pilot.end_date, "YEAR_MONTH_FORMAT"),
        }
        done.append(
            _("Pilot “%(title)s” in %(city)s: %(solution)s by %(provider)s, %(start)s–%(end)s.")
            % values
            if pilot.provider
            else _("Pilot “%(title)s” in %(city)s: %(solution)s, %(start)s–%(end)s.") % values
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
                    _("%(city)s: %(kpi)s %(baseline)s → %(result)s %(unit)s (target %(target)s).")
                    % {
                        "city": pilot.city.name,
                        "kpi": kpi.name,
                        "baseline": _decimal(kpi.baseline),
                        "result": _decimal(view.latest),
                        "unit": kpi.unit,
                        "target": _decimal(kpi.target),
                    }
                )
        impact = impact_selectors.impact_view(pilot=pilot)
        if impact is not None:
            if impact.handprint is not None:
                hp = impact.handprint
                results.append(
                    _(
                        "%(city)s: carbon handprint %(tonnes)s t CO2e a year "
                        "(per %(unit)s: %(kg)s kg)."
                    )
                    % {
                        "city": pilot.city.name,
                        "tonnes": number_format(round(hp.attributed_annual_t, 1), decimal_pos=1),
                        "unit": impact.assessment.functional_unit or _("unit"),
                        "kg": _decimal(hp.per_unit_kg),
                    }
                )
            m = impact.money
            if m is not None:
                money = {
                    "city": pilot.city.name,
                    "investment": _eur(impact.assessment.investment_eur),
                    "saving": _eur(m.annual_net_saving),
                    "years": _decimal(m.payback_years),
                }
                costs.append(
                    _(
                        "%(city)s: investment %(investment)s EUR, net saving %(saving)s EUR a "
                        "year, payback %(years)s years."
                    )
                    % money
                    if m.payback_years is not None
                    else _(
                        "%(city)s: investment %(investment)s EUR, net saving %(saving)s EUR a year."
                    )
                    % money
                )
    contract_total = sum(
        (c.value for c in Contract.objects.filter(award__lot__procurement__in=procurements)),
        Decimal(0),
    )
    if contract_total:
        costs.append(
            _("Contracts of the joint procurement: %(total)s EUR in total.")
            % {"total": _eur(contract_total)}
        )
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
