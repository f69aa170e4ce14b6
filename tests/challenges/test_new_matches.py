"""New matches for a challenge: content published after the challenge that matches it well is
notified to the challenge's officers (owner and co-owner cities) once, in their language, with a
link to the challenge's matches — through matching's content hook and notifications' strategy."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django.utils import translation

from tests.practices.kb import KB
from urbanforum.accounts.models import Membership, Role
from urbanforum.challenges import selectors, services
from urbanforum.challenges.models import ChallengeCity, MatchNotice
from urbanforum.cities.models import City
from urbanforum.notifications.models import Channel, Frequency, Notification
from urbanforum.notifications.services import preference_set
from urbanforum.practices import services as practices
from urbanforum.practices.schemas import PracticeFields

EVENT = services.NEW_MATCHES_EVENT


def publish_practice(kb: KB, capture: Any, title: str, summary: str) -> Any:
    with capture(execute=True):
        return practices.practice_create(
            actor=kb.world.users["other"],
            city=kb.world.other_city,
            fields=PracticeFields(
                title=title, summary=summary, status="published", domains=["mobility"]
            ),
        )


def notes(challenge: Any) -> list[Notification]:
    return list(
        Notification.objects.filter(
            event_type=EVENT, object_key=f"challenges.challenge:{challenge.pk}"
        ).order_by("recipient__email")
    )


def test_a_matching_practice_is_notified_once_to_the_officers_with_a_working_link(
    kb: KB, django_capture_on_commit_callbacks: Any
) -> None:
    practice = publish_practice(
        kb,
        django_capture_on_commit_callbacks,
        "Icy cycle routes cleared first in winter",
        "Snow and ice are ploughed from cycle routes before car lanes every winter morning.",
    )
    got = notes(kb.public)
    # the editor and the admin of Helsinki's administration; not the plain member, not Tallinn
    assert {n.recipient for n in got} == {kb.world.users["admin"], kb.world.users["editor"]}
    assert MatchNotice.objects.filter(
        challenge=kb.public, item_kind="practice", item_id=practice.pk
    ).exists()
    note = got[0]
    assert "new match for your challenge “Icy cycle routes (public)”" in note.text
    assert note.url == f"/challenges/{kb.public.slug}/#matches"
    client = Client()
    client.force_login(note.recipient)
    page = client.get(note.url)
    assert page.status_code == 200 and practice.title in page.content.decode()
    # a draft challenge does not look for matches
    assert not notes(kb.draft_challenge)

    # editing the practice again is not news: nothing is notified twice
    before = Notification.objects.filter(event_type=EVENT).count()
    with django_capture_on_commit_callbacks(execute=True):
        practices.practice_update(
            actor=kb.world.users["other"], practice=practice, changes=PracticeFields(costs="Low.")
        )
    assert Notification.objects.filter(event_type=EVENT).count() == before
    assert services.new_matches_check("practice", [practice.pk]) == 0


def test_a_weak_match_is_not_news(kb: KB, django_capture_on_commit_callbacks: Any) -> None:
    practice = publish_practice(
        kb,
        django_capture_on_commit_callbacks,
        "Library opening hours on Sundays",
        "Public libraries open on Sundays for families and students.",
    )
    found = selectors.challenge_matches(
        user=kb.world.users["editor"], challenge=kb.public, only="practice"
    )["practice"]
    weak = [r for r in found if r.obj == practice]
    assert weak and weak[0].score < services.GOOD_MATCH  # shown on the page, but not news
    assert not Notification.objects.filter(event_type=EVENT).exists()
    assert not MatchNotice.objects.exists()


def test_co_owners_hear_in_their_language_and_preferences_are_kept(
    kb: KB, django_capture_on_commit_callbacks: Any
) -> None:
    # Tallinn co-owns Helsinki's public challenge; its admin reads Estonian, Helsinki's editor
    # switched the in-app notification of new matches off (and e-mail is off for them too).
    ChallengeCity.objects.create(
        challenge=kb.public, city=kb.world.other_city, role=ChallengeCity.Role.CO_OWNER
    )
    tallinn = kb.world.users["other"]
    assert Membership.objects.filter(
        user=tallinn, organisation=kb.world.other_org, role__in=[Role.EDITOR, Role.ADMIN]
    ).exists()
    tallinn.preferred_language = "et"
    tallinn.save()
    editor = kb.world.users["editor"]
    preference_set(actor=editor, event_type=EVENT, channel=Channel.IN_APP, frequency=Frequency.OFF)
    preference_set(actor=editor, event_type=EVENT, channel=Channel.EMAIL, frequency=Frequency.OFF)
    officers = set(selectors.challenge_officers(kb.public))
    assert officers == {kb.world.users["admin"], editor, tallinn}
    riga = City.objects.create(name="Riga", slug="riga-lv", country="LV")
    with django_capture_on_commit_callbacks(execute=True):
        practices.practice_create(
            actor=kb.world.users["coordinator"],
            city=riga,
            fields=PracticeFields(
                title="Icy cycle routes cleared first in winter",
                summary="Snow and ice are ploughed from cycle routes before car lanes.",
                status="published",
                domains=["mobility"],
            ),
        )
    got = {n.recipient: n for n in notes(kb.public)}
    # the editor opted out; Helsinki's admin and Tallinn's hear of Riga's practice
    assert set(got) == {tallinn, kb.world.users["admin"]}
    with translation.override("et"):
        expected = translation.ngettext(
            "%(count)s new match for your challenge “%(title)s”: see it among the challenge's "
            "matches, then accept or dismiss it.",
            "%(count)s new matches for your challenge “%(title)s”: see them among the "
            "challenge's matches, then accept or dismiss them.",
            1,
        ) % {"count": "1", "title": kb.public.title}
    assert got[tallinn].text == expected and kb.public.title in expected
    assert not expected.startswith("1 new match")  # really Estonian


def test_a_practice_of_the_challenges_own_cities_is_not_news(
    kb: KB, django_capture_on_commit_callbacks: Any
) -> None:
    # Tallinn co-owns Helsinki's challenge: a practice of either city is their own work, shown
    # among the matches but never announced to them as a new match.
    ChallengeCity.objects.create(
        challenge=kb.public, city=kb.world.other_city, role=ChallengeCity.Role.CO_OWNER
    )
    for actor, city in (
        (kb.world.users["admin"], kb.world.city),
        (kb.world.users["other"], kb.world.other_city),
    ):
        with django_capture_on_commit_callbacks(execute=True):
            practice = practices.practice_create(
                actor=actor,
                city=city,
                fields=PracticeFields(
                    title=f"Icy cycle routes cleared first in winter in {city.name}",
                    summary="Snow and ice are ploughed from cycle routes before car lanes.",
                    status="published",
                    domains=["mobility"],
                ),
            )
        shown = selectors.challenge_matches(
            user=kb.world.users["editor"], challenge=kb.public, only="practice"
        )["practice"]
        good = [r for r in shown if r.obj == practice]
        assert good and good[0].score >= services.GOOD_MATCH  # it would be news from elsewhere
    assert not notes(kb.public)
    assert not MatchNotice.objects.filter(challenge=kb.public).exists()
