"""A challenge has at most one process under way (QA finding 21): opening a second one is refused
(the API names the field `challenge`, the page links to the running process); once the process
is completed, a new one may be opened."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError

from tests.conftest import World, api
from tests.processes.conftest import ProcessWorld
from urbanforum.processes import services
from urbanforum.processes.models import Process

pytestmark = pytest.mark.django_db


def test_a_second_process_is_refused_naming_the_running_one(
    pworld: ProcessWorld, unchanged: Any
) -> None:
    editor = pworld.users["editor"]
    running = pworld.process
    with pytest.raises(ValidationError) as exc:
        unchanged(lambda: services.process_open(actor=editor, challenge=pworld.challenge))
    message = exc.value.message_dict["challenge"][0]
    assert running.title in message and f"/processes/{running.slug}/" in message
    response = api(
        pworld.client("coordinator"),
        "POST",
        "/api/v1/processes",
        {"challenge": pworld.challenge.slug},
    )
    assert response.status_code in (400, 422), response.content
    assert {e["field"] for e in response.json()["errors"]} == {"challenge"}
    assert Process.objects.filter(challenge=pworld.challenge).count() == 1


def test_the_page_links_to_the_running_process_and_refuses(pworld: ProcessWorld) -> None:
    client = pworld.client("editor")
    url = f"/processes/open/{pworld.challenge.slug}/"
    page = client.get(url).content.decode()
    assert 'data-testid="running-process"' in page
    assert f'href="/processes/{pworld.process.slug}/"' in page
    response = client.post(
        url, {"title": "Again", "visibility": "public", "blueprint": "five-steps"}
    )
    assert response.status_code == 200
    assert "Challenge: This challenge already has a process under way" in response.content.decode()
    assert not Process.objects.filter(title="Again").exists()


def test_a_completed_process_does_not_block_a_new_one(pworld: ProcessWorld, world: World) -> None:
    pworld.finish()
    page = pworld.client("editor").get(f"/processes/open/{pworld.challenge.slug}/")
    assert 'data-testid="running-process"' not in page.content.decode()
    second = services.process_open(actor=world.users["editor"], challenge=pworld.challenge)
    assert second.pk != pworld.process.pk
