"""No person's e-mail address reaches anyone who is not meant to have it (QA: the API twins of
pages that show names gave reviewers', task owners' and openers' addresses to anonymous callers).

On demo-like data (every app's demo content), every GET operation of the OpenAPI document is called
as anonymous, a citizen and a provider: operations without path parameters as they are, the others
with the slugs and ids the list operations returned (a path's parent list: `/review-rounds` for
`/review-rounds/{id}`). No answer may contain another person's address."""

from __future__ import annotations

import json
import logging
import re
from typing import Any

import pytest
from django.test import Client

from tests.site.demo_world import load_demo
from urbanforum.accounts.models import User
from urbanforum.api import api

pytestmark = pytest.mark.django_db
PARAM = re.compile(r"\{(\w+)\}")
CALLERS = {
    "anonymous": None,
    "citizen": "citizen@urbanforum.example",
    "provider": "provider@snowline.example",
}
# Operations whose answer is the caller's own record (their address is theirs to see).
OWN = {"/api/v1/me", "/api/v1/me/data"}


def items(body: Any) -> list[dict[str, Any]]:
    if isinstance(body, dict):
        body = body.get("items", body.get("results", []))
    return [i for i in body if isinstance(i, dict)] if isinstance(body, list) else []


def get_paths() -> list[str]:
    doc = api.get_openapi_schema(path_prefix="/api/v1/")
    return sorted(p for p, ops in doc["paths"].items() if "get" in ops)


def urls(client: Client, template: str, lists: dict[str, list[dict[str, Any]]]) -> list[str]:
    names = PARAM.findall(template)
    if not names:
        return [template]
    if len(names) > 1:
        return []
    parent = template[: template.index("{")].rstrip("/")
    if parent not in lists:
        response = client.get(parent)
        lists[parent] = items(response.json()) if response.status_code == 200 else []
    out = []
    for item in lists[parent][:3]:
        value = item.get(names[0], item.get("slug", item.get("id")))
        if value not in (None, ""):
            out.append(template.replace("{" + names[0] + "}", str(value)))
    return out


def test_no_api_answer_gives_another_persons_address() -> None:
    logging.getLogger("django.request").setLevel(logging.CRITICAL)
    load_demo()
    everyone = {e.lower() for e in User.objects.values_list("email", flat=True)}
    leaks, called = [], 0
    for caller, me in CALLERS.items():
        client = Client()
        if me:
            client.force_login(User.objects.get(email=me))
        addresses = everyone - {me}
        lists: dict[str, list[dict[str, Any]]] = {}
        for template in get_paths():
            for url in urls(client, template, lists):
                response = client.get(url)
                called += 1
                if response.status_code != 200 or url in OWN:
                    continue
                text = json.dumps(response.json()).lower()
                found = sorted(a for a in addresses if a in text)
                if found:
                    leaks.append(f"{caller} {url}: {', '.join(found)}")
    assert called > 3 * 80  # the walk reached the API, not only its lists
    assert leaks == [], "addresses given to callers:\n" + "\n".join(leaks)
