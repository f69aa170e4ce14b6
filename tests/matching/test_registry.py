"""A new kind of content becomes searchable from its own app, without any change in matching.

The test plays a new app: it registers a kind (organisations' profiles, with their own visibility
policy) at runtime, exactly as an app would in its `AppConfig.ready()`, and unregisters it after.
Search, the kind filter and facet, the country filter, embeddings, saved searches and the
`urbanforum match` command then work for it through `matching.registry` alone.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from io import StringIO
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db.models import Q

from tests.practices.kb import KB
from urbanforum.accounts.models import Organisation, OrganisationKind
from urbanforum.core.policies import EVERYTHING, VisibilityPolicy, is_authenticated
from urbanforum.core.schemas import parse
from urbanforum.engines.matching import Context
from urbanforum.matching import index, registry, selectors
from urbanforum.matching.models import Embedding
from urbanforum.matching.schemas import SavedSearchInput

KIND = "organisation"
NEED = "icebreakers keep the harbour free of ice in winter"


class OrganisationPolicy(VisibilityPolicy[Organisation]):
    """The new app's rule: companies' profiles are for logged-in people; the others are public."""

    model = Organisation

    def rule(self, user: Any) -> Q:
        return EVERYTHING if is_authenticated(user) else ~Q(kind=OrganisationKind.COMPANY)


def _register() -> registry.SearchableKind[Organisation]:
    return registry.register(
        registry.SearchableKind(
            slug=KIND,
            label="Organisation",
            plural="Organisations",
            model=Organisation,
            policy=OrganisationPolicy(),
            indexed=lambda: Organisation.objects.exclude(description=""),
            document=lambda o: registry.Document(
                title=o.name, text=o.description, context=Context(country=o.country or None)
            ),
            url=lambda o: f"/organisations/{o.slug}/",
            country_field="country",
            meta=lambda o: str(o.get_kind_display()),
        )
    )


@pytest.fixture
def organisations(kb: KB) -> Iterator[dict[str, Organisation]]:
    harbour = Organisation.objects.create(
        name="Baltic Harbour Authority",
        kind=OrganisationKind.NETWORK,
        country="FI",
        description="Icebreakers keep the harbour free of ice all winter long.",
    )
    rentals = Organisation.objects.create(
        name="Icebreaker Rentals",
        kind=OrganisationKind.COMPANY,
        country="EE",
        description="We rent icebreakers to harbours that freeze in winter.",
    )
    _register()
    index.invalidate()
    yield {"harbour": harbour, "rentals": rentals}
    registry.unregister(KIND)
    index.invalidate()


def test_a_kind_registered_at_runtime_is_searchable(
    kb: KB, organisations: dict[str, Organisation]
) -> None:
    harbour, rentals = organisations["harbour"], organisations["rentals"]
    anonymous = AnonymousUser()
    only_this_kind = selectors.SearchFilters(text=NEED, kind=KIND)
    found = selectors.search(user=anonymous, filters=only_this_kind, relative_cutoff=0)
    assert [r.obj for r in found] == [harbour]  # the company's profile is not for anonymous
    first = found[0]
    assert (first.kind, first.title, first.url, first.public_id, first.meta) == (
        KIND,
        "Baltic Harbour Authority",
        f"/organisations/{harbour.slug}/",
        harbour.slug,
        str(harbour.get_kind_display()),
    )
    assert first.reasons and first.as_dict()["kind"] == KIND
    member = kb.world.users["member"]
    seen = selectors.search(user=member, filters=only_this_kind, relative_cutoff=0)
    assert {r.obj for r in seen} == {harbour, rentals}
    estonian = selectors.SearchFilters(text=NEED, kind=KIND, country="EE")
    assert [r.obj for r in selectors.search(user=member, filters=estonian)] == [rentals]
    everything = selectors.search(
        user=anonymous, filters=selectors.SearchFilters(text=NEED), relative_cutoff=0
    )
    assert harbour in [r.obj for r in everything] and rentals not in [r.obj for r in everything]
    # stored like every other kind's vectors
    assert Embedding.objects.filter(kind=KIND, object_id=harbour.pk).exists()
    # the search page offers it as a kind, and its countries in the country facet
    assert (KIND, "Organisation") in selectors.kind_choices()
    assert selectors.SearchFilters.from_params({"q": "ice", "kind": KIND}).kind == KIND
    countries = dict(selectors.search_facets()["country"])
    assert "EE" in countries and "FI" in countries
    html = kb.world.client("anonymous").get(f"/search/?q=icebreakers+harbour&kind={KIND}")
    assert "Baltic Harbour Authority" in html.content.decode()
    # a saved search may watch it, and the command line has a sub-command for it
    assert parse(SavedSearchInput, {"query": "icebreakers", "kind": KIND}).kind == KIND
    out = StringIO()
    call_command("match", "organisations", "--query", NEED, "--json", stdout=out)
    assert [row["id"] for row in json.loads(out.getvalue())] == [harbour.slug]


def test_an_unregistered_kind_is_not_searchable(kb: KB) -> None:
    Organisation.objects.create(
        name="Baltic Harbour Authority",
        kind=OrganisationKind.NETWORK,
        description="Icebreakers keep the harbour free of ice all winter long.",
    )
    _register()
    registry.unregister(KIND)
    index.invalidate()
    assert KIND not in index.content_kinds()
    assert selectors.SearchFilters.from_params({"kind": KIND}).kind == ""
    # a need that the kb's practice answers and that shares "winter" with the organisation (the
    # relevance gate answers a need about nothing searchable with nothing)
    need = "snow ploughing of cycle routes in winter"
    found = selectors.search(
        user=AnonymousUser(), filters=selectors.SearchFilters(text=need), relative_cutoff=0
    )
    assert found and all(r.kind != KIND for r in found)
    with pytest.raises(ValidationError) as exc:
        parse(SavedSearchInput, {"query": "icebreakers", "kind": KIND})
    assert "kind" in exc.value.message_dict


def test_a_kind_needs_a_short_slug_that_is_not_city() -> None:
    for slug in ("city", "Organisation", "a-very-long-kind", "a:b"):
        with pytest.raises(ValueError, match="cannot be a searchable kind"):
            registry.register(
                registry.SearchableKind(
                    slug=slug,
                    label=slug,
                    plural=slug,
                    model=Organisation,
                    policy=OrganisationPolicy(),
                    indexed=Organisation.objects.all,
                    document=lambda o: registry.Document(title=o.name, text=""),
                    url=lambda o: "/",
                    country_field="country",
                )
            )
    assert registry.slugs() == ("practice", "challenge", "solution", "expert")
