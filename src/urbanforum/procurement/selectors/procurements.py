"""Reads of procurements: the lists (through the visibility policy), one procurement, the
organisations a user acts for, lots and demand, questions, criteria, contracts."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet, Sum

from urbanforum.accounts.models import Membership, Organisation, OrganisationKind, Role, User
from urbanforum.accounts.permissions import has_role
from urbanforum.cities.models import City
from urbanforum.core.queries import count_of
from urbanforum.processes.models import Process
from urbanforum.procurement.models import (
    AwardCriterion,
    Contract,
    Demand,
    JointProcurement,
    Lot,
    Participant,
    Question,
)
from urbanforum.procurement.policies import (
    contract_policy,
    procurement_policy,
)

# Organisations that may bid (not buyers).
PROVIDER_KINDS = (OrganisationKind.COMPANY, OrganisationKind.RESEARCH, OrganisationKind.NGO)


# --- procurements ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProcurementFilters:
    search: str = ""  # ?q=
    status: str = ""


def procurement_list(
    *, user: User | AnonymousUser, search: str = "", status: str = ""
) -> QuerySet[JointProcurement]:
    """Procurements the user may see. The search looks at titles, descriptions and references only
    (bid content is encrypted and never indexed)."""
    qs = procurement_policy.queryset(
        user, base=JointProcurement.objects.select_related("lead_city", "lead_organisation")
    )
    if search:
        qs = qs.filter(
            Q(title__icontains=search)
            | Q(description__icontains=search)
            | Q(reference__icontains=search)
        )
    if status:
        qs = qs.filter(status=status)
    return qs.annotate(n_cities=count_of(Participant.objects.all(), "procurement")).order_by(
        "-bid_deadline", "-id"
    )


def procurements_of_process(
    *, user: User | AnonymousUser, process: Process
) -> QuerySet[JointProcurement]:
    return procurement_list(user=user).filter(process=process)


def procurement_get(*, reference: str) -> JointProcurement | None:
    return (
        JointProcurement.objects.select_related(
            "lead_city", "lead_organisation", "challenge", "opened_by", "process"
        )
        .filter(reference=reference)
        .first()
    )


def procurement_visible(*, user: User | AnonymousUser, reference: str) -> JointProcurement | None:
    """The procurement if it exists and `user` may see it."""
    p = procurement_get(reference=reference)
    return p if procurement_policy.allows(user, p) else None


def exportable() -> QuerySet[JointProcurement]:
    """What the public OCDS export contains: what anyone may see (every procurement but drafts)."""
    return procurement_policy.queryset(None).order_by("id")


# --- organisations a user acts for ---------------------------------------------------------------


def organisations_for_join(user: User | AnonymousUser) -> list[Organisation]:
    """The city administrations `user` edits or administers (to lead, join, state demand, sign
    contracts, start pilots and record adoptions for)."""
    if not isinstance(user, User):
        return []
    return [
        m.organisation
        for m in Membership.objects.filter(
            user=user,
            role__in=[Role.EDITOR, Role.ADMIN],
            organisation__kind=OrganisationKind.CITY_ADMINISTRATION,
        ).select_related("organisation")
    ]


def provider_organisations(user: User | AnonymousUser) -> list[Organisation]:
    """The organisations on whose behalf `user` may bid."""
    if not isinstance(user, User):
        return []
    return [
        m.organisation
        for m in Membership.objects.filter(
            user=user, role__in=[Role.EDITOR, Role.ADMIN], organisation__kind__in=PROVIDER_KINDS
        ).select_related("organisation")
    ]


def represented_city(organisation: Organisation) -> City | None:
    """The city an administration represents (its largest, when it represents several)."""
    return City.objects.filter(administration=organisation).order_by("-population").first()


def organisation_by_pk(pk: object) -> Organisation | None:
    """The organisation a form names by its id (None for a missing or malformed id)."""
    try:
        return Organisation.objects.filter(pk=int(str(pk))).first()
    except ValueError:
        return None


def organisation_by_slug(slug: str) -> Organisation | None:
    return Organisation.objects.filter(slug=slug).first()


def may_act_for_bidder(user: User | AnonymousUser, organisation: Organisation) -> bool:
    """Whether `user` edits the bidding organisation. Deliberately not a rule: superusers get no
    exception for bids."""
    return has_role(user, organisation, Role.EDITOR)


# --- lots and demand -----------------------------------------------------------------------------


@dataclass
class LotSummary:
    lot: Lot
    demands: list[Demand]
    total_budget: Decimal
    quantities: dict[str, Decimal]  # unit → total quantity
    cities: list[str]


def lot_summaries(*, procurement: JointProcurement) -> list[LotSummary]:
    """Each lot with its demand aggregated over the participating cities."""
    out = []
    for lot in procurement.lots.prefetch_related("demands__participant__city"):
        demands = list(lot.demands.all())
        quantities: dict[str, Decimal] = {}
        for d in demands:
            quantities[d.unit] = quantities.get(d.unit, Decimal(0)) + d.quantity
        out.append(
            LotSummary(
                lot=lot,
                demands=demands,
                total_budget=sum((d.budget for d in demands), Decimal(0)),
                quantities=quantities,
                cities=sorted({d.participant.city.name for d in demands}),
            )
        )
    return out


def total_budget(*, procurement: JointProcurement) -> Decimal:
    return procurement.lots.aggregate(t=Sum("demands__budget"))["t"] or Decimal(0)


def lot_of(*, procurement: JointProcurement, number: int) -> Lot | None:
    return procurement.lots.filter(number=number).first()


def questions(*, procurement: JointProcurement, unanswered_too: bool) -> QuerySet[Question]:
    """The published (answered) questions; the unanswered ones too for whoever answers them."""
    qs = procurement.questions.all()
    return qs if unanswered_too else qs.exclude(answer="")


def criteria(*, procurement: JointProcurement, kind: str = "") -> list[AwardCriterion]:
    qs = procurement.criteria.all()
    return list(qs.filter(kind=kind) if kind else qs)


# --- awards and contracts ------------------------------------------------------------------------


def contracts(*, procurement: JointProcurement, user: User | AnonymousUser) -> QuerySet[Contract]:
    base = Contract.objects.filter(award__lot__procurement=procurement).select_related(
        "participant__city", "award__lot", "participant__organisation"
    )
    return contract_policy.queryset(user, base=base)


def contract_get(*, pk: int, procurement: JointProcurement | None = None) -> Contract | None:
    qs = Contract.objects.select_related("participant__organisation", "award")
    if procurement is not None:
        qs = qs.filter(award__lot__procurement=procurement)
    return qs.filter(pk=pk).first()


def user_of_email(email: str) -> User | None:
    """The account with this e-mail address (naming evaluators and reviewers)."""
    return User.objects.filter(email__iexact=email.strip()).first()
