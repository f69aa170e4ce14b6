"""`urbanforum demo` content of processes and community: loads, is idempotent."""

from __future__ import annotations

import io
from typing import Any

from django.core.management.base import OutputWrapper
from django.core.management.color import no_style

from urbanforum.cities.models import City
from urbanforum.community import demo as community_demo
from urbanforum.community.models import Event, Mentorship, Registration, WorkingGroup
from urbanforum.processes import demo as processes_demo
from urbanforum.processes.models import Process
from urbanforum.site.demo_accounts import load_demo_organisations_and_accounts


def test_demo_loads_twice(db: Any) -> None:
    for code, name, country in [
        ("FI001C", "Helsinki", "FI"),
        ("EE001C", "Tallinn", "EE"),
        ("FI005C", "Espoo", "FI"),
        ("LV001C", "Riga", "LV"),
    ]:
        City.objects.create(
            name=name,
            slug=f"{name.lower()}-{country.lower()}",
            country=country,
            eurostat_code=code,
            population=100_000,
        )
    load_demo_organisations_and_accounts()
    out = OutputWrapper(io.StringIO())
    for _ in range(2):
        processes_demo.load(stdout=out, style=no_style())
        community_demo.load(stdout=out, style=no_style())
    process = Process.objects.get()
    assert process.active_phase is not None and process.active_phase.phase_type == "intervention"
    assert sorted(process.participants.values_list("role", flat=True)) == [
        "expert",
        "lead",
        "partner",
        "provider",
    ]
    assert (
        process.invitations.filter(accepted_at=None).count() == 2
    )  # Riga and Espoo have no demo account to accept
    assert WorkingGroup.objects.count() == 2
    forum = Event.objects.get(title="Baltic winter cycling forum day")
    assert (forum.capacity, Registration.objects.filter(event=forum).count()) == (5, 4)
    assert Mentorship.objects.get().status == "active"
    assert "exists" in out._out.getvalue()  # type: ignore[attr-defined]
