"""A review round of a process links back to its process — for a reader who may see the process
(a reviewer from outside a members-only process sees the round, not a link to a page closed to them)."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.conftest import World, make_user
from tests.processes.conftest import build_process_world
from urbanforum.processes.models import ProcessVisibility
from urbanforum.reviews import services as review_services

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("visibility", "links_for_the_expert"),
    [(ProcessVisibility.PUBLIC, True), (ProcessVisibility.MEMBERS, False)],
)
def test_round_page_links_its_process(
    world: World, visibility: str, links_for_the_expert: bool
) -> None:
    pw = build_process_world(world, visibility=visibility)
    pw.advance_to("evaluation")
    r = review_services.round_create(actor=world.users["editor"], process=pw.process, title="R")
    expert = make_user("outside@experts.example", is_expert=True)  # no participant of the process
    review_services.reviewer_assign(
        actor=world.users["editor"], round=r, reviewer=expert, kind="expert"
    )
    link = f'href="/processes/{pw.process.slug}/"'
    editor_page = pw.client("editor").get(f"/reviews/{r.pk}/")
    assert editor_page.status_code == 200 and link in editor_page.content.decode()
    client = Client()
    client.force_login(expert)
    expert_page = client.get(f"/reviews/{r.pk}/")
    assert expert_page.status_code == 200
    assert (link in expert_page.content.decode()) is links_for_the_expert
    if links_for_the_expert:
        assert client.get(f"/processes/{pw.process.slug}/").status_code == 200
