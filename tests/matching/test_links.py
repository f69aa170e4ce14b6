"""Result links are made without the URL configuration (`registry.Link`), and each is the path
`reverse()` gives for the kind's URL name — for every registered kind, under a script prefix too."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from django.urls import clear_script_prefix, reverse, set_script_prefix

from urbanforum.matching import registry

SAMPLES = ("energy-retrofit-2", "a_b-3", "Z9")


@pytest.mark.parametrize("kind", registry.kinds(), ids=lambda k: k.slug)
def test_every_kind_links_without_reverse(kind: registry.SearchableKind[Any]) -> None:
    assert isinstance(kind.url, registry.Link), f"{kind.slug}: give a registry.Link"


@pytest.mark.parametrize("prefix", ["/", "/forum/"])
@pytest.mark.parametrize("kind", registry.kinds(), ids=lambda k: k.slug)
def test_every_link_equals_reverse(kind: registry.SearchableKind[Any], prefix: str) -> None:
    link = kind.url
    assert isinstance(link, registry.Link)
    assert link.fields()
    set_script_prefix(prefix)
    try:
        for value in SAMPLES:
            obj = SimpleNamespace(**{f: value for f in link.fields()})
            expected = reverse(link.name, kwargs={f: value for f in link.fields()})
            assert link(obj) == expected  # type: ignore[arg-type]
            assert link(obj).startswith(prefix)
    finally:
        clear_script_prefix()
