"""The procurement pages in the reader's language and time zone: amounts in one money format
("1 000 000,00 €", not "1,000,000,00"), times in the reader's zone, named, not UTC; and the
demand and criteria forms read what a reader types in their language ("12,5", "1 234,50") and
say what is wrong with the rest, naming the field as the form does."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.test import Client

from tests.conftest import World
from tests.procurement.conftest import Clock, Tender, build_tender
from urbanforum.accounts.models import User
from urbanforum.procurement import services
from urbanforum.procurement.models import AwardCriterion, Demand

pytestmark = pytest.mark.django_db

NBSP = "\xa0"
# The lot's demand: 500 000 + 250 000 + 250 000 euros; the bid deadline 31 March 2026 09:00 UTC.
CASES = {
    "fi": ("Europe/Helsinki", f"1{NBSP}000{NBSP}000,00{NBSP}€", "31.3.2026 klo 12.00"),
    "et": ("Europe/Tallinn", f"1{NBSP}000{NBSP}000,00{NBSP}€", "31.03.2026 12:00"),
    "de": ("Europe/Berlin", f"1.000.000,00{NBSP}€", "31.03.2026 11:00"),
    "en": ("Europe/London", "€1,000,000.00", "31 Mar 2026, 10:00"),
}


def reader(user: User, language: str, zone: str) -> Client:
    user.preferred_language, user.time_zone = language, zone
    user.save(update_fields=["preferred_language", "time_zone"])
    client = Client()
    client.force_login(user)
    return client


def text(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


@pytest.mark.parametrize("code", sorted(CASES))
def test_amounts_and_times_in_the_readers_language_and_zone(
    world: World, tender: Tender, code: str
) -> None:
    zone, total, deadline = CASES[code]
    editor = world.users["editor"]
    assert editor is not None
    html = reader(editor, code, zone).get(f"/procurement/{tender.procurement.reference}/")
    page = html.content.decode()
    lot_total = re.search(r'data-testid="lot-total-1">([^<]*)<', page)
    assert lot_total is not None and lot_total.group(1) == total
    assert "1,000,000,00" not in page
    shown = text(page)
    assert deadline in shown  # the bid deadline, in the reader's zone
    assert f"{deadline} ({zone})" in shown  # the sealed-bid note names the zone
    assert "UTC" not in shown
    assert 'datetime="2026-03-31T09:00:00+00:00"' in page  # machine-readable: ISO

    listing = text(reader(editor, code, zone).get("/procurement/").content.decode())
    assert f"{deadline} ({zone})" in listing and "UTC" not in listing


def test_the_demand_form_reads_a_decimal_comma_and_grouped_digits(
    world: World, clock: Clock
) -> None:
    t = build_tender(world, clock, publish=False, with_tallinn=False)
    other = world.users["other"]
    assert other is not None
    services.procurement_join(actor=other, procurement=t.procurement, organisation=world.other_org)
    client = reader(other, "et", "Europe/Tallinn")
    response = client.post(
        f"/procurement/{t.procurement.reference}/demand/",
        {
            "organisation": world.other_org.pk,
            "lot": t.lot.pk,
            "item": "Kontroller",
            "quantity": "12,5",
            "unit": "tk",
            "budget": f"1 234{NBSP}567,50",
        },
        follow=True,
    )
    assert response.status_code == 200
    d = Demand.objects.get(item="Kontroller")
    assert (d.quantity, d.budget) == (Decimal("12.5"), Decimal("1234567.50"))


@pytest.mark.parametrize(
    ("code", "quantity", "budget", "expected"),
    [
        ("en", "abc", "100", "Quantity: “abc” is not a number."),
        ("en", "0", "100", "Quantity: The quantity must be more than zero."),
        ("en", "5", "12,5,0", "Budget (EUR): “12,5,0” is not a number."),
        ("fi", "abc", "100", "Määrä: ”abc” ei ole luku."),
    ],
)
def test_demand_errors_say_what_is_wrong_naming_the_field(
    world: World, clock: Clock, code: str, quantity: str, budget: str, expected: str
) -> None:
    t = build_tender(world, clock, publish=False)
    editor = world.users["editor"]
    assert editor is not None
    before = Demand.objects.count()
    response = reader(editor, code, "Europe/Helsinki").post(
        f"/procurement/{t.procurement.reference}/demand/",
        {
            "organisation": world.org.pk,
            "lot": t.lot.pk,
            "item": "Extra",
            "quantity": quantity,
            "budget": budget,
        },
        follow=True,
    )
    assert expected in text(response.content.decode())
    assert Demand.objects.count() == before


@pytest.mark.parametrize(
    ("code", "weight", "expected"),
    [
        ("en", "40,5", "Criterion 3: Weight (%): “40,5” is not a whole number."),
        ("en", "abc", "Criterion 3: Weight (%): “abc” is not a number."),
        ("fi", "abc", "Peruste 3: Painoarvo (%): ”abc” ei ole luku."),
    ],
)
def test_criteria_errors_name_the_criterion_by_the_forms_number(
    world: World, clock: Clock, code: str, weight: str, expected: str
) -> None:
    t = build_tender(world, clock, publish=False)
    editor = world.users["editor"]
    assert editor is not None
    # The second row left empty: the third row is still "Criterion 3", as the form shows it.
    response = reader(editor, code, "Europe/Helsinki").post(
        f"/procurement/{t.procurement.reference}/criteria/",
        {
            "name_0": "Price",
            "kind_0": "price",
            "weight_0": "60",
            "name_1": "",
            "weight_1": "",
            "name_2": "Quality",
            "kind_2": "quality",
            "weight_2": weight,
        },
        follow=True,
    )
    shown = text(response.content.decode())
    assert expected in shown
    assert "at least 1" not in shown
    assert sorted(AwardCriterion.objects.values_list("weight", flat=True)) == [40, 60]


def test_a_weight_with_a_decimal_comma_that_is_whole_is_taken(world: World, clock: Clock) -> None:
    t = build_tender(world, clock, publish=False)
    editor = world.users["editor"]
    assert editor is not None
    reader(editor, "fi", "Europe/Helsinki").post(
        f"/procurement/{t.procurement.reference}/criteria/",
        {
            "name_0": "Hinta",
            "kind_0": "price",
            "weight_0": "70,0",
            "name_1": "Laatu",
            "kind_1": "quality",
            "weight_1": " 30 ",
        },
    )
    assert sorted(AwardCriterion.objects.values_list("weight", flat=True)) == [30, 70]
