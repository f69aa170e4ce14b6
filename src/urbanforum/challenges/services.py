"""Writes for challenges: create, edit, status transitions, join ("we have this too") and leave."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from urbanforum.accounts.models import Membership, Role, User
from urbanforum.challenges.models import Challenge, ChallengeCity, ChallengeStatus, Visibility
from urbanforum.cities.models import City
from urbanforum.core import audit
from urbanforum.core.events import DomainEvent, emit
from urbanforum.core.permissions import require
from urbanforum.core.services import field_error, validate
from urbanforum.core.taxonomy import validate_domains, validate_sdg_targets, validate_sdgs
from urbanforum.matching.models import ItemKind
from urbanforum.matching.services import content_saved

EDITABLE_FIELDS = (
    "title",
    "problem_statement",
    "context",
    "baseline",
    "desired_outcomes",
    "constraints",
    "budget_min_eur",
    "budget_max_eur",
    "timeline",
    "domains",
    "sdgs",
    "sdg_targets",
    "visibility",
    "language",
)

# Allowed status changes: forwards through the life cycle, plus re-opening.
TRANSITIONS: dict[str, set[str]] = {
    ChallengeStatus.DRAFT: {ChallengeStatus.OPEN},
    ChallengeStatus.OPEN: {ChallengeStatus.MATCHED, ChallengeStatus.CLOSED, ChallengeStatus.DRAFT},
    ChallengeStatus.MATCHED: {
        ChallengeStatus.IN_PROCESS,
        ChallengeStatus.OPEN,
        ChallengeStatus.CLOSED,
    },
    ChallengeStatus.IN_PROCESS: {ChallengeStatus.CLOSED},
    ChallengeStatus.CLOSED: {ChallengeStatus.OPEN},
}


def _clean(fields: dict[str, Any]) -> dict[str, Any]:
    out = dict(fields)
    unknown = set(out) - set(EDITABLE_FIELDS)
    if unknown:
        raise field_error(sorted(unknown)[0], "This field cannot be set.")
    for name, check in (
        ("domains", validate_domains),
        ("sdg_targets", validate_sdg_targets),
    ):
        if name in out:
            try:
                out[name] = check(list(out[name] or []))
            except ValueError as exc:
                raise field_error(name, str(exc)) from exc
    if "sdgs" in out:
        try:
            out["sdgs"] = validate_sdgs([int(v) for v in out["sdgs"] or []])
        except (TypeError, ValueError) as exc:
            raise field_error("sdgs", str(exc)) from exc
    if "visibility" in out and out["visibility"] not in Visibility.values:
        raise field_error("visibility", "Choose public, members or private.")
    return out


def _editor_city(actor: User, city: City) -> bool:
    return Membership.objects.filter(
        user=actor, organisation_id=city.administration_id or 0, role__in=[Role.EDITOR, Role.ADMIN]
    ).exists()


@transaction.atomic
def challenge_create(*, actor: User, owner_city: City, **fields: Any) -> Challenge:
    """A new challenge (a draft) of `owner_city`; city editors only for their own city."""
    require(actor, "challenges.add_challenge")
    if not actor.is_coordinator and not _editor_city(actor, owner_city):
        raise field_error(
            "owner_city", "You can post challenges only for the city your organisation represents."
        )
    values = _clean(fields)
    challenge = Challenge(
        owner_city=owner_city,
        owner_organisation=owner_city.administration,
        created_by=actor,
        status=ChallengeStatus.DRAFT,
        **values,
    )
    validate(challenge, exclude=["slug", "search_text", "domain_tags", "sdg_tags"])
    challenge.save()
    audit.record(actor=actor, action="challenge.create", target=challenge, changes=values)
    return challenge


@transaction.atomic
def challenge_update(*, actor: User, challenge: Challenge, **fields: Any) -> Challenge:
    require(actor, "challenges.change_challenge", challenge)
    values = _clean(fields)
    fresh = Challenge.objects.select_for_update().get(pk=challenge.pk)
    changes = audit.diff(fresh, values)
    if not changes:
        return fresh
    for k, v in values.items():
        setattr(fresh, k, v)
    validate(fresh, exclude=["slug", "search_text", "domain_tags", "sdg_tags"])
    fresh.save()
    audit.record(actor=actor, action="challenge.update", target=fresh, changes=changes)
    if fresh.status != ChallengeStatus.DRAFT:
        content_saved(kind=ItemKind.CHALLENGE, pks=[fresh.pk])
    return fresh


@transaction.atomic
def challenge_set_status(*, actor: User, challenge: Challenge, status: str) -> Challenge:
    """Move through draft → open → matched → in process → closed (re-opening allowed)."""
    require(actor, "challenges.change_challenge", challenge)
    fresh = Challenge.objects.select_for_update().get(pk=challenge.pk)
    if status not in ChallengeStatus.values:
        raise field_error("status", f"'{status}' is not a status.")
    if status == fresh.status:
        return fresh
    if status not in TRANSITIONS[fresh.status]:
        raise field_error(
            "status",
            f"A challenge cannot go from {fresh.get_status_display()} to "
            f"{ChallengeStatus(status).label}.",
        )
    old = fresh.status
    fresh.status = status
    fresh.save(update_fields=["status", "updated_at"])
    audit.record(
        actor=actor, action="challenge.status", target=fresh, changes={"status": [old, status]}
    )
    emit(
        DomainEvent(
            f"challenge.{'published' if old == ChallengeStatus.DRAFT else 'status_changed'}",
            actor.pk,
            {"challenge_id": fresh.pk, "from": old, "to": status},
        )
    )
    content_saved(kind=ItemKind.CHALLENGE, pks=[fresh.pk])
    return fresh


def joinable_cities(*, actor: User, challenge: Challenge) -> list[City]:
    """The cities the actor could say "we have this too" for."""
    taken = set(challenge.cities.values_list("city_id", flat=True)) | {challenge.owner_city_id}
    return [
        c
        for c in City.objects.filter(
            administration__memberships__user=actor,
            administration__memberships__role__in=[Role.EDITOR, Role.ADMIN],
        ).distinct()
        if c.pk not in taken
    ]


@transaction.atomic
def challenge_join(
    *, actor: User, challenge: Challenge, city: City | None = None, note: str = ""
) -> ChallengeCity:
    """ "We have this challenge too": the actor's city joins."""
    require(actor, "challenges.join_challenge", challenge)
    if challenge.status in (ChallengeStatus.DRAFT, ChallengeStatus.CLOSED):
        raise field_error("status", "Only open challenges can be joined.")
    options = joinable_cities(actor=actor, challenge=challenge)
    if city is None:
        if len(options) != 1:
            raise field_error(
                "city",
                "Your city already shares this challenge."
                if not options
                else "Choose which of your cities has this challenge.",
            )
        city = options[0]
    elif city not in options:
        raise field_error(
            "city", f"{city.name} cannot join this challenge (already in it, or not yours)."
        )
    link = ChallengeCity.objects.create(
        challenge=challenge, city=city, role=ChallengeCity.Role.JOINED, note=note, joined_by=actor
    )
    audit.record(
        actor=actor, action="challenge.join", target=challenge, changes={"city": city.name}
    )
    emit(
        DomainEvent(
            "challenge.joined", actor.pk, {"challenge_id": challenge.pk, "city_id": city.pk}
        )
    )
    return link


@transaction.atomic
def challenge_leave(*, actor: User, challenge: Challenge, city: City | None = None) -> None:
    require(actor, "challenges.leave_challenge", challenge)
    links = challenge.cities.filter(role=ChallengeCity.Role.JOINED)
    if not actor.is_coordinator:
        links = links.filter(
            city__administration__memberships__user=actor,
            city__administration__memberships__role__in=[Role.EDITOR, Role.ADMIN],
        )
    if city is not None:
        links = links.filter(city=city)
    link = links.first()
    if link is None:
        raise field_error("city", "Your city has not joined this challenge.")
    audit.record(
        actor=actor, action="challenge.leave", target=challenge, changes={"city": link.city.name}
    )
    link.delete()
    emit(
        DomainEvent(
            "challenge.left", actor.pk, {"challenge_id": challenge.pk, "city_id": link.city_id}
        )
    )
