"""Issue 13, point 4: providers hear of a joint procurement call in their solutions' field when it is
published — once per call, as their preferences say, in their language and time zone — and the
notification opens the call's page."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.test import Client

from tests.conftest import World, make_user
from tests.processes.conftest import make_challenge
from tests.procurement.conftest import DEADLINE, Clock, Tender, build_tender
from urbanforum.accounts.models import Membership, Organisation, OrganisationKind, Role, User
from urbanforum.core.events import DomainEvent
from urbanforum.marketplace.models import PublicationStatus, Solution
from urbanforum.notifications.models import Notification
from urbanforum.notifications.services import deliver, preference_set
from urbanforum.procurement import services

pytestmark = pytest.mark.django_db
EVENT = "procurement.published"


def company(name: str, email: str, role: str = Role.EDITOR) -> Organisation:
    org = Organisation.objects.create(name=name, kind=OrganisationKind.COMPANY, country="FI")
    user = make_user(email)
    Membership.objects.create(user=user, organisation=org, role=role, verified_via="admin")
    return org


def offers(org: Organisation, domain: str, status: str = PublicationStatus.PUBLISHED) -> None:
    Solution.objects.create(
        title=f"{org.name} {domain} {status}",
        provider=org,
        description="x",
        domains=[domain],
        status=status,
    )


@pytest.fixture
def call(world: World, clock: Clock) -> Tender:
    """A call for the world's "mobility, climate" challenge, not yet published."""
    t = build_tender(world, clock, publish=False)
    t.procurement.challenge = make_challenge(world)
    t.procurement.save(update_fields=["challenge"])
    return t


def publish(world: World, t: Tender, capture: Any) -> list[Notification]:
    with capture(execute=True):
        services.procurement_publish(actor=world.users["editor"], procurement=t.procurement)
    return list(Notification.objects.filter(event_type=EVENT).select_related("recipient"))


def test_the_providers_in_the_calls_field_are_told_once(
    world: World, call: Tender, django_capture_on_commit_callbacks: Any
) -> None:
    matching = company("Route Sensors Oy", "sales@routes.example")
    offers(matching, "mobility")
    offers(matching, "climate")  # two matching solutions: still one notification
    Membership.objects.create(  # a plain member does not bid: not told
        user=make_user("intern@routes.example"),
        organisation=matching,
        role=Role.MEMBER,
        verified_via="admin",
    )
    offers(company("Draft Mobility Oy", "draft@draft.example"), "mobility", PublicationStatus.DRAFT)
    offers(company("Water Works Oy", "water@water.example"), "water")
    notes = publish(world, call, django_capture_on_commit_callbacks)
    assert [n.recipient.email for n in notes] == ["sales@routes.example"]
    assert notes[0].url == f"/procurement/{call.procurement.reference}/"
    # the same event again (a retry) tells nobody twice
    deliver(DomainEvent(EVENT, world.users["editor"].pk, {"procurement_id": call.procurement.pk}))
    assert Notification.objects.filter(event_type=EVENT).count() == 1


def test_a_call_without_domains_tells_nobody(
    world: World, clock: Clock, django_capture_on_commit_callbacks: Any
) -> None:
    offers(company("Route Sensors Oy", "sales@routes.example"), "mobility")
    t = build_tender(world, clock, publish=False)  # answers no challenge: no field to match
    assert publish(world, t, django_capture_on_commit_callbacks) == []


def test_the_notification_opens_the_calls_page(
    world: World, call: Tender, django_capture_on_commit_callbacks: Any
) -> None:
    offers(company("Route Sensors Oy", "sales@routes.example"), "mobility")
    (note,) = publish(world, call, django_capture_on_commit_callbacks)
    client = Client()
    client.force_login(note.recipient)
    response = client.get(note.url)
    assert response.status_code == 200
    assert call.procurement.title in response.content.decode()


def test_preferences_and_digests_are_respected(
    world: World, call: Tender, django_capture_on_commit_callbacks: Any
) -> None:
    offers(company("Route Sensors Oy", "sales@routes.example"), "mobility")
    offers(company("Quiet Oy", "quiet@quiet.example"), "mobility")
    quiet = User.objects.get(email="quiet@quiet.example")
    preference_set(actor=quiet, event_type=EVENT, channel="in_app", frequency="off")
    preference_set(actor=quiet, event_type=EVENT, channel="email", frequency="off")
    (note,) = publish(world, call, django_capture_on_commit_callbacks)
    assert note.recipient.email == "sales@routes.example"
    assert note.email_frequency == "daily"  # in the daily digest unless they choose otherwise


def test_in_the_recipients_language_and_time_zone(
    world: World, call: Tender, django_capture_on_commit_callbacks: Any
) -> None:
    offers(company("Route Sensors Oy", "sales@routes.example"), "mobility")
    reader = User.objects.get(email="sales@routes.example")
    reader.preferred_language, reader.time_zone = "fi", "Europe/Helsinki"
    reader.save(update_fields=["preferred_language", "time_zone"])
    (note,) = publish(world, call, django_capture_on_commit_callbacks)
    local = DEADLINE.astimezone(ZoneInfo("Europe/Helsinki"))
    # Finnish date and time ("20.1.2027 klo 12.00"), the zone named
    assert (
        f"{local.day}.{local.month}.{local.year} klo {local.hour}.{local:%M} (Europe/Helsinki)"
        in (note.text)
    )
    assert "in your solutions' field" not in note.text  # written in Finnish
