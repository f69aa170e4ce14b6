"""Writes for challenges: create, edit, status transitions, join ("we have this too") and leave,
and the owner's verdict on a suggestion (accept, dismiss, undo)."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from urbanforum.accounts.models import Role, User
from urbanforum.challenges.models import (
    Challenge,
    ChallengeCity,
    ChallengeStatus,
    Decision,
    MatchFeedback,
    MatchNotice,
)
from urbanforum.challenges.schemas import ChallengeFields
from urbanforum.challenges.searchable import KIND
from urbanforum.challenges.selectors import (
    LOOKING_FOR_MATCHES,
    challenge_matches,
    challenge_officers,
    joinable_cities,
    notified_matches,
    own_cities,
)
from urbanforum.cities.models import City
from urbanforum.cities.selectors import cities_edited_by
from urbanforum.core import audit
from urbanforum.core.events import DomainEvent, emit
from urbanforum.core.permissions import require
from urbanforum.core.services import field_error, update, validate
from urbanforum.matching import index as match_index
from urbanforum.matching import registry
from urbanforum.matching.reasons import GOOD_MATCH
from urbanforum.matching.selectors import Result
from urbanforum.matching.services import content_saved

# Derived columns: computed on save, never validated as input.
DERIVED = ["slug", "search_text", "domain_tags", "sdg_tags"]

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


@transaction.atomic
def challenge_create(*, actor: User, owner_city: City, fields: ChallengeFields) -> Challenge:
    """A new challenge (a draft) of `owner_city`; city editors only for their own city."""
    require(actor, "challenges.add_challenge")
    if not actor.is_coordinator and not cities_edited_by(actor).filter(pk=owner_city.pk).exists():
        raise field_error(
            "owner_city",
            _("You can post challenges only for the city your organisation represents."),
        )
    values = fields.values()
    challenge = Challenge(
        owner_city=owner_city,
        owner_organisation=owner_city.administration,
        created_by=actor,
        status=ChallengeStatus.DRAFT,
        **values,
    )
    validate(challenge, exclude=DERIVED)
    challenge.save()
    audit.record(actor=actor, action="challenge.create", target=challenge, changes=values)
    return challenge


@transaction.atomic
def challenge_update(*, actor: User, challenge: Challenge, changes: ChallengeFields) -> Challenge:
    require(actor, "challenges.change_challenge", challenge)
    updated = update(
        challenge,
        actor=actor,
        values=changes.values(),
        action="challenge.update",
        validate_exclude=DERIVED,
    )
    fresh = updated.instance
    if updated.changed and fresh.status != ChallengeStatus.DRAFT:
        content_saved(kind=KIND, pks=[fresh.pk])
    return fresh


@transaction.atomic
def challenge_set_status(*, actor: User, challenge: Challenge, status: str) -> Challenge:
    """Move through draft → open → matched → in process → closed (re-opening allowed)."""
    require(actor, "challenges.change_challenge", challenge)
    fresh = Challenge.objects.select_for_update().get(pk=challenge.pk)
    if status not in ChallengeStatus.values:
        raise field_error("status", _("'%(status)s' is not a status.") % {"status": status})
    if status == fresh.status:
        return fresh
    if status not in TRANSITIONS[fresh.status]:
        raise field_error(
            "status",
            _("A challenge cannot go from %(status)s to %(label)s.")
            % {
                "status": fresh.get_status_display(),
                "label": ChallengeStatus(status).label,
            },
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
    content_saved(kind=KIND, pks=[fresh.pk])
    return fresh


@transaction.atomic
def challenge_follow_process(*, actor: User, challenge: Challenge, status: str) -> Challenge:
    """The challenge's status follows its collaboration process: "in process" when a process is
    opened from it, "closed" when the process completes. Called by the processes app's services
    (the actor is the person who opened or completed the process; their permission was checked
    there). A draft or closed challenge is not reopened by a process."""
    fresh = Challenge.objects.select_for_update().get(pk=challenge.pk)
    if fresh.status == status or (
        status == ChallengeStatus.IN_PROCESS
        and fresh.status in (ChallengeStatus.DRAFT, ChallengeStatus.CLOSED)
    ):
        return fresh
    old = fresh.status
    fresh.status = status
    fresh.save(update_fields=["status", "updated_at"])
    challenge.status = status
    audit.record(
        actor=actor,
        action="challenge.status",
        target=fresh,
        changes={"status": [old, status], "by": "process"},
    )
    emit(
        DomainEvent(
            "challenge.status_changed",
            actor.pk,
            {"challenge_id": fresh.pk, "from": old, "to": status, "by": "process"},
        )
    )
    content_saved(kind=KIND, pks=[fresh.pk])
    return fresh


@transaction.atomic
def challenge_join(
    *, actor: User, challenge: Challenge, city: City | None = None, note: str = ""
) -> ChallengeCity:
    """ "We have this challenge too": the actor's city joins."""
    require(actor, "challenges.join_challenge", challenge)
    if challenge.status in (ChallengeStatus.DRAFT, ChallengeStatus.CLOSED):
        raise field_error("status", _("Only open challenges can be joined."))
    options = joinable_cities(actor=actor, challenge=challenge)
    if city is None:
        if len(options) != 1:
            raise field_error(
                "city",
                _("Your city already shares this challenge.")
                if not options
                else _("Choose which of your cities has this challenge."),
            )
        city = options[0]
    elif city not in options:
        raise field_error(
            "city",
            _("%(city)s cannot join this challenge (already in it, or not yours).")
            % {"city": city.name},
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
        raise field_error("city", _("Your city has not joined this challenge."))
    audit.record(
        actor=actor, action="challenge.leave", target=challenge, changes={"city": link.city.name}
    )
    link.delete()
    emit(
        DomainEvent(
            "challenge.left", actor.pk, {"challenge_id": challenge.pk, "city_id": link.city_id}
        )
    )


@transaction.atomic
def match_decide(
    *, actor: User, challenge: Challenge, item_kind: str, item_id: int, decision: str
) -> MatchFeedback:
    """The challenge owner accepts or dismisses one suggestion (dismissed ones are hidden)."""
    require(actor, "challenges.change_challenge", challenge)
    if not registry.is_kind(item_kind):
        raise field_error(
            "item_kind",
            _("'%(item_kind)s' is not a kind of suggestion.") % {"item_kind": item_kind},
        )
    if decision not in Decision.values:
        raise field_error("decision", _("Choose 'accepted' or 'dismissed'."))
    if not registry.get(item_kind).load([item_id], user=actor):
        raise field_error(
            "item_id",
            _("There is no %(item_kind)s %(item_id)s to decide on.")
            % {"item_kind": item_kind, "item_id": item_id},
        )
    if item_kind == KIND and item_id == challenge.pk:
        raise field_error("item_id", _("A challenge cannot be matched with itself."))
    feedback, _created = MatchFeedback.objects.update_or_create(
        challenge=challenge,
        item_kind=item_kind,
        item_id=item_id,
        defaults={"decision": decision, "decided_by": actor},
    )
    audit.record(
        actor=actor,
        action=f"match.{decision}",
        target=challenge,
        changes={"item": f"{item_kind}:{item_id}", "decision": decision},
    )
    emit(
        DomainEvent(
            name=f"match.{decision}",
            actor_id=actor.pk,
            payload={"challenge_id": challenge.pk, "item_kind": item_kind, "item_id": item_id},
        )
    )
    return feedback


@transaction.atomic
def match_undo(*, actor: User, challenge: Challenge, item_kind: str, item_id: int) -> None:
    require(actor, "challenges.change_challenge", challenge)
    deleted, _ = MatchFeedback.objects.filter(
        challenge=challenge, item_kind=item_kind, item_id=item_id
    ).delete()
    if deleted:
        audit.record(
            actor=actor,
            action="match.undo",
            target=challenge,
            changes={"item": f"{item_kind}:{item_id}"},
        )


NEW_MATCHES_EVENT = "challenge.new_matches"


def new_matches_check(kind: str, pks: list[int]) -> int:
    """After content of `kind` was indexed (matching's content hook): for every challenge that
    still looks for matches, the new or changed items that are now among the matches its page
    shows (the top 5 of their kind, dismissed ones hidden) and match it well (a "good match" or
    better, `matching.reasons.GOOD_MATCH`) are notified to the challenge's officers once — `challenge.new_matches`, one event per challenge. Items of the challenge's own
    cities (owner and co-owners) are not news to them and are never notified. Returns how many
    items were notified. Idempotent: an item notified before is never notified again.

    The matches are those the first officer (not a coordinator, when there is one) may see: the
    officers of one city see the same content, and a coordinator's wider view must not leak."""
    if not registry.is_kind(kind) or not pks:
        return 0
    changed = {match_index.key(kind, pk) for pk in pks}
    sent = 0
    for challenge in Challenge.objects.filter(status__in=LOOKING_FOR_MATCHES).select_related(
        "owner_city"
    ):
        fresh = changed - notified_matches(challenge)
        viewer = challenge_officers(challenge).first()
        if not fresh or viewer is None:
            continue
        found = challenge_matches(user=viewer, challenge=challenge, only=kind).get(kind, [])
        mine = own_cities(challenge)  # a city's own new practice is not news to it
        hits = [
            r
            for r in found
            if r.key in fresh and r.score >= GOOD_MATCH and _city_of(r.obj) not in mine
        ]
        if hits:
            sent += _notify_new_matches(challenge, hits)
    return sent


def _city_of(obj: object) -> int | None:
    """The city an item belongs to, for the kinds that belong to one (practices, challenges)."""
    city = getattr(obj, "city_id", None) or getattr(obj, "owner_city_id", None)
    return city if isinstance(city, int) else None


@transaction.atomic
def _notify_new_matches(challenge: Challenge, hits: list[Result]) -> int:
    locked = Challenge.objects.select_for_update().get(pk=challenge.pk)
    known = notified_matches(locked)
    hits = [r for r in hits if r.key not in known]
    if not hits:
        return 0
    MatchNotice.objects.bulk_create(
        MatchNotice(
            challenge=locked,
            item_kind=r.kind,
            item_id=match_index.split_key(r.key)[1],
            score=round(r.score, 4),
        )
        for r in hits
    )
    audit.record(
        actor=None,
        action="challenge.new_matches",
        target=locked,
        changes={"items": [r.key for r in hits]},
    )
    emit(
        DomainEvent(
            NEW_MATCHES_EVENT,
            None,
            {"challenge_id": locked.pk, "count": len(hits), "items": [r.key for r in hits]},
        )
    )
    return len(hits)
