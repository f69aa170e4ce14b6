"""Errors name a field by its label in the reader's language, never by its English name
("Due on:", "Weight:", "Reviewer:"), and the messages themselves are translated."""

from __future__ import annotations

import importlib
import pkgutil
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import translation
from django.utils.translation import trans_real

import urbanforum
from tests.conftest import World
from tests.processes.conftest import build_process_world
from urbanforum.challenges.models import Challenge
from urbanforum.core.forms import error_messages
from urbanforum.core.labels import FIELD_LABELS
from urbanforum.core.schemas import Input, parse
from urbanforum.core.services import validate

LANGUAGES = ["fi", "et", "sv", "de", "pl", "lv", "lt", "da", "nb"]
SRC = Path(urbanforum.__file__).parent
# A service names the field of its refusal: field_error("owner", …), ValidationError({"file": …}).
NAMED = re.compile(r"(?:field_error\(|ValidationError\(\s*\{)\s*\"([a-z_]+)\"")


def _schemas() -> list[type[Input]]:
    for module in pkgutil.walk_packages(urbanforum.__path__, "urbanforum."):
        if module.name.rsplit(".", 1)[-1] == "schemas" or ".schemas." in module.name:
            importlib.import_module(module.name)
    found: list[type[Input]] = []
    todo = [Input]
    while todo:
        for sub in todo.pop().__subclasses__():
            if sub.__module__.startswith("urbanforum."):  # not a test's own schema
                found.append(sub)
            todo.append(sub)
    return found


def _input_names() -> set[str]:
    names = {name for schema in _schemas() for name in schema.model_fields}
    for path in SRC.rglob("*.py"):
        names.update(NAMED.findall(path.read_text(encoding="utf-8")))
    return names


def test_every_field_an_action_takes_or_a_service_names_has_a_label() -> None:
    names = _input_names()
    assert {"due_on", "owner", "weight", "bid_deadline", "direction", "file"} <= names
    assert sorted(names - set(FIELD_LABELS)) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_field_label_is_translated(language: str) -> None:
    catalog = trans_real.translation(language)._catalog
    with translation.override("en"):
        msgids = {name: str(label) for name, label in FIELD_LABELS.items()}
    untranslated = sorted(n for n, msgid in msgids.items() if msgid not in catalog)
    assert untranslated == []


@pytest.mark.parametrize(
    ("schema", "data", "english", "finnish"),
    [
        (
            "urbanforum.processes.schemas:TaskIn",
            {"title": "x", "due_on": "abc"},
            "Due on",
            "Määräpäivä",
        ),
        (
            "urbanforum.procurement.schemas:CriteriaInput",
            {"criteria": [{"name": "Price", "kind": "price", "weight": "abc"}]},
            "weight",
            "Painoarvo",
        ),
        (
            "urbanforum.impact.schemas:KpiInput",
            {"name": "x", "unit": "kWh", "baseline": 1, "target": 2, "direction": 5},
            "Direction",
            "Suunta",
        ),
        ("urbanforum.reviews.schemas:AssignInput", {"email": 5}, "Email", "Sähköpostiosoite"),
        ("urbanforum.community.schemas:GroupIn", {}, "Name", "Nimi"),
    ],
)
def test_schema_errors_of_several_apps_name_the_field_in_finnish(
    schema: str, data: dict[str, Any], english: str, finnish: str
) -> None:
    module, name = schema.split(":")
    with translation.override("fi"):
        with pytest.raises(ValidationError) as caught:
            parse(getattr(importlib.import_module(module), name), data)
        messages = error_messages(caught.value)
    assert any(m.startswith(finnish) or f": {finnish}" in m for m in messages), messages
    assert not any(m.startswith(f"{english}:") or f": {english}:" in m for m in messages), messages


def test_a_model_error_names_the_field_by_a_translated_label(world: World) -> None:
    challenge = Challenge(
        title="x", owner_city=world.city, owner_organisation=world.org, problem_statement="y"
    )
    challenge.budget_min_eur = Decimal("50000")
    challenge.budget_max_eur = Decimal("100")
    with translation.override("fi"):
        with pytest.raises(ValidationError) as caught:
            validate(challenge)
        text = " ".join(error_messages(caught.value))
    assert "Budjetin alaraja on suurempi kuin yläraja." in text


def _finnish_editor(world: World) -> Client:
    editor = world.users["editor"]
    assert editor is not None
    editor.preferred_language = "fi"
    editor.save()
    client = Client()
    client.force_login(editor)
    return client


def test_the_process_page_names_a_bad_task_date_in_finnish(world: World) -> None:
    process = build_process_world(world).process
    client = _finnish_editor(world)
    page = client.post(
        f"/processes/{process.slug}/tasks/",
        {"task-title": "Selvitä talvikunnossapito", "task-due_on": "ei päivä"},
        follow=True,
    ).content.decode()
    assert "Määräpäivä: " in page
    assert "Due on:" not in page and "Due:" not in page


@pytest.mark.parametrize(
    ("data", "english"),
    [
        ({"budget_min_eur": "50000", "budget_max_eur": "100"}, "The budget's lower bound"),
        ({"budget_min_eur": "9" * 30}, "is out of range"),
    ],
)
def test_challenge_budget_errors_are_translated(
    world: World, data: dict[str, str], english: str
) -> None:
    client = _finnish_editor(world)
    page = client.post(
        "/challenges/new/",
        {
            "title": "Talvipyöräily",
            "problem_statement": "Pyörätiet ovat lumen alla.",
            "language": "fi",
            "visibility": "public",
            **data,
        },
    ).content.decode()
    assert english not in page


def test_pydantic_and_range_messages_are_translated() -> None:
    from urbanforum.core.schemas import INT_MAX, check_number
    from urbanforum.procurement.schemas import DemandInput

    with translation.override("fi"):
        with pytest.raises(ValidationError) as caught:
            parse(DemandInput, {"item": "x", "quantity": "NaN", "budget": "1"})
        nan = " ".join(error_messages(caught.value))
        with pytest.raises(Exception) as too_big:
            check_number(INT_MAX + 1)
    assert nan.startswith("Määrä: ") and "Input should be" not in nan, nan
    assert "out of range" not in str(too_big.value)
    assert "sallitun välin ulkopuolella" in str(too_big.value)
