"""The OpenAPI document describes every response truly: one component per schema class, every
error status the plumbing can answer declared with the error body, and no path parameter that
a static sibling path shadows (docs/api-robustness.md)."""

from __future__ import annotations

import typing
from decimal import Decimal
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from urbanforum.api import api
from urbanforum.core.api import COMMON_ERRORS, shadowed_values
from urbanforum.core.models import RESERVED_SLUGS
from urbanforum.core.schemas import Input

DOCUMENT = api.get_openapi_schema(path_prefix="/api/v1/")


def _models_of(annotation: Any, found: set[type[BaseModel]]) -> None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if annotation not in found:
            found.add(annotation)
            for field in annotation.model_fields.values():
                _models_of(field.annotation, found)
        return
    for arg in typing.get_args(annotation):
        _models_of(arg, found)


def api_models() -> set[type[BaseModel]]:
    """Every schema class the API's operations take or answer with, nested ones included."""
    found: set[type[BaseModel]] = set()
    for _prefix, router in api._routers:
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                for model in (operation.response_models or {}).values():
                    _models_of(model, found)
                for model in operation.models:
                    _models_of(model, found)
    return found


def test_no_two_schema_classes_share_a_component_name() -> None:
    """django-ninja names a component after its class: two classes of one name (two `ImportOut`
    once) become one component, and one operation's document describes the other's answer."""
    names: dict[str, set[str]] = {}
    for model in api_models():
        if model.__module__.startswith("urbanforum."):
            title = model.model_config.get("title") or model.__name__
            names.setdefault(title, set()).add(f"{model.__module__}.{model.__qualname__}")
    collisions = {name: sorted(paths) for name, paths in names.items() if len(paths) > 1}
    assert collisions == {}
    assert len(names) > 100  # the walk does find the API's schemas


def test_each_component_is_the_schema_of_its_class() -> None:
    components = DOCUMENT["components"]["schemas"]
    for model in api_models():
        if model.__module__.startswith("urbanforum.") and model.__name__ in components:
            own = model.model_json_schema(ref_template="#/components/schemas/{model}")
            own.pop("$defs", None)
            assert sorted(components[model.__name__].get("properties", {})) == sorted(
                own.get("properties", {})
            ), model


def test_every_operation_declares_the_common_errors_with_the_error_body() -> None:
    assert "ErrorBody" in DOCUMENT["components"]["schemas"]
    for path, operations in DOCUMENT["paths"].items():
        for method, operation in operations.items():
            responses = operation["responses"]
            for status in COMMON_ERRORS:
                declared = responses.get(str(status))
                assert declared is not None, (method, path, status)
                assert declared["content"]["application/json"]["schema"] == {
                    "$ref": "#/components/schemas/ErrorBody"
                }
            assert "Retry-After" in responses["503"]["headers"]
            if method != "get":
                assert "413" in responses and "403" in responses, (method, path)
            if "{" in path:
                assert "404" in responses, (method, path)


def test_public_reads_do_not_claim_403_but_private_ones_do() -> None:
    assert "403" not in DOCUMENT["paths"]["/api/v1/health"]["get"]["responses"]
    assert "403" in DOCUMENT["paths"]["/api/v1/audit"]["get"]["responses"]


def test_shadowed_path_values_are_declared_and_never_given_as_slugs() -> None:
    shadowed = shadowed_values(DOCUMENT["paths"])
    assert ("/api/v1/procurements/{ref}", "ref") in shadowed
    for (path, name), literals in shadowed.items():
        assert literals <= RESERVED_SLUGS, (path, literals)
        for operation in DOCUMENT["paths"][path].values():
            (parameter,) = [p for p in operation["parameters"] if p["name"] == name]
            assert set(parameter["schema"]["not"]["enum"]) == literals


@pytest.mark.django_db
def test_unique_slug_never_gives_a_reserved_slug(world: Any) -> None:
    from urbanforum.core.models import unique_slug
    from urbanforum.procurement.models import JointProcurement

    assert unique_slug(JointProcurement(), "OCDS", field="reference") == "ocds-2"
    assert unique_slug(JointProcurement(), "Import", field="reference") == "import-2"


# ----------------------------------------------------------------------------- every Input
def _inputs() -> list[type[Input]]:
    seen: list[type[Input]] = []
    todo = list(Input.__subclasses__())
    while todo:
        cls = todo.pop()
        if cls not in seen:
            seen.append(cls)
            todo.extend(cls.__subclasses__())
    return seen


def _kind(annotation: Any) -> type | None:
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    base = typing.get_origin(annotation)
    if base is typing.Annotated:
        return _kind(args[0])
    if args and base in (typing.Union, type(int | None)):
        return _kind(args[0]) if len(args) == 1 else None
    return annotation if annotation in (int, float, Decimal, str) else None


def test_every_input_refuses_non_finite_numbers_and_nul_in_text() -> None:
    """Every schema a form or an API body validates through (core.schemas.Input), every numeric
    and text field: NaN, ±Infinity, 1e400 and 2^63 are refused, so is a NUL character."""
    checked = 0
    for cls in _inputs():
        for name, field in cls.model_fields.items():
            kind = _kind(field.annotation)
            bad: list[Any] = []
            if kind in (float, Decimal):
                bad = [float("nan"), float("inf"), float("-inf"), "1e400", "NaN"]
            elif kind is int:
                bad = [2**63, -(2**63)]
            elif kind is str:
                bad = ["a\x00b"]
            for value in bad:
                with pytest.raises(ValidationError) as caught:
                    cls.model_validate({name: value})
                fields = {".".join(str(p) for p in e["loc"]) for e in caught.value.errors()}
                assert name in fields, (cls, name, value)
                checked += 1
    assert checked > 200


def test_no_object_of_the_document_repeats_a_key() -> None:
    """An int 401 and a str "401" are two keys of a Python dict but one name in JSON: Swagger UI
    refused the document ("duplicated mapping key")."""
    import json

    repeated: list[str] = []

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        keys = [k for k, _v in items]
        repeated.extend(k for k in set(keys) if keys.count(k) > 1)
        return dict(items)

    json.loads(json.dumps(DOCUMENT), object_pairs_hook=pairs)
    assert repeated == []
