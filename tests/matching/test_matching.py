"""The Django side of matching: embeddings stored once, the process-wide index, search with reasons
and facets, saved-search alerts, cities (peers, twins). A challenge's suggestions, the owner's
feedback and mentor cities are the challenges app's (tests/challenges/test_matches.py)."""

from __future__ import annotations

from typing import Any

import pandas as pd
import pytest
from django.core import mail

from tests.practices.kb import KB
from urbanforum.challenges.models import Challenge
from urbanforum.challenges.schemas import ChallengeFields
from urbanforum.cities.models import City
from urbanforum.core.events import DomainEvent, subscribe
from urbanforum.core.schemas import parse
from urbanforum.engines.matching import content_hash
from urbanforum.matching import index, selectors, services
from urbanforum.matching.models import Embedding
from urbanforum.matching.schemas import SavedSearchInput
from urbanforum.practices import services as practice_services
from urbanforum.practices.schemas import PracticeFields


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
            actor=kb.world.users["editor"],
            practice=kb.practice,
            changes=PracticeFields(summary="Now about tram priority."),
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


def test_saved_search_notifies_new_matching_content(
    kb: KB, django_capture_on_commit_callbacks: Any
) -> None:
    events: list[DomainEvent] = []
    subscribe(services.NEW_MATCH_EVENT, events.append)
    member = kb.world.users["member"]
    saved = services.saved_search_create(
        actor=member, search=SavedSearchInput(query="tram priority signals", kind="practice")
    )
    assert saved.notified == [] or all(k.startswith("practice:") for k in saved.notified)
    editor = kb.world.users["editor"]
    with django_capture_on_commit_callbacks(execute=True):
        practice = practice_services.practice_create(
            actor=editor,
            city=kb.world.city,
            fields=PracticeFields(
                title="Tram priority signals",
                summary="Traffic lights give trams priority at every junction.",
                status="published",
                domains=["mobility"],
            ),
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
        practice_services.practice_update(
            actor=editor, practice=practice, changes=PracticeFields(costs="Low.")
        )
    assert len([e for e in events if e.payload["saved_search_id"] == saved.pk]) == 1
    assert len(mail.outbox) == 1


def test_saved_search_does_not_leak_content_the_owner_cannot_see(
    kb: KB, django_capture_on_commit_callbacks: Any
) -> None:
    events: list[DomainEvent] = []
    subscribe(services.NEW_MATCH_EVENT, events.append)
    outsider = kb.world.users["other"]
    saved = services.saved_search_create(
        actor=outsider, search=SavedSearchInput(query="icy cycle routes", kind="challenge")
    )
    with django_capture_on_commit_callbacks(execute=True):
        from urbanforum.challenges import services as challenge_services

        challenge_services.challenge_update(
            actor=kb.world.users["editor"],
            challenge=kb.private,
            changes=ChallengeFields(context="Icy cycle routes everywhere."),
        )
    assert not [e for e in events if e.payload["saved_search_id"] == saved.pk]


def test_saved_search_needs_something_to_watch(kb: KB, unchanged: Any) -> None:
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as exc:
        unchanged(
            lambda: services.saved_search_create(
                actor=kb.world.users["member"], search=parse(SavedSearchInput, {"query": " "})
            )
        )
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
    assert any("In the same country (Finland)" in r for r in peers[0].reasons)
    assert kb.world.city not in [p.city for p in peers]


def test_twin_candidates_have_complementary_strengths(kb: KB, benchmark: pd.DataFrame) -> None:
    twins, _ = selectors.twin_candidates(city=kb.world.city)
    assert twins and twins[0].city.name == "Riga"
    assert "mobility" in twins[0].reasons[0] and "economy" in twins[0].reasons[1]
    assert not Challenge.objects.filter(owner_city__name="Riga").exists()


def test_peers_use_the_benchmark_profile_when_there_is_one(kb: KB, benchmark: pd.DataFrame) -> None:
    peers = selectors.peer_cities(city=kb.world.city, limit=3)
    assert peers and kb.world.city not in [p.city for p in peers]
    assert any("A similar profile in the benchmark" in r for p in peers for r in p.reasons)
    html = kb.world.client("anonymous").get("/cities/helsinki-fi/").content.decode()
    assert "Twin candidates" in html and "Riga" in html
