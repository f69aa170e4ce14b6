"""A challenge's matches (the challenges app, on top of matching's search): suggestions of every
searchable kind with reasons, the owner's accept / dismiss / undo, the page's sections, and mentor
cities. (Moved from tests/matching/test_matching.py with the code.)"""

from __future__ import annotations

from typing import Any

import pandas as pd
import pytest

from tests.practices.kb import KB
from urbanforum.challenges import selectors, services
from urbanforum.challenges.models import MatchFeedback
from urbanforum.matching import selectors as matching_selectors


def test_challenge_matches_have_reasons_and_feedback_hides_dismissed(kb: KB) -> None:
    editor = kb.world.users["editor"]
    found = selectors.challenge_matches(user=editor, challenge=kb.public)
    assert set(found) == {"challenge", "practice", "solution", "expert"}
    practices = [r.obj for r in found["practice"]]
    assert kb.practice in practices
    first = found["practice"][0]
    assert first.reasons and any(r.kind == "domain" for r in first.reasons)
    assert kb.public not in [r.obj for r in found["challenge"]]  # never matched with itself
    services.match_decide(
        actor=editor,
        challenge=kb.public,
        item_kind="practice",
        item_id=kb.practice.pk,
        decision="dismissed",
    )
    services.match_decide(
        actor=editor,
        challenge=kb.public,
        item_kind="solution",
        item_id=kb.solution.pk,
        decision="accepted",
    )
    again = selectors.challenge_matches(user=editor, challenge=kb.public)
    assert kb.practice not in [r.obj for r in again["practice"]]
    accepted = [r for r in again["solution"] if r.obj == kb.solution]
    assert accepted and accepted[0].decision == "accepted"
    services.match_undo(
        actor=editor, challenge=kb.public, item_kind="practice", item_id=kb.practice.pk
    )
    assert kb.practice in [
        r.obj for r in selectors.challenge_matches(user=editor, challenge=kb.public)["practice"]
    ]


def test_decisions_are_validated(kb: KB, unchanged: Any) -> None:
    editor = kb.world.users["editor"]
    from django.core.exceptions import ValidationError

    for kwargs, field in [
        ({"item_kind": "planet", "item_id": 1, "decision": "accepted"}, "item_kind"),
        ({"item_kind": "practice", "item_id": kb.practice.pk, "decision": "maybe"}, "decision"),
        (
            {"item_kind": "practice", "item_id": kb.draft.pk + 999, "decision": "accepted"},
            "item_id",
        ),
        ({"item_kind": "challenge", "item_id": kb.public.pk, "decision": "accepted"}, "item_id"),
    ]:
        with pytest.raises(ValidationError) as exc:
            unchanged(
                lambda kw=kwargs: services.match_decide(actor=editor, challenge=kb.public, **kw)
            )
        assert field in exc.value.message_dict
    assert MatchFeedback.objects.count() == 0


def test_the_dismiss_button_on_the_page(kb: KB) -> None:
    client = kb.world.client("editor")
    html = client.get(f"/challenges/{kb.public.slug}/").content.decode()
    assert "Why this matches" in html and kb.practice.title in html
    client.post(
        f"/challenges/{kb.public.slug}/matches/decide/",
        {"item_kind": "practice", "item_id": kb.practice.pk, "decision": "dismissed"},
    )
    html = client.get(f"/challenges/{kb.public.slug}/").content.decode()
    section = html.split('data-section="practice"')[1].split("</section>")[0]
    assert kb.practice.title not in section


def test_mentors_and_twins_explain_when_there_is_no_benchmark(kb: KB) -> None:
    mentors, note = selectors.mentor_cities(challenge=kb.public)
    twins, twin_note = matching_selectors.twin_candidates(city=kb.world.city)
    assert mentors == [] and twins == []
    assert "benchmark" in note and "benchmark" in twin_note
    html = kb.world.client("anonymous").get(f"/challenges/{kb.public.slug}/").content.decode()
    assert "Mentor cities" in html and note.split(",")[0] in html


def test_mentor_cities_are_strong_where_the_challenge_city_is_weak(
    kb: KB, benchmark: pd.DataFrame
) -> None:
    mentors, note = selectors.mentor_cities(challenge=kb.public)  # domain: mobility
    assert (
        note
        == "Strong in Smart mobility, where Helsinki scores lowest among the characteristics this challenge touches."
    )
    assert mentors[0].city == kb.world.other_city
    assert "Scores 95 in Smart mobility (you: 20)" in mentors[0].reasons[0]
    html = kb.world.client("anonymous").get(f"/challenges/{kb.public.slug}/").content.decode()
    mentors_html = html.split('data-section="mentors"')[1]
    assert "Tallinn" in mentors_html and "Scores 95 in Smart mobility (you: 20)" in mentors_html
    api = kb.world.client("anonymous").get(f"/api/v1/challenges/{kb.public.slug}/matches").json()
    assert api["mentors"][0]["id"] == "tallinn-ee" and api["mentors_note"] == note


def test_mentors_skip_missing_scores(kb: KB, benchmark: pd.DataFrame) -> None:
    benchmark.loc[kb.world.other_city.pk, "mobility"] = float("nan")
    benchmark.loc[kb.world.city.pk, "economy"] = float("nan")
    mentors, note = selectors.mentor_cities(challenge=kb.public)
    assert note.startswith("Strong in") and mentors
    assert kb.world.other_city not in [m.city for m in mentors]  # no score, no claim
    assert all("nan" not in r for m in mentors for r in m.reasons)


def test_a_city_is_never_offered_its_own_challenges(kb: KB) -> None:
    """Issue 11, point 3: no challenge of the owner city or of a co-owner is a "similar
    challenge", even when the viewer may see them all (the editor sees members-only and private
    ones too)."""
    from urbanforum.challenges.models import Challenge, ChallengeCity
    from urbanforum.cities.models import City

    riga = City.objects.create(name="Riga", slug="riga-lv", country="LV", population=600_000)
    ChallengeCity.objects.create(challenge=kb.public, city=riga, role=ChallengeCity.Role.CO_OWNER)

    def make(title: str, city: Any) -> Challenge:
        return Challenge.objects.create(
            title=title,
            owner_city=city,
            owner_organisation=kb.world.other_org,
            problem_statement=f"{title}: snow and ice on cycle routes in winter.",
            domains=["mobility"],
            status="open",
            visibility="public",
        )

    tallinn = make("Icy cycle paths in Tallinn", kb.world.other_city)
    rigas = make("Icy cycle paths in Riga", riga)
    found = selectors.challenge_matches(user=kb.world.users["editor"], challenge=kb.public)
    similar = [r.obj for r in found["challenge"]]
    assert tallinn in similar  # another city's challenge: the section is not empty
    assert rigas not in similar  # a co-owner's
    assert all(c.owner_city != kb.world.city for c in similar)  # the owner city's
    assert kb.members not in similar and kb.private not in similar


def test_mentors_for_a_climate_bound_problem_share_the_climate(
    kb: KB, benchmark: pd.DataFrame
) -> None:
    """Icy cycle routes are learnt from a city with the same winters: a warm city strong in
    mobility is no mentor for them, though it is for a problem without a climate."""
    from urbanforum.cities.models import City

    lisbon = City.objects.create(
        name="Lisbon", slug="lisbon-pt", country="PT", population=550_000, latitude=38.7
    )
    benchmark.loc[lisbon.pk] = [50, 50, 50, 99, 50, 50]
    mentors, _note = selectors.mentor_cities(challenge=kb.public)  # "Icy cycle routes"
    names = [m.city.name for m in mentors]
    assert names[0] == "Tallinn" and "Lisbon" not in names
    assert any("similar climate" in r for r in mentors[0].reasons)
    kb.public.title = "Congested radial roads"
    kb.public.problem_statement = "Commuters queue on the radial roads every morning."
    kb.public.save()
    mentors, _note = selectors.mentor_cities(challenge=kb.public)
    assert lisbon in [m.city for m in mentors]  # without a climate, the warm city is a mentor


@pytest.mark.parametrize(
    ("text", "bound"),
    [
        ("Keeping cycle routes usable through snow, slush and freeze-thaw", True),
        ("Talvikunnossapito ja liukkauden torjunta", True),
        ("Jalgrattateede talvine hooldus", True),
        ("Winterdienst auf Radwegen", True),
        ("Odśnieżanie ścieżek rowerowych", True),
        ("Commuter congestion on the radial roads", False),
        ("Home care for a fast-ageing population", False),
    ],
)
def test_climate_bound_problems_are_recognised(text: str, bound: bool) -> None:
    from urbanforum.engines.matching import climate_bound

    assert climate_bound(text) is bound


def test_a_city_outside_the_benchmark_still_gets_mentors_for_its_problem(
    kb: KB, benchmark: pd.DataFrame
) -> None:
    """Compared with the run's typical city in the characteristic the challenge touches (and, for
    a climate-bound problem, among cities of its climate); the sentence says so."""
    from urbanforum.challenges.models import Challenge
    from urbanforum.cities.models import City

    oulu = City.objects.create(
        name="Oulu", slug="oulu-fi", country="FI", population=210_000, latitude=65.0
    )
    c = Challenge.objects.create(
        title="Cycling through snow and ice",
        owner_city=oulu,
        owner_organisation=kb.world.org,
        problem_statement="Cycle routes are icy all winter.",
        domains=["mobility"],
        status="open",
        visibility="public",
    )
    mentors, note = selectors.mentor_cities(challenge=c)
    assert mentors and mentors[0].city == kb.world.other_city  # Tallinn: strong in mobility
    assert "Oulu is not in the latest benchmark run" in note and "mobility" in note
    assert "the typical city" in mentors[0].reasons[0]


def test_mentor_cities_name_the_benchmark_run_they_come_from(
    kb: KB, benchmark: pd.DataFrame
) -> None:
    benchmark.attrs["run"] = "Smart City Profile 2023 (all cities with data) #7"
    _mentors, note = selectors.mentor_cities(challenge=kb.public)
    assert note.endswith(
        "Scores from the official benchmark run Smart City Profile 2023 (all cities with data) #7."
    )
