"""Notification strategies for challenges' events (registered in ChallengesConfig.ready()): the
owners of a challenge — the editors and admins of the organisation that owns it — hear when
another city says "we have this challenge too"; its officers (owner and co-owner cities) hear of
new matches."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from urbanforum.accounts.models import Membership, Role, User
from urbanforum.challenges.models import Challenge
from urbanforum.challenges.selectors import challenge_officers
from urbanforum.cities.models import City
from urbanforum.core.events import DomainEvent
from urbanforum.notifications.strategies import Message, Strategy, actor_name, register, url


def owners(challenge: Challenge | None) -> Iterable[User]:
    """The editors and admins of the challenge's owning organisation."""
    if challenge is None or challenge.owner_organisation_id is None:
        return User.objects.none()
    return User.objects.filter(
        pk__in=Membership.objects.filter(
            organisation_id=challenge.owner_organisation_id, role__in=[Role.EDITOR, Role.ADMIN]
        ).values("user_id")
    )


@register
class ChallengeJoinedStrategy(Strategy):
    """payload {"challenge_id", "city_id"} (challenges.services.challenge_join)."""

    event_type = "challenge.joined"
    label = gettext_lazy("A city joins my challenge")
    default_email = "immediate"

    def recipients(self, event: DomainEvent) -> Iterable[User]:
        return owners(Challenge.objects.filter(pk=event.payload["challenge_id"]).first())

    def message(self, event: DomainEvent) -> Message:
        challenge = Challenge.objects.filter(pk=event.payload["challenge_id"]).first()
        city = City.objects.filter(pk=event.payload.get("city_id") or 0).first()
        title = challenge.title if challenge else ""
        return Message(
            _(
                "%(city)s has your challenge “%(title)s” too (%(person)s joined it). Compare "
                "notes or open a process together."
            )
            % {
                "city": city.name if city else _("A city"),
                "title": title,
                "person": actor_name(event),
            },
            url("challenges:detail", challenge.slug) if challenge else "",
            f"challenges.challenge:{event.payload['challenge_id']}",
            title,
        )


@register
class ChallengeNewMatchesStrategy(Strategy):
    """payload {"challenge_id", "count", "items"} (challenges.services.new_matches_check): new
    content matches a challenge well; its officers (owner and co-owner cities) are told once per
    item, and the link opens the challenge's matches."""

    event_type = "challenge.new_matches"
    label = gettext_lazy("New matches for my challenge")

    def recipients(self, event: DomainEvent) -> Iterable[User]:
        challenge = Challenge.objects.filter(pk=event.payload["challenge_id"]).first()
        return challenge_officers(challenge) if challenge else User.objects.none()

    def message(self, event: DomainEvent) -> Message:
        challenge = Challenge.objects.filter(pk=event.payload["challenge_id"]).first()
        title = challenge.title if challenge else ""
        count = int(event.payload.get("count") or 0)
        text = ngettext(
            "%(count)s new match for your challenge “%(title)s”: see it among the challenge's "
            "matches, then accept or dismiss it.",
            "%(count)s new matches for your challenge “%(title)s”: see them among the "
            "challenge's matches, then accept or dismiss them.",
            count,
        ) % {"count": formats.number_format(count), "title": title}
        link = url("challenges:detail", challenge.slug) if challenge else ""
        if link:
            link += "#matches"
        return Message(text, link, f"challenges.challenge:{event.payload['challenge_id']}", title)
