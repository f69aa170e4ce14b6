"""The official benchmark (issue 12, point 4): the runs a coordinator publishes are the public ones
and the public default; a member's run is private to them and their organisation, labelled so, and
can never change what visitors, city profiles, matching or mentoring see."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.benchmark.factories import make_data
from tests.conftest import World, api
from urbanforum.benchmark import selectors, services
from urbanforum.benchmark.models import BenchmarkRun, PeerGroup, RunStatus
from urbanforum.cities.models import City
from urbanforum.indicators.models import Indicator, Observation
from urbanforum.indicators.smart_city import FRAMEWORK_CODE


@pytest.fixture
def official(world: World) -> BenchmarkRun:
    """The Smart City Profile's official BSR run, plus two more Finnish cities with data (so that
    a member can run the benchmark for Finland alone)."""
    fw = make_data()
    fw.code = FRAMEWORK_CODE
    fw.save()
    indicators = {i.code: i for i in Indicator.objects.all()}
    for name, slug, code, values in [
        ("Espoo", "espoo-fi", "FI004C", (45.0, 4.5, 28.0, 50.0)),
        ("Tampere", "tampere-fi", "FI002C", (35.0, 6.0, 25.0, 45.0)),
    ]:
        city = City.objects.create(
            name=name, slug=slug, country="FI", eurostat_code=code, is_bsr=False
        )
        for ind, value in zip(["green", "air", "jobs", "transit"], values, strict=True):
            Observation.objects.create(city=city, indicator=indicators[ind], year=2019, value=value)
    run = services.run_create(actor=None, framework=fw, year=2019, peer_group=PeerGroup.BSR)
    return services.run_publish(actor=world.users["coordinator"], run=run)


def test_a_member_running_finland_alone_does_not_change_the_public_default(
    world: World, official: BenchmarkRun
) -> None:
    before = selectors.latest_characteristic_scores()
    mine = services.run_create(
        actor=world.users["member"],
        framework=official.framework,
        year=2019,
        peer_group=PeerGroup.COUNTRY,
        peer_value="FI",
    )
    assert mine.status == RunStatus.DONE and mine.created_at > official.created_at
    assert not mine.is_official and mine.organisation == world.org

    anonymous = world.client("anonymous")
    dashboard = anonymous.get("/benchmark/")
    assert dashboard.context["run"] == official
    html = dashboard.content.decode()
    assert "peer group: Baltic Sea Region, 6 cities scored" in html
    assert "peer group: One country FI" not in html and "Tallinn" in html
    assert "Official — published by a coordinator, public" in html
    tallinn = anonymous.get("/cities/tallinn-ee/").content.decode()
    assert "Index score" in tallinn and "is not scored" not in tallinn
    assert "too little indicator data" not in tallinn
    # the API, matching and mentoring: the same official run
    listed = [r["id"] for r in anonymous.get("/api/v1/benchmark/runs").json()["items"]]
    assert listed == [official.pk]
    assert anonymous.get(f"/api/v1/benchmark/runs/{mine.pk}").status_code == 404
    after = selectors.latest_characteristic_scores()
    assert after.equals(before)
    # logged-in people of every role get the same default
    for role in ("other", "member", "editor", "admin", "coordinator"):
        assert world.client(role).get("/benchmark/").context["run"] == official, role


def test_a_members_run_is_private_to_their_organisation_and_labelled(
    world: World, official: BenchmarkRun
) -> None:
    mine = services.run_create(
        actor=world.users["member"],
        framework=official.framework,
        year=2019,
        peer_group=PeerGroup.COUNTRY,
        peer_value="FI",
    )
    for role in ("member", "editor", "admin", "coordinator"):
        page = world.client(role).get(f"/benchmark/runs/{mine.pk}/")
        assert page.status_code == 200, role
        assert "Private to City of Helsinki" in page.content.decode(), role
        body = api(world.client(role), "GET", f"/api/v1/benchmark/runs/{mine.pk}").json()
        assert (body["visibility"], body["organisation"]) == ("organisation", world.org.slug)
    for role in ("anonymous", "other"):
        assert world.client(role).get(f"/benchmark/runs/{mine.pk}/").status_code == 404, role
        assert world.client(role).get(f"/benchmark/?run={mine.pk}").status_code == 404, role
    listing = world.client("editor").get("/benchmark/runs/").content.decode()
    assert "Private to City of Helsinki" in listing and "Official" in listing
    body = api(world.client("anonymous"), "GET", f"/api/v1/benchmark/runs/{official.pk}").json()
    assert (body["visibility"], body["organisation"]) == ("official", None)
    assert body["published_at"] is not None


def test_only_a_coordinator_publishes_and_the_latest_official_run_is_the_default(
    world: World, official: BenchmarkRun, unchanged: Any
) -> None:
    mine = services.run_create(
        actor=world.users["admin"],
        framework=official.framework,
        year=2019,
        peer_group=PeerGroup.BSR,
        window=3,
    )
    for role in ("other", "member", "editor", "admin"):
        user = world.users[role]

        def refuse(user: Any = user) -> None:
            with pytest.raises(PermissionDenied):
                services.run_publish(actor=user, run=mine)

        unchanged(refuse)
    assert world.client("anonymous").get("/benchmark/").context["run"] == official
    published = services.run_publish(actor=world.users["coordinator"], run=mine)
    assert published.is_official and published.published_by == world.users["coordinator"]
    assert world.client("anonymous").get("/benchmark/").context["run"] == mine
    # withdrawn: the earlier official run is the default again
    services.run_publish(actor=world.users["coordinator"], run=mine, official=False)
    assert world.client("anonymous").get("/benchmark/").context["run"] == official
    assert world.client("anonymous").get(f"/benchmark/runs/{mine.pk}/").status_code == 404


def test_an_unfinished_run_cannot_be_published(
    world: World, official: BenchmarkRun, unchanged: Any
) -> None:
    queued = BenchmarkRun.objects.create(
        framework=official.framework, year=2019, peer_group="bsr", uncertainty_runs=40
    )

    def refuse() -> None:
        with pytest.raises(ValidationError) as exc:
            services.run_publish(actor=world.users["coordinator"], run=queued)
        assert exc.value.message_dict == {"official": ["Only a finished run can be published."]}

    unchanged(refuse)


def test_publish_through_the_page_and_the_api(world: World, official: BenchmarkRun) -> None:
    mine = services.run_create(
        actor=world.users["editor"],
        framework=official.framework,
        year=2019,
        peer_group=PeerGroup.BSR,
        window=3,
    )
    coordinator = world.client("coordinator")
    page = coordinator.get(f"/benchmark/runs/{mine.pk}/").content.decode()
    assert "Publish as the official run" in page
    member_page = world.client("editor").get(f"/benchmark/runs/{mine.pk}/").content.decode()
    assert "Publish as the official run" not in member_page
    response = coordinator.post(f"/benchmark/runs/{mine.pk}/publish/", {"official": "true"})
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.is_official
    body = api(
        coordinator, "POST", f"/api/v1/benchmark/runs/{mine.pk}/publish", {"official": False}
    )
    assert body.status_code == 200 and body.json()["visibility"] == "organisation"
    mine.refresh_from_db()
    assert not mine.is_official and mine.published_at is None
    bad = api(coordinator, "POST", f"/api/v1/benchmark/runs/{mine.pk}/publish", {"official": "x"})
    assert bad.status_code == 422


def test_intervals_of_a_members_monte_carlo_run_never_reach_the_official_run(
    world: World, official: BenchmarkRun, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        mc = services.run_create(
            actor=world.users["editor"],
            framework=official.framework,
            year=2019,
            peer_group=PeerGroup.BSR,
            uncertainty_runs=30,
        )
    mc.refresh_from_db()
    assert mc.status == RunStatus.DONE and mc.data_hash == official.data_hash
    assert selectors.interval_run(run=official) is None
    services.run_publish(actor=world.users["coordinator"], run=mc)
    assert selectors.interval_run(run=official) == mc


def test_the_demo_publishes_its_runs(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    from django.core.management.color import no_style

    from urbanforum.benchmark import demo

    fw = make_data()
    fw.code = FRAMEWORK_CODE
    fw.save()
    monkeypatch.setattr(demo, "demo_year", lambda framework: 2019)
    demo.load(stdout=io.StringIO(), style=no_style())
    runs = BenchmarkRun.objects.filter(framework=fw)
    assert runs.count() == 3 and all(r.is_official for r in runs)
    BenchmarkRun.objects.update(is_official=False)  # a database from before publishing existed
    demo.load(stdout=io.StringIO(), style=no_style())
    assert runs.count() == 3 and all(r.is_official for r in runs)
    page = world.client("anonymous").get("/benchmark/")
    assert page.context["run"] is not None and page.context["run"].is_official
