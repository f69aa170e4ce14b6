"""Who may review what (issue 12, point 3): the rule, checked at assignment and again at submission.

* **As an expert**: only a person with the platform role *expert* (`User.is_expert`).
* **As a peer city**: only an official of that city — a member (any role) of the city's
  administration. Without a named city, the reviewer's city is the one whose administration they
  belong to (if exactly one); a person of no city administration (a citizen) is no peer.
* **Never the reviewed**: the people of the organisation that runs the round, of the pilot's
  organisation and of the pilot's own city administration, of the provider of the piloted solution
  (the pilot's provider, and the supplier of the contract the pilot runs under), and — for a round
  on a process — the people of its lead and of its solution providers (organisations and persons
  taking part as provider); and no city reviews itself as a peer. A partner city of the process is
  a peer: it may review (the pilot under review is not its own).

Membership and the expert role can change between assignment and submission (a reviewer joins the
vendor, leaves the city administration, loses the expert role): so the review is checked again when
it is submitted, and refused then.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from urbanforum.accounts.models import Membership, User
from urbanforum.cities.models import City
from urbanforum.processes.models import Participant as ProcessParticipant
from urbanforum.processes.models import ProcessRole
from urbanforum.reviews.models import ReviewerKind, ReviewRound


class Ineligible(Exception):
    """Why a person may not review a round in a capacity: `field` and a translated `message`."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def reviewed_organisations(r: ReviewRound) -> set[int]:
    """The ids of the organisations under review in round `r`."""
    ids = {r.organisation_id}
    pilot = r.pilot
    if pilot is not None:
        ids.add(pilot.organisation_id)
        if pilot.city.administration_id:
            ids.add(pilot.city.administration_id)
        if pilot.provider_id:
            ids.add(pilot.provider_id)
        contract = pilot.contract
        if contract is not None:
            ids.add(contract.award.bid.bidder_id)
    if r.process_id is not None:
        ids |= set(
            ProcessParticipant.objects.filter(
                process_id=r.process_id,
                organisation__isnull=False,
                role__in=[ProcessRole.LEAD, ProcessRole.PROVIDER],
            ).values_list("organisation_id", flat=True)
        )
    return {i for i in ids if i is not None}


def reviewed_cities(r: ReviewRound) -> set[int]:
    """The ids of the cities under review: the pilot's city, the cities the reviewed administrations
    represent."""
    ids = set(
        City.objects.filter(administration_id__in=reviewed_organisations(r)).values_list(
            "pk", flat=True
        )
    )
    if r.pilot is not None:
        ids.add(r.pilot.city_id)
    return ids


def _is_participant(user: User, r: ReviewRound) -> bool:
    if r.process_id is None:
        return False
    return ProcessParticipant.objects.filter(
        process_id=r.process_id, user=user, role=ProcessRole.PROVIDER
    ).exists()


def peer_city_of(user: User, r: ReviewRound) -> City | None:
    """The city `user` reviews for when none is named: the one city (not under review) whose
    administration they belong to; None if none or several."""
    cities = list(
        City.objects.filter(
            administration__memberships__user=user,
        )
        .exclude(pk__in=reviewed_cities(r))
        .distinct()[:2]
    )
    return cities[0] if len(cities) == 1 else None


def check(*, r: ReviewRound, reviewer: User, kind: str, city: City | None) -> None:
    """Raise `Ineligible` unless `reviewer` may review round `r` as `kind` (for `city`)."""
    if Membership.objects.filter(
        user=reviewer, organisation_id__in=reviewed_organisations(r)
    ).exists() or _is_participant(reviewer, r):
        raise Ineligible(
            "reviewer",
            _(
                "%(email)s belongs to what is reviewed (its city, organisation or solution "
                "provider) and cannot review it."
            )
            % {"email": reviewer.email},
        )
    if kind == ReviewerKind.EXPERT:
        if not reviewer.is_expert:
            raise Ineligible(
                "kind",
                _("%(email)s is not an expert on the platform: only experts review as experts.")
                % {"email": reviewer.email},
            )
        return
    if kind != ReviewerKind.PEER:
        raise Ineligible("kind", _("Choose how the person reviews: as a peer city or an expert."))
    if city is None:
        raise Ineligible(
            "city",
            _(
                "%(email)s is not an official of one city administration: only officials of a "
                "city review as its peer (name the city if they work for several)."
            )
            % {"email": reviewer.email},
        )
    if city.pk in reviewed_cities(r):
        raise Ineligible("city", _("A city does not review itself."))
    if (
        city.administration_id is None
        or not Membership.objects.filter(
            user=reviewer, organisation_id=city.administration_id
        ).exists()
    ):
        raise Ineligible(
            "city",
            _("%(email)s is not an official of %(city)s: only its officials review as its peer.")
            % {"email": reviewer.email, "city": city.name},
        )
