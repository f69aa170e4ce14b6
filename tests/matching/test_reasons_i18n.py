"""Match reasons in the reader's language (issue 10.1, issue 11.4): the engine states each reason
as data (`Reason.detail`) and `matching.reasons` says it again through the catalogues."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.utils import translation

from urbanforum.engines.matching import Reason
from urbanforum.matching.reasons import reason_text, strength

REASONS = [
    Reason("phrase", "x", 0.1, (("phrase", "talvipyöräily"),)),
    Reason("semantic", "x", 0.1, (("code", "close"),)),
    Reason("domain", "x", 0.1, (("domain", "mobility"),)),
    Reason("sdg", "x", 0.1, (("sdg", "11"),)),
    Reason("context", "x", 0.1, (("code", "similar_size"),)),
    Reason("context", "x", 0.1, (("code", "similar_climate"),)),
]


@pytest.mark.parametrize("language", [code for code, _ in settings.LANGUAGES if code != "en"])
def test_every_reason_is_said_in_the_readers_language(language: str) -> None:
    with translation.override("en"):
        english = [reason_text(r) for r in REASONS] + [strength(0.8)]
    with translation.override(language):
        local = [reason_text(r) for r in REASONS] + [strength(0.8)]
    untranslated = [e for e, t in zip(english, local, strict=True) if e == t]
    assert not untranslated, f"{language}: {untranslated}"
