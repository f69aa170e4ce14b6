"""Machine translation behind one interface; off unless the operator configures an endpoint.

The one implementation speaks the LibreTranslate HTTP API (`POST <url>/translate` with
`{"q", "source", "target", "format": "text", "api_key"}` → `{"translatedText"}`), which
LibreTranslate itself and compatible services offer. The operator sets
`URBANFORUM_MACHINE_TRANSLATION_URL` (and `URBANFORUM_MACHINE_TRANSLATION_KEY` when the service
wants a key); with no URL there is no machine translation at all. Nothing is downloaded: the
platform only calls the configured service. A machine translation is stored as such
(`origin="machine"`), labelled on the page, and never replaces a person's translation
(`core.translations.services`).
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import Protocol

from django.conf import settings


class MachineTranslationFailed(Exception):
    """The service did not answer, or answered something that is not a translation."""


class MachineTranslator(Protocol):
    """What the platform needs of a machine translation service."""

    name: str

    def translate(self, texts: list[str], *, source: str, target: str) -> list[str]:
        """`texts` translated from `source` into `target` (ISO 639-1), in order."""
        ...


class LibreTranslate:
    """A LibreTranslate-compatible HTTP endpoint."""

    name = "LibreTranslate"

    def __init__(self, url: str, api_key: str = "", timeout: float = 20.0) -> None:
        self.url = url.rstrip("/") + "/translate"
        self.api_key = api_key
        self.timeout = timeout

    def _one(self, text: str, source: str, target: str) -> str:
        payload: dict[str, str] = {"q": text, "source": source, "target": target, "format": "text"}
        if self.api_key:
            payload["api_key"] = self.api_key
        request = urllib.request.Request(
            self.url,
            data=json.dumps(payload).encode(),
            headers={"Content-Type": "application/json", "Accept": "application/json"},
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                answer = json.loads(response.read().decode())
        except (urllib.error.URLError, TimeoutError, ValueError, OSError) as exc:
            raise MachineTranslationFailed(str(exc)) from exc
        translated = answer.get("translatedText") if isinstance(answer, dict) else None
        if not isinstance(translated, str):
            raise MachineTranslationFailed("The service's answer has no translatedText.")
        return translated

    def translate(self, texts: list[str], *, source: str, target: str) -> list[str]:
        return [self._one(text, source, target) if text.strip() else "" for text in texts]


def configured() -> MachineTranslator | None:
    """The operator's machine translation service, or None (the default: switched off)."""
    url = str(getattr(settings, "URBANFORUM_MACHINE_TRANSLATION_URL", "") or "")
    if not url:
        return None
    key = str(getattr(settings, "URBANFORUM_MACHINE_TRANSLATION_KEY", "") or "")
    return LibreTranslate(url, key)
