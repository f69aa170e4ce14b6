"""The active-phase rule (pure), the registry, and process services: errors name the field, events
are emitted on commit, the timeline tells what happened."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.processes.conftest import ProcessWorld
from urbanforum.accounts.models import Organisation, OrganisationKind
from urbanforum.core import events
from urbanforum.processes import registry, services
from urbanforum.processes.phases import ACTIVE, COMPLETED, UPCOMING, compute_phase_state

NOW = datetime(2026, 5, 1, 12, tzinfo=UTC)


@dataclass
class P:
    order: int
    completed_at: datetime | None = None
    ends_on: date | None = None


def test_active_phase_is_the_first_not_completed() -> None:
    phases = [P(2), P(0, NOW), P(1, None, date(2026, 4, 30))]
    state = compute_phase_state(phases, now=NOW)
    assert state.index == 1
    assert state.states == (COMPLETED, ACTIVE, UPCOMING)
    assert state.overdue is True


def test_no_active_phase_when_all_completed_or_closed() -> None:
    assert compute_phase_state([P(0, NOW), P(1, NOW)], now=NOW).index is None
    closed = compute_phase_state([P(0), P(1)], now=NOW, closed=True)
    assert closed.index is None and closed.states == (UPCOMING, UPCOMING)


def test_dates_never_move_a_phase_on() -> None:
    state = compute_phase_state([P(0, None, date(2020, 1, 1)), P(1)], now=NOW)
    assert state.index == 0 and state.overdue


def _restore(previous: registry.PhaseFeature | None) -> None:
    """Put back the feature an app registered (other apps plug real features into the phases)."""
    registry.unregister_feature(phase_type="action", feature="procurement")
    if previous is not None:
        registry.register_feature(
            phase_type=previous.phase_type,
            feature=previous.feature,
            label=previous.label,
            url_name=previous.url_name,
            description=previous.description,
        )


def test_registry_extension_point() -> None:
    previous = {f.feature: f for f in registry.features_for("action")}.get("procurement")
    feature = registry.register_feature(
        phase_type="action",
        feature="procurement",
        label="Joint procurement",
        url_name="processes:timeline",
    )
    try:
        assert feature in registry.features_for("action")
        assert registry.features_for("starting") == []
        with pytest.raises(ValueError, match="unknown phase type"):
            registry.register_feature(phase_type="nope", feature="x", label="x", url_name="x")
    finally:
        _restore(previous)


def test_feature_links_show_on_the_action_phase(pworld: ProcessWorld) -> None:
    # The procurement app registers the real feature; replace it for this test and restore it after.
    previous = {f.feature: f for f in registry.features_for("action")}.get("procurement")
    registry.register_feature(
        phase_type="action",
        feature="procurement",
        label="Joint procurement",
        url_name="processes:timeline",
    )
    try:
        pworld.advance_to("action")
        html = pworld.client("editor").get(f"/processes/{pworld.process.slug}/").content.decode()
        assert f'href="/processes/{pworld.process.slug}/timeline/">Joint procurement' in html
        body = pworld.client("editor").get(f"/api/v1/processes/{pworld.process.slug}").json()
        features = [f for f in body["phases"][2]["features"] if f["feature"] == "procurement"]
        assert features == [
            {
                "feature": "procurement",
                "label": "Joint procurement",
                "url_name": "processes:timeline",
            }
        ]
    finally:
        _restore(previous)


def test_a_custom_blueprint(world: Any) -> None:
    from tests.processes.conftest import make_challenge

    registry.register_blueprint(
        "sprint",
        label="Two-step sprint",
        phases=[
            registry.BlueprintPhase("starting", 7, ("Kick-off held",)),
            registry.BlueprintPhase("evaluation", 7),
        ],
    )
    process = services.process_open(
        actor=world.users["editor"],
        challenge=make_challenge(world),
        blueprint="sprint",
        starts_on=date(2026, 1, 5),
    )
    phases = list(process.phases.order_by("order"))
    assert [(p.phase_type, p.starts_on, p.ends_on) for p in phases] == [
        ("starting", date(2026, 1, 5), date(2026, 1, 11)),
        ("evaluation", date(2026, 1, 12), date(2026, 1, 18)),
    ]
    assert [c.label for c in phases[0].checklist.all()] == ["Kick-off held"]
    with pytest.raises(ValidationError) as exc:
        services.process_open(
            actor=world.users["editor"],
            challenge=make_challenge(world, title="B"),
            blueprint="nope",
        )
    assert "blueprint" in exc.value.message_dict


def test_invitations_name_the_field(pworld: ProcessWorld) -> None:
    editor = pworld.users["editor"]
    company = Organisation.objects.create(name="ACME", kind=OrganisationKind.COMPANY)
    with pytest.raises(ValidationError) as exc:
        services.process_invite(actor=editor, process=pworld.process, organisation=company)  # type: ignore[arg-type]
    assert "organisation" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.process_invite(
            actor=editor, process=pworld.process, organisation=pworld.world.other_org
        )  # type: ignore[arg-type]
    assert "already takes part" in exc.value.message_dict["organisation"][0]


def test_deliverable_needs_a_file_or_link_and_stores_the_file(
    pworld: ProcessWorld, settings: Any, tmp_path: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path
    editor = pworld.users["editor"]
    with pytest.raises(ValidationError) as exc:
        services.deliverable_add(actor=editor, process=pworld.process, title="Empty")  # type: ignore[arg-type]
    assert "file" in exc.value.message_dict
    upload = SimpleUploadedFile(
        "benchmark.csv", b"city,score\nHelsinki,71\n", content_type="text/csv"
    )
    d = services.deliverable_add(
        actor=editor, process=pworld.process, title="Benchmark", file=upload
    )  # type: ignore[arg-type]
    assert d.file.name.startswith(f"processes/{pworld.process.pk}/benchmark")
    response = pworld.client("partner").get(f"/processes/deliverables/{d.pk}/download/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"city,score\nHelsinki,71\n"  # type: ignore[attr-defined]
    assert (
        pworld.client("anonymous").get(f"/processes/deliverables/{d.pk}/download/").status_code
        == 302
    )


@pytest.mark.django_db(transaction=True)
def test_events_are_emitted_on_commit_and_timeline_tells_the_story(world: Any) -> None:
    from tests.processes.conftest import build_process_world

    seen: list[events.DomainEvent] = []
    events.subscribe("*", seen.append)
    try:
        pworld = build_process_world(world)
        editor = pworld.users["editor"]
        riga = Organisation.objects.get(name="Riga")
        invitation = services.process_invite(
            actor=editor, process=pworld.process, organisation=riga
        )  # type: ignore[arg-type]
        services.process_invitation_respond(actor=pworld.users["other"], invitation=invitation)  # type: ignore[arg-type]
        task = services.task_create(
            actor=editor,
            process=pworld.process,
            title="Collect contracts",
            owner=pworld.users["other"],
        )  # type: ignore[arg-type]
        services.task_set_done(actor=pworld.users["other"], task=task)  # type: ignore[arg-type]
    finally:
        events._subscribers["*"].remove(seen.append)
    names = [e.name for e in seen]
    assert names == [
        "process.opened",
        "challenge.status_changed",  # the challenge follows its process: in process
        "process.invitation_created",
        "process.joined",
        "process.task_assigned",
        "process.task_done",
    ]
    timeline = (
        pworld.client("editor").get(f"/api/v1/processes/{pworld.process.slug}/timeline").json()
    )
    texts = [item["text"] for item in timeline["items"]]
    assert texts[0] == "completed the task “Collect contracts”"
    assert "Riga joined as Partner city" in texts
    assert texts[-1].startswith(
        "opened the process from the challenge “Winter cycling maintenance”"
    )


def test_cities_sharing_the_challenge_are_offered_first(pworld: ProcessWorld) -> None:
    from urbanforum.challenges.models import ChallengeCity
    from urbanforum.cities.models import City

    riga = Organisation.objects.get(name="Riga")
    city = City.objects.create(name="Riga", slug="riga-lv", country="LV", administration=riga)
    Organisation.objects.create(name="Aarhus", kind=OrganisationKind.CITY_ADMINISTRATION)
    ChallengeCity.objects.create(challenge=pworld.challenge, city=city)
    html = pworld.client("editor").get(f"/processes/{pworld.process.slug}/").content.decode()
    options = html.split('id="id_invite-organisation"')[1].split("</select>")[0]
    assert options.index("Riga — has this challenge too") < options.index("Aarhus")
    assert "Tallinn City Government</option>" not in options  # already a partner


def test_consultancy_session_scheduled_from_the_process(pworld: ProcessWorld) -> None:
    pworld.advance_to("intervention")
    client = pworld.client("partner")
    html = client.get(f"/processes/{pworld.process.slug}/").content.decode()
    assert f"/community/events/new/?process={pworld.process.slug}" in html
    assert "Schedule a consultancy session" in html
    response = client.post(
        f"/community/events/new/?process={pworld.process.slug}",
        {
            "title": "Consultancy: contracts",
            "kind": "consultancy",
            "starts_at": "2031-01-10T10:00",
            "ends_at": "2031-01-10T11:00",
            "timezone": "Europe/Helsinki",
            "online_url": "https://meet.example/c",
        },
    )
    assert response.status_code == 302
    html = client.get(f"/processes/{pworld.process.slug}/").content.decode()
    assert "Consultancy: contracts" in html and "Consultancy session" in html
    # A private-process event is hidden from people who cannot see the process.
    pworld.process.visibility = "private"
    pworld.process.save()
    assert pworld.client("other").get("/community/events/consultancy-contracts/").status_code == 403


def test_upload_a_deliverable_through_the_api(
    pworld: ProcessWorld, settings: Any, tmp_path: Any, unchanged: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path
    url = f"/api/v1/processes/{pworld.process.slug}/deliverables/upload"
    upload = SimpleUploadedFile("minutes.txt", b"We agreed.", content_type="text/plain")
    response = pworld.client("partner").post(url, {"title": "Minutes", "file": upload})
    assert response.status_code == 201, response.content
    assert response.json()["has_file"] is True
    refused = SimpleUploadedFile("x.txt", b"x")
    response = unchanged(
        lambda: pworld.client("observer").post(url, {"title": "X", "file": refused})
    )
    assert response.status_code == 403


def test_city_profile_lists_its_visible_processes(pworld: ProcessWorld) -> None:
    html = pworld.client("member").get("/cities/tallinn-ee/").content.decode()
    assert "Collaboration processes" in html and pworld.process.title in html
    assert (
        pworld.process.title
        not in pworld.client("anonymous").get("/cities/tallinn-ee/").content.decode()
    )
