"""The engine's English reasons are said again in the reader's language (matching.reasons)."""

from __future__ import annotations

import pytest
from django.utils import translation

from urbanforum.engines.matching.types import Reason
from urbanforum.matching.reasons import PATTERNS, translate_text, translated

# One sentence of each kind the engine writes (engines/matching/matcher.py and context.py).
ENGINE_SENTENCES = [
    "Matches “winter cycling”",
    "Similar in meaning (cosine similarity 0.83)",
    "Shared domain: mobility",
    "Shared SDG 11",
    "Same country (FI)",
    "Same region (Northern Europe)",
    "Same size class (medium)",
    "Similar size class (large, you: medium)",
    "Same climate zone (Dfb)",
    "Similar climate (latitude 60.2°, you: 59.4°)",
    "Similar climate",
    "Similar indicator profile",
]


@pytest.mark.parametrize("sentence", ENGINE_SENTENCES)
def test_every_engine_sentence_is_recognised(sentence: str) -> None:
    assert sum(1 for pattern, _say in PATTERNS if pattern.fullmatch(sentence)) >= 1


def test_numbers_and_labels_follow_the_reader() -> None:
    with translation.override("fi"):
        assert translate_text("Similar in meaning (cosine similarity 0.83)").endswith("0,83)")
        assert "60,2°" in translate_text("Similar climate (latitude 60.2°, you: 59.4°)")
    with translation.override("en"):
        # the domain's label instead of its slug; the goal's name after its number
        assert translate_text("Shared domain: mobility") == "Shared domain: Mobility"
        assert (
            translate_text("Shared SDG 11") == "Shared SDG 11 (Sustainable cities and communities)"
        )
        assert translate_text("Matches “winter cycling”") == "Matches “winter cycling”"


def test_an_unknown_sentence_is_kept_and_kind_and_weight_too() -> None:
    assert translate_text("A reason of a new kind") == "A reason of a new kind"
    reason = translated(Reason("domain", "Shared domain: energy", 0.25))
    assert (reason.kind, reason.text, reason.weight) == ("domain", "Shared domain: Energy", 0.25)
