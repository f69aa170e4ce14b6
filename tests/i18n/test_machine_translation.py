"""The machine translation adapter against a local fake LibreTranslate server started here
(nothing is downloaded): off by default, labelled as such, never replaces a person's work."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any

import pytest
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext

from tests.conftest import api
from tests.practices.kb import KB
from urbanforum.core.models import ContentTranslation, TranslationOrigin
from urbanforum.core.translations import machine


class FakeLibreTranslate(BaseHTTPRequestHandler):
    calls: list[dict[str, Any]] = []
    fail = False

    def do_POST(self) -> None:
        payload = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        FakeLibreTranslate.calls.append({"path": self.path, **payload})
        if FakeLibreTranslate.fail:
            self.send_response(500)
            self.end_headers()
            return
        body = json.dumps({"translatedText": f"[{payload['target']}] {payload['q']}"}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    FakeLibreTranslate.calls = []
    FakeLibreTranslate.fail = False
    httpd = HTTPServer(("127.0.0.1", 0), FakeLibreTranslate)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def _machine(kb: KB, role: str = "editor", language: str = "et") -> Any:
    return api(
        kb.world.client(role),
        "POST",
        f"/api/v1/translations/practice/{kb.practice.pk}/machine",
        {"language": language},
    )


def test_off_by_default(kb: KB, unchanged: Any) -> None:
    assert machine.configured() is None
    response = unchanged(lambda: _machine(kb))
    assert response.status_code == 503
    page = kb.world.client("editor").get(f"/translations/practice/{kb.practice.pk}/")
    assert page.context["machine_form"] is None


def test_a_machine_translation_is_stored_and_labelled(kb: KB, server: str, settings: Any) -> None:
    settings.URBANFORUM_MACHINE_TRANSLATION_URL = server
    settings.URBANFORUM_MACHINE_TRANSLATION_KEY = "secret-key"
    response = _machine(kb)
    assert response.status_code == 201, response.content
    assert response.json()["origin"] == "machine"
    row = ContentTranslation.objects.get(kind="practice", object_id=kb.practice.pk)
    assert row.origin == TranslationOrigin.MACHINE
    assert row.title == f"[et] {kb.practice.title}"
    assert row.summary == f"[et] {kb.practice.summary}"
    sent = FakeLibreTranslate.calls
    assert {c["path"] for c in sent} == {"/translate"}
    assert {(c["source"], c["target"], c["api_key"], c["format"]) for c in sent} == {
        ("en", "et", "secret-key", "text")
    }
    # the reader is told it is a machine translation
    page = Client().get(f"/practices/{kb.practice.slug}/", HTTP_ACCEPT_LANGUAGE="et")
    assert f"[et] {kb.practice.title}" in page.content.decode()
    with translation.override("et"):  # the notice in the reader's (Estonian) words
        notice = gettext("Machine translation from %(language)s.").split("%(language)s")[0]
    assert notice.strip() and notice in page.content.decode()
    # the screen's form does the same
    client = kb.world.client("editor")
    assert client.get(f"/translations/practice/{kb.practice.pk}/").context["machine_form"]
    done = client.post(f"/translations/practice/{kb.practice.pk}/machine/", {"language": "fi"})
    assert done.status_code == 302
    assert ContentTranslation.objects.get(language="fi").title == f"[fi] {kb.practice.title}"


def test_a_machine_translation_never_replaces_a_persons(
    kb: KB, server: str, settings: Any, unchanged: Any
) -> None:
    settings.URBANFORUM_MACHINE_TRANSLATION_URL = server
    api(
        kb.world.client("editor"),
        "PUT",
        f"/api/v1/translations/practice/{kb.practice.pk}",
        {"language": "et", "title": "Inimese tõlge"},
    )
    response = unchanged(lambda: _machine(kb))
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "language"
    assert FakeLibreTranslate.calls == []  # the service was not even asked
    assert ContentTranslation.objects.get().title == "Inimese tõlge"


def test_a_failing_service_saves_nothing(
    kb: KB, server: str, settings: Any, unchanged: Any
) -> None:
    settings.URBANFORUM_MACHINE_TRANSLATION_URL = server
    FakeLibreTranslate.fail = True
    response = unchanged(lambda: _machine(kb))
    assert response.status_code == 503
    assert FakeLibreTranslate.calls  # it was asked
    # a service that is not there at all
    settings.URBANFORUM_MACHINE_TRANSLATION_URL = "http://127.0.0.1:9"
    assert unchanged(lambda: _machine(kb)).status_code == 503


def test_only_editors_may_ask_for_a_machine_translation(
    kb: KB, server: str, settings: Any, unchanged: Any
) -> None:
    settings.URBANFORUM_MACHINE_TRANSLATION_URL = server
    for role, status in (("anonymous", 401), ("other", 403), ("member", 403)):
        assert unchanged(lambda role=role: _machine(kb, role)).status_code == status, role
    assert FakeLibreTranslate.calls == []
