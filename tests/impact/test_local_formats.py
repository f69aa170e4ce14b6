"""A pilot's page in the reader's language: its budget in the site's one money format, and a
milestone's progress read as typed ("40,0") with an error that says what is wrong ("abc" is not
a number; it had said "at most 100")."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.test import Client

from tests.conftest import World
from urbanforum.impact import services
from urbanforum.impact.models import Milestone, Pilot
from urbanforum.impact.schemas import MilestoneInput

pytestmark = pytest.mark.django_db

NBSP = "\xa0"


def client_in(world: World, code: str) -> Client:
    editor = world.users["editor"]
    assert editor is not None
    editor.preferred_language = code
    editor.save(update_fields=["preferred_language"])
    client = Client()
    client.force_login(editor)
    return client


@pytest.mark.parametrize(
    ("code", "budget"),
    [
        ("fi", f"120{NBSP}000,00{NBSP}€"),
        ("et", f"120{NBSP}000,00{NBSP}€"),
        ("de", f"120.000,00{NBSP}€"),
        ("en", "€120,000.00"),
    ],
)
def test_the_budget_in_the_sites_money_format(
    world: World, pilot: Pilot, code: str, budget: str
) -> None:
    html = client_in(world, code).get(f"/impact/{pilot.slug}/").content.decode()
    assert budget in html
    assert "120000 EUR" not in html


@pytest.fixture
def milestone(world: World, pilot: Pilot) -> Milestone:
    return services.milestone_add(
        actor=world.users["editor"],
        pilot=pilot,
        data=MilestoneInput(title="Installed", due_date=date(2026, 6, 1), progress=10),
    )


@pytest.mark.parametrize(
    ("code", "typed", "expected"),
    [
        ("en", "abc", "Progress (%): “abc” is not a number."),
        ("en", "40,5", "Progress (%): “40,5” is not a whole number."),
        ("fi", "abc", "Edistyminen (%): ”abc” ei ole luku."),
    ],
)
def test_progress_errors_say_what_is_wrong(
    world: World, pilot: Pilot, milestone: Milestone, code: str, typed: str, expected: str
) -> None:
    response = client_in(world, code).post(
        f"/impact/{pilot.slug}/milestones/{milestone.pk}/", {"progress": typed}, follow=True
    )
    shown = re.sub(r"<[^>]+>", "", response.content.decode())
    assert expected in shown
    milestone.refresh_from_db()
    assert milestone.progress == 10


def test_progress_with_a_decimal_comma_that_is_whole(
    world: World, pilot: Pilot, milestone: Milestone
) -> None:
    client_in(world, "fi").post(
        f"/impact/{pilot.slug}/milestones/{milestone.pk}/", {"progress": "40,0"}
    )
    milestone.refresh_from_db()
    assert milestone.progress == 40
