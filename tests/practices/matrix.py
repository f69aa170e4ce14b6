"""The permission-matrix runner shared by the knowledge-base apps (same pattern as
tests/accounts/test_permission_matrix.py): one request per role, exact status, and nothing changed
on a refusal."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from tests.conftest import ROLES, api
from tests.practices.kb import KB

ALL_200 = dict.fromkeys(ROLES, 200)
LOGIN = 302


@dataclass
class Case:
    name: str
    method: str
    url: str  # formatted with the KB's objects: {kb.public.slug}
    expected: dict[str, int]
    data: dict[str, Any] | Callable[[KB], dict[str, Any]] | None = None
    json: bool = False
    setup: Callable[[KB], dict[str, Any] | None] | None = None  # returns extra URL values
    # Statuses that are refusals although they are not 401/403 (404 hides private objects; a
    # 200 re-rendered form or 422 reports a validation error): nothing may change for them either.
    refusals: set[int] = field(default_factory=lambda: {401, 403, 404, 422})

    def __str__(self) -> str:
        return self.name


def run_case(case: Case, role: str, kb: KB, unchanged: Any) -> Any:
    extra = (case.setup(kb) if case.setup is not None else None) or {}
    url = case.url.format(kb=kb, **extra)
    client = kb.world.client(role)
    expected = case.expected[role]
    data = case.data(kb) if callable(case.data) else case.data

    def call() -> Any:
        if case.json:
            return api(client, case.method, url, data)
        if case.method == "GET":
            return client.get(url)
        return client.post(url, data or {})

    refused = expected in case.refusals or (expected == LOGIN and role == "anonymous")
    if refused and case.method != "GET":
        response = unchanged(call)
    else:
        response = call()
    assert response.status_code == expected, (
        case.name,
        role,
        response.status_code,
        response.content[:300],
    )
    if role == "anonymous" and expected == LOGIN and not case.json:
        assert response["Location"].startswith("/accounts/login/")
    if case.json and expected in (401, 403, 404, 422):
        body = response.json()
        assert body["detail"] and "errors" in body
    return response


def check_htmx_list(client: Any, url: str, marker: str) -> None:
    """A list page answers htmx with its results fragment — but htmx restoring its history (the
    user pressed Back) gets the whole page — and every answer varies on HX-Request, so no cache
    serves one for the other. `marker` is a text of the results (in both)."""
    page = client.get(url)
    fragment = client.get(url, headers={"HX-Request": "true"})
    restored = client.get(url, headers={"HX-Request": "true", "HX-History-Restore-Request": "true"})
    for response in (page, fragment, restored):
        assert response.status_code == 200
        assert "HX-Request" in response["Vary"]
        assert marker in response.content.decode()
    assert "<html" in page.content.decode()
    assert "<html" not in fragment.content.decode()
    assert "<html" in restored.content.decode()
