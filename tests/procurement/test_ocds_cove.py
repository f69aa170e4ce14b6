"""lib-cove-ocds (offline) on the authored examples and on our export: no schema errors, no unknown
fields, no codes outside the codelists."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.conftest import World, data_unavailable
from tests.procurement.conftest import Clock, Tender
from tests.procurement.cove import cove
from tests.procurement.test_ocds import _full_cycle
from urbanforum.procurement import ocds

pytestmark = pytest.mark.django_db


def _folder() -> Any:
    folder = ocds.schema_folder()
    if folder is None:
        data_unavailable("the OCDS schema (ocds/ in the reference data)")
    return folder


def _clean(result: dict[str, Any]) -> None:
    assert result["validation_errors"] == []
    assert not result.get("all_additional_fields")
    assert result["additional_closed_codelist_values"] == {}
    assert result["additional_open_codelist_values"] == {}
    assert result["extensions"]["invalid_extensions"] == []
    assert all(not e["failed_codelists"] for e in result["extensions"]["extensions"])


def test_cove_on_the_authored_examples() -> None:
    folder = _folder()
    good = json.loads(
        (folder / "examples-authored/joint-procurement-release-package.json").read_text()
    )
    result, refused = cove(good, folder)
    assert refused == []
    _clean(result)
    bad = json.loads(
        (folder / "examples-authored/joint-procurement-release-package.INVALID.json").read_text()
    )
    result, _ = cove(bad, folder)
    assert len(result["validation_errors"]) == 2  # the string amount and the lot without an id
    assert set(result["additional_closed_codelist_values"]) == {
        "releases/tender/techniques/frameworkAgreement/method",
        "releases/bids/details/status",
    }
    assert (
        "cityTwin" in result["additional_open_codelist_values"]["releases/parties/roles"]["values"]
    )


def test_cove_on_our_export(tender: Tender, world: World, clock: Clock) -> None:
    folder = _folder()
    _full_cycle(tender, world, clock)
    result, refused = cove(ocds.build_package([tender.procurement]), folder)
    assert refused == []
    _clean(result)


@pytest.mark.parametrize("state", ["draft", "after the deadline"])
def test_cove_on_draft_and_sealed_states(state: str, world: World, clock: Clock) -> None:
    from tests.procurement.conftest import build_tender, sealed_bid

    folder = _folder()
    t = build_tender(world, clock, publish=state != "draft")
    if state == "draft":
        result, _ = cove(ocds.build_package([t.procurement]), folder)
        _clean(result)
        return
    sealed_bid(t)
    clock.after_deadline()
    result, _ = cove(ocds.build_package([t.procurement]), folder)
    _clean(result)
