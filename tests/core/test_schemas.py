"""core.schemas and core.forms.SchemaForm: one input per action, for the form and the API."""

from __future__ import annotations

from typing import Any

import pytest
from django import forms
from django.core.exceptions import ValidationError
from pydantic import field_validator

from tests.conftest import World, api
from urbanforum.core.forms import SchemaForm
from urbanforum.core.schemas import Input, parse


class EventInput(Input):
    title: str
    seats: int = 10
    note: str | None = None

    @field_validator("seats")
    @classmethod
    def _positive(cls, value: int) -> int:
        if value < 1:
            raise ValueError("An event has at least one seat.")
        return value


class EventForm(SchemaForm):
    schema = EventInput

    title = forms.CharField(max_length=20)
    seats = forms.IntegerField(required=False)
    confirm = forms.BooleanField(required=False)  # a form-only field the schema does not know

    def schema_data(self, cleaned: dict[str, Any]) -> dict[str, Any]:
        data = super().schema_data(cleaned)
        if data.get("seats") is None:
            data.pop("seats", None)
        return data


def test_text_is_stripped_and_given_lists_only_what_the_caller_set() -> None:
    event = EventInput(title="  Winter cycling  ", note=None)
    assert event.title == "Winter cycling"
    assert event.given() == {"title": "Winter cycling", "note": None}
    assert "seats" not in event.given()  # the default is not a change


def test_parse_refuses_unknown_fields_and_names_each_field() -> None:
    with pytest.raises(ValidationError) as exc:
        parse(EventInput, {"title": "x", "seats": 0, "colour": "red"})
    assert exc.value.message_dict == {
        "seats": ["An event has at least one seat."],  # no pydantic "Value error, " prefix
        "colour": ["Extra inputs are not permitted"],
    }
    with pytest.raises(ValidationError) as exc:
        parse(EventInput, {})
    assert list(exc.value.message_dict) == ["title"]
    assert parse(EventInput, {"title": "ok"}) == EventInput(title="ok")


def test_the_schemas_error_lands_on_the_forms_field() -> None:
    form = EventForm({"title": "Ride", "seats": "0"})
    assert not form.is_valid()
    assert form.errors == {"seats": ["An event has at least one seat."]}
    assert form.validated is None


def test_the_forms_own_errors_come_first_and_the_schema_waits() -> None:
    form = EventForm({"title": "x" * 30, "seats": "0"})
    assert not form.is_valid()
    assert list(form.errors) == ["title"]  # the schema saw nothing half-parsed


def test_a_valid_form_hands_the_schema_instance_to_the_service() -> None:
    form = EventForm({"title": " Ride ", "confirm": "on"})
    assert form.is_valid(), form.errors
    assert form.validated == EventInput(title="Ride")  # form-only fields stay in the form


def test_a_schema_error_about_no_field_of_the_form_is_a_form_error() -> None:
    class NoteOnly(SchemaForm):
        schema = EventInput
        note = forms.CharField()

    form = NoteOnly({"note": "hello"})
    assert not form.is_valid()
    # `title` has no field here: the error on top names it by its readable name (issue 13).
    assert form.non_field_errors() == ["Title: Field required"]


def test_the_api_and_the_form_say_the_same_thing(world: World, unchanged: Any) -> None:
    """An action's schema answers the API with the same field and message as the form."""
    payload = {"name": "Green Streets", "kind": "ngo", "country": "XX"}
    response = unchanged(
        lambda: api(world.client("member"), "POST", "/api/v1/organisations", payload)
    )
    assert response.status_code == 422
    message = "'XX' is not an ISO 3166-1 alpha-2 country code."
    assert response.json() == {
        "detail": f"country: {message}",
        "errors": [{"field": "country", "message": message}],
    }
    page = unchanged(lambda: world.client("member").post("/organisations/new/", payload))
    assert page.status_code == 200 and page.context["form"].errors == {"country": [message]}
    unknown = unchanged(
        lambda: api(
            world.client("member"),
            "POST",
            "/api/v1/organisations",
            {"name": "Green Streets", "kind": "ngo", "colour": "green"},
        )
    )
    assert unknown.status_code == 422
    assert unknown.json()["errors"] == [
        {"field": "colour", "message": "Extra inputs are not permitted"}
    ]
