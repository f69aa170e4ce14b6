"""The Django side of matching: embeddings stored once, the process-wide index, suggestions with
reasons and the owner's feedback, saved-search alerts, cities (peers, twins, mentors)."""

from __future__ import annotations

import sys
import types
from typing import Any

import pandas as pd
import pytest
from django.core import mail

from tests.practices.kb import KB
from urbanforum.challenges.models import Challenge
from urbanforum.cities.models import City
from urbanforum.core.events import DomainEvent, subscribe
from urbanforum.engines.matching import content_hash
from urbanforum.matching import index, selectors, services
from urbanforum.matching.models import Embedding, MatchFeedback
from urbanforum.practices import services as practice_services


def test_embeddings_are_computed_once_and_reused(
    kb: KB, django_assert_max_num_queries: Any
) -> None:
    built = index.get_index()
    assert (
        len(built) == 2 + 4 + 1 + 1
    )  # published practices, challenges past draft, solution, expert
    model_id = index.get_embedder().model_id
    emb = Embedding.objects.get(kind="practice", object_id=kb.practice.pk, model_id=model_id)
    item = index.items_for("practice", [kb.practice.pk])[0]
    assert emb.content_hash == content_hash(item.passage())
    assert len(bytes(emb.vector)) == 4 * emb.dim
    before = {e.pk: e.updated_at for e in Embedding.objects.all()}
    index.invalidate()
    index.get_index()
    assert {e.pk: e.updated_at for e in Embedding.objects.all()} == before  # nothing recomputed
    # the cached index is reused while nothing changed: only the fingerprint queries run
    cached = index.get_index()
    with django_assert_max_num_queries(5):  # one aggregate per content table
        assert index.get_index() is cached


def test_an_edit_recomputes_that_embedding_and_refreshes_the_index(
    kb: KB, django_capture_on_commit_callbacks: Any
) -> None:
    first = index.get_index()
    old = Embedding.objects.get(kind="practice", object_id=kb.practice.pk).content_hash
    with django_capture_on_commit_callbacks(execute=True):
        practice_services.practice_update(
            actor=kb.world.users["editor"], practice=kb.practice, summary="Now about tram priority."
        )
    new = Embedding.objects.get(kind="practice", object_id=kb.practice.pk).content_hash
    assert new != old
    assert index.get_index() is not first


def test_search_reasons_and_facets(kb: KB) -> None:
    results = selectors.search(
        user=kb.world.users["anonymous"] or _anon(),
        filters=selectors.SearchFilters(text="snow ploughing of cycle routes", kind="practice"),
    )
    assert results[0].obj == kb.practice
    kinds = {r.kind for r in results[0].reasons}
    assert "phrase" in kinds and "semantic" in kinds
    only_ee = selectors.search(
        user=_anon(), filters=selectors.SearchFilters(text="transport", country="EE")
    )
    assert only_ee and all(selectors._country(r.kind, r.obj) == "EE" for r in only_ee)
    by_domain = selectors.search(user=_anon(), filters=selectors.SearchFilters(domain="data"))
    assert [r.obj for r in by_domain] == [kb.solution]


def _anon() -> Any:
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser()


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


def test_saved_search_notifies_new_matching_content(
    kb: KB, django_capture_on_commit_callbacks: Any
) -> None:
    events: list[DomainEvent] = []
    subscribe(services.NEW_MATCH_EVENT, events.append)
    member = kb.world.users["member"]
    saved = services.saved_search_create(
        actor=member, query="tram priority signals", kind="practice"
    )
    assert saved.notified == [] or all(k.startswith("practice:") for k in saved.notified)
    editor = kb.world.users["editor"]
    with django_capture_on_commit_callbacks(execute=True):
        practice = practice_services.practice_create(
            actor=editor,
            city=kb.world.city,
            title="Tram priority signals",
            summary="Traffic lights give trams priority at every junction.",
            status="published",
            domains=["mobility"],
        )
    mine = [e for e in events if e.payload["saved_search_id"] == saved.pk]
    assert [e.payload["item_id"] for e in mine] == [practice.pk]
    assert mine[0].payload["user_id"] == member.pk and mine[0].payload["url"].endswith(
        f"/{practice.slug}/"
    )
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [member.email]
    assert "Tram priority signals" in mail.outbox[0].body
    # an edit of the same practice is not news again
    with django_capture_on_commit_callbacks(execute=True):
        practice_services.practice_update(actor=editor, practice=practice, costs="Low.")
    assert len([e for e in events if e.payload["saved_search_id"] == saved.pk]) == 1
    assert len(mail.outbox) == 1


def test_saved_search_does_not_leak_content_the_owner_cannot_see(
    kb: KB, django_capture_on_commit_callbacks: Any
) -> None:
    events: list[DomainEvent] = []
    subscribe(services.NEW_MATCH_EVENT, events.append)
    outsider = kb.world.users["other"]
    saved = services.saved_search_create(actor=outsider, query="icy cycle routes", kind="challenge")
    with django_capture_on_commit_callbacks(execute=True):
        from urbanforum.challenges import services as challenge_services

        challenge_services.challenge_update(
            actor=kb.world.users["editor"],
            challenge=kb.private,
            context="Icy cycle routes everywhere.",
        )
    assert not [e for e in events if e.payload["saved_search_id"] == saved.pk]


def test_saved_search_needs_something_to_watch(kb: KB, unchanged: Any) -> None:
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as exc:
        unchanged(lambda: services.saved_search_create(actor=kb.world.users["member"], query=" "))
    assert "query" in exc.value.message_dict


def test_peer_cities_by_context(kb: KB) -> None:
    City.objects.create(
        name="Espoo",
        slug="espoo-fi",
        country="FI",
        population=300_000,
        latitude=60.2,
        region="Northern Europe",
    )
    City.objects.create(
        name="Lisbon", slug="lisbon-pt", country="PT", population=500_000, latitude=38.7
    )
    peers = selectors.peer_cities(city=kb.world.city, limit=3)
    assert peers[0].city.name == "Espoo"
    assert any("Same country (FI)" in r for r in peers[0].reasons)
    assert kb.world.city not in [p.city for p in peers]


def test_mentors_and_twins_explain_when_there_is_no_benchmark(kb: KB) -> None:
    mentors, note = selectors.mentor_cities(challenge=kb.public)
    twins, twin_note = selectors.twin_candidates(city=kb.world.city)
    assert mentors == [] and twins == []
    assert "benchmark" in note and "benchmark" in twin_note
    html = kb.world.client("anonymous").get(f"/challenges/{kb.public.slug}/").content.decode()
    assert "Mentor cities" in html and note.split(",")[0] in html


@pytest.fixture
def benchmark(kb: KB, monkeypatch: Any) -> pd.DataFrame:
    """A stand-in for urbanforum.benchmark.selectors (another engineer's app)."""
    espoo = City.objects.create(
        name="Espoo", slug="espoo-fi", country="FI", population=300_000, latitude=60.2
    )
    riga = City.objects.create(
        name="Riga", slug="riga-lv", country="LV", population=600_000, latitude=56.9
    )
    cols = ["economy", "people", "governance", "mobility", "environment", "living"]
    frame = pd.DataFrame(
        [
            [80, 80, 80, 20, 80, 80],  # Helsinki: weak in mobility
            [50, 50, 50, 95, 50, 50],  # Tallinn: strong in mobility
            [60, 60, 60, 40, 60, 60],  # Espoo
            [20, 30, 90, 90, 20, 30],  # Riga: complementary to Helsinki
        ],
        index=[kb.world.city.pk, kb.world.other_city.pk, espoo.pk, riga.pk],
        columns=cols,
    )
    module = types.ModuleType("urbanforum.benchmark.selectors")
    module.latest_characteristic_scores = lambda: frame  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "urbanforum.benchmark.selectors", module)
    return frame


def test_mentor_cities_are_strong_where_the_challenge_city_is_weak(
    kb: KB, benchmark: pd.DataFrame
) -> None:
    mentors, note = selectors.mentor_cities(challenge=kb.public)  # domain: mobility
    assert (
        note
        == "Strong in mobility, where Helsinki scores lowest among the characteristics this challenge touches."
    )
    assert mentors[0].city == kb.world.other_city
    assert "Scores 95 in mobility (you: 20)" in mentors[0].reasons[0]
    html = kb.world.client("anonymous").get(f"/challenges/{kb.public.slug}/").content.decode()
    mentors_html = html.split('data-section="mentors"')[1]
    assert "Tallinn" in mentors_html and "Scores 95 in mobility (you: 20)" in mentors_html
    api = kb.world.client("anonymous").get(f"/api/v1/challenges/{kb.public.slug}/matches").json()
    assert api["mentors"][0]["id"] == "tallinn-ee" and api["mentors_note"] == note


def test_twin_candidates_have_complementary_strengths(kb: KB, benchmark: pd.DataFrame) -> None:
    twins, _ = selectors.twin_candidates(city=kb.world.city)
    assert twins and twins[0].city.name == "Riga"
    assert "mobility" in twins[0].reasons[0] and "economy" in twins[0].reasons[1]
    assert not Challenge.objects.filter(owner_city__name="Riga").exists()


def test_mentors_skip_missing_scores(kb: KB, benchmark: pd.DataFrame) -> None:
    benchmark.loc[kb.world.other_city.pk, "mobility"] = float("nan")
    benchmark.loc[kb.world.city.pk, "economy"] = float("nan")
    mentors, note = selectors.mentor_cities(challenge=kb.public)
    assert note.startswith("Strong in") and mentors
    assert kb.world.other_city not in [m.city for m in mentors]  # no score, no claim
    assert all("nan" not in r for m in mentors for r in m.reasons)


def test_peers_use_the_benchmark_profile_when_there_is_one(kb: KB, benchmark: pd.DataFrame) -> None:
    peers = selectors.peer_cities(city=kb.world.city, limit=3)
    assert peers and kb.world.city not in [p.city for p in peers]
    assert any("Similar indicator profile" in r for p in peers for r in p.reasons)
    html = kb.world.client("anonymous").get("/cities/helsinki-fi/").content.decode()
    assert "Twin candidates" in html and "Riga" in html
