"""Benchmark runs: exact scores on a hand-checkable table, the year window, refusals that save
nothing, Monte Carlo in the background with progress, and latest_characteristic_scores."""

from __future__ import annotations

from typing import Any

import pandas as pd
import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.benchmark.factories import make_data
from tests.conftest import World
from urbanforum.benchmark import selectors, services
from urbanforum.benchmark.models import BenchmarkRun, BenchmarkScore, PeerGroup, RunStatus
from urbanforum.cities.models import City
from urbanforum.indicators.models import Observation


@pytest.fixture
def fw(world: World) -> Any:
    return make_data()


def score(run: BenchmarkRun, code: str, node: str) -> float:
    s = BenchmarkScore.objects.get(run=run, city__eurostat_code=code, node=node)
    assert s.score is not None
    return s.score


def test_nominal_run_scores_exactly(world: World, fw: Any) -> None:
    run = services.run_create(
        actor=world.users["member"], framework=fw, year=2019, peer_group=PeerGroup.BSR
    )
    assert run.status == RunStatus.DONE and run.progress == 100
    # green 10..50 → Helsinki 40 → 75; air (lower better) 4..12 → 5 → 87.5
    assert score(run, "FI001C", "green") == pytest.approx(75.0)
    assert score(run, "FI001C", "air") == pytest.approx(87.5)
    assert score(run, "FI001C", "environment") == pytest.approx(81.25)
    # jobs 5..35 → 30 → 83.33; transit 10..70 → 60 → 83.33
    assert score(run, "FI001C", "economy") == pytest.approx(250 / 3)
    assert score(run, "FI001C", "index") == pytest.approx((81.25 + 250 / 3) / 2)
    assert score(run, "SE001C", "index") == pytest.approx(100.0)
    ranks = [(r["city"].eurostat_code, r["rank"]) for r in selectors.ranking(run=run)]
    assert ranks == [
        ("SE001C", 1),
        ("FI001C", 2),
        ("EE001C", 3),
        ("LT001C", 4),
        ("LV001C", 5),
        ("PL006C", 6),
    ]
    assert run.reports["inputs"]["helsinki-fi"]["green"] == [40.0, 2019, ""]
    assert len(run.data_hash) == 64 and run.package_version
    why = selectors.contributions(run=run, city=world.city, node="index")
    assert sum(c["contribution"] for c in why) == pytest.approx(score(run, "FI001C", "index"))
    best, worst = selectors.strengths_weaknesses(run=run, city=world.city, top=1)
    assert best[0]["rank"] == 2 and worst[0]["rank"] == 2


def test_window_takes_the_latest_value_within_it(world: World, fw: Any) -> None:
    Observation.objects.filter(year=2019, city=world.city, indicator__code="green").delete()
    run = services.run_create(
        actor=None, framework=fw, year=2019, peer_group=PeerGroup.BSR, window=5
    )
    assert run.reports["inputs"]["helsinki-fi"]["green"] == [20.0, 2016, ""]
    run = services.run_create(
        actor=None, framework=fw, year=2019, peer_group=PeerGroup.BSR, window=3
    )
    assert "green" not in run.reports["inputs"]["helsinki-fi"]  # 2016 is outside (2016, 2019]


def test_step_changes_and_rerun(world: World, fw: Any) -> None:
    first = services.run_create(actor=None, framework=fw, year=2019, peer_group=PeerGroup.BSR)
    run = services.run_create(
        actor=None,
        framework=fw,
        year=2019,
        peer_group=PeerGroup.BSR,
        step_changes={"normalise": {"method": "rank"}},
        rerun_of=first,
    )
    assert run.record["log"][0]["params"]["method"] == "rank"
    assert run.rerun_of == first


def test_refusals_name_the_field_and_save_nothing(world: World, fw: Any, unchanged: Any) -> None:
    def bad(**kw: Any) -> dict[str, list[str]]:
        with pytest.raises(ValidationError) as exc:
            services.run_create(
                actor=world.users["editor"],
                framework=fw,
                **{"year": 2019, "peer_group": "bsr", **kw},
            )
        return exc.value.message_dict

    assert unchanged(lambda: bad(step_changes={"normalise": {"method": "magic"}}))["step_changes"][
        0
    ].startswith("step 'normalise', parameter 'method'")
    assert unchanged(lambda: bad(peer_group="country", peer_value="XX")) == {
        "peer_value": ["Choose a country with cities in the registry."]
    }
    assert unchanged(lambda: bad(year=2005))["peer_group"][0].startswith("Only 0 cities")
    assert unchanged(lambda: bad(uncertainty_runs=5)) == {
        "uncertainty_runs": ["At least 20 Monte Carlo runs (or 0 for none)."]
    }


def test_permissions_in_the_service(world: World, fw: Any, unchanged: Any) -> None:
    member = world.users["member"]
    with pytest.raises(PermissionDenied):
        unchanged(
            lambda: services.run_create(
                actor=member, framework=fw, year=2019, peer_group="bsr", uncertainty_runs=50
            )
        )


def test_uncertainty_run_in_the_background(
    world: World, fw: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        run = services.run_create(
            actor=world.users["editor"],
            framework=fw,
            year=2019,
            peer_group="bsr",
            uncertainty_runs=40,
            seed=3,
        )
        assert run.status == RunStatus.QUEUED  # nothing built yet inside the transaction
    run.refresh_from_db()
    assert (run.status, run.progress, run.progress_label) == (RunStatus.DONE, 100, "Done")
    assert run.reports["uncertainty"]["runs"] == 40
    top = BenchmarkScore.objects.get(run=run, city__eurostat_code="SE001C", node="index")
    assert top.rank == 1 and top.rank_p05 is not None and top.rank_p95 is not None
    assert 1 <= top.rank_p05 <= top.rank_median <= top.rank_p95 <= 6  # type: ignore[operator]
    rows = selectors.ranking(run=run)
    assert rows[0]["lo_pct"] >= 0 and rows[0]["hi_pct"] <= 100


def test_latest_characteristic_scores(world: World, fw: Any) -> None:
    assert selectors.latest_characteristic_scores().empty
    from urbanforum.indicators.smart_city import FRAMEWORK_CODE

    fw.code = FRAMEWORK_CODE
    fw.save()
    run = services.run_create(actor=None, framework=fw, year=2019, peer_group=PeerGroup.ALL)
    # Only official runs feed matching and mentoring: an unpublished run counts for nothing.
    assert selectors.latest_characteristic_scores().empty
    services.run_publish(actor=None, run=run)
    df = selectors.latest_characteristic_scores()
    assert list(df.columns) == [
        "economy",
        "people",
        "governance",
        "mobility",
        "environment",
        "living",
    ]
    assert df.loc[world.city.pk, "environment"] == pytest.approx(81.25)
    assert pd.isna(df.loc[world.city.pk, "people"])  # not in this framework
    assert set(df.index) == set(
        BenchmarkScore.objects.filter(run=run).values_list("city_id", flat=True)
    )
    assert set(df.index) <= set(City.objects.values_list("pk", flat=True))


def test_csv_has_every_city_and_node(world: World, fw: Any) -> None:
    run = services.run_create(actor=None, framework=fw, year=2019, peer_group=PeerGroup.BSR)
    lines = selectors.run_csv(run=run).strip().splitlines()
    assert lines[0].startswith("run,framework,year,peer_group,city,eurostat_code,node")
    assert len(lines) == 1 + 6 * 7
    assert any(",FI001C,green,Green,indicator,75.0000,2,,,,40.0,2019," in line for line in lines)


def test_progress_fragment_polls_until_finished(world: World, fw: Any) -> None:
    run = BenchmarkRun.objects.create(
        framework=fw,
        year=2019,
        peer_group="bsr",
        uncertainty_runs=100,
        status=RunStatus.RUNNING,
        progress=40,
        progress_label="Monte Carlo: 40 of 100 runs",
        is_official=True,
    )
    html = world.client("anonymous").get(f"/benchmark/runs/{run.pk}/progress/").content.decode()
    assert f'hx-get="/benchmark/runs/{run.pk}/progress/"' in html and 'value="40"' in html
    assert "Monte Carlo: 40 of 100 runs" in html
    BenchmarkRun.objects.filter(pk=run.pk).update(status=RunStatus.DONE, progress=100)
    html = world.client("anonymous").get(f"/benchmark/runs/{run.pk}/progress/").content.decode()
    assert "hx-get" not in html and "Open the dashboard" in html
    body = world.client("anonymous").get(f"/api/v1/benchmark/runs/{run.pk}").json()
    assert (body["status"], body["progress"]) == ("done", 100)


def test_run_execute_stores_a_failure(world: World, fw: Any) -> None:
    run = BenchmarkRun.objects.create(
        framework=fw, year=2001, peer_group="bsr", uncertainty_runs=40
    )
    run = services.run_execute(run_id=run.pk)
    assert run.status == RunStatus.FAILED and run.error.startswith("Only 0 cities")


def test_dashboard_shows_the_city_and_csv_download(world: World, fw: Any) -> None:
    run = services.run_create(actor=None, framework=fw, year=2019, peer_group=PeerGroup.BSR)
    services.run_publish(actor=None, run=run)
    html = (
        world.client("anonymous").get(f"/benchmark/?run={run.pk}&city=tallinn-ee").content.decode()
    )
    assert (
        "Tallinn: score" in html
        and "Why this score" in html
        and f"/benchmark/runs/{run.pk}/csv/" in html
    )
    response = world.client("anonymous").get(f"/benchmark/runs/{run.pk}/csv/")
    assert response["Content-Type"].startswith("text/csv")
    assert "Tallinn" in response.content.decode()
    section = world.client("anonymous").get("/cities/helsinki-fi/").content.decode()
    assert (
        "No benchmark run has been published yet." in section
    )  # the section reads Smart City Profile runs only


def test_denominator_and_yaml_round_trip(world: World, fw: Any, tmp_path: Any) -> None:
    from urbanforum.engines.benchmark import Framework as EngineFramework
    from urbanforum.indicators.selectors import framework_definition, framework_yaml
    from urbanforum.indicators.services import framework_save

    den = framework_save(
        definition={
            "code": "den-fw",
            "name": "Green per PM2.5",
            "steps": [{"denominate": {}}, {"normalise": {"method": "minmax"}}, {"aggregate": {}}],
            "nodes": [
                {"code": "index", "name": "Index"},
                {
                    "code": "green",
                    "name": "Green",
                    "parent": "index",
                    "indicator": "green",
                    "denominator": "air",
                },
                {"code": "jobs", "name": "Jobs", "parent": "index", "indicator": "jobs"},
            ],
        }
    )
    assert framework_definition(framework=den)["nodes"][1]["denominator"] == "air"
    path = tmp_path / "den.yaml"
    path.write_text(framework_yaml(framework=den))
    assert EngineFramework.from_yaml(path).tree.indicators == ("green", "jobs")
    run = services.run_create(actor=None, framework=den, year=2019, peer_group=PeerGroup.BSR)
    # green/air: Helsinki 40/5 = 8; min Gdańsk 10/12, max Stockholm 50/4
    lo, hi = 10 / 12, 12.5
    assert score(run, "FI001C", "green") == pytest.approx(100 * (8 - lo) / (hi - lo))
    assert run.reports["inputs"]["helsinki-fi"]["air"] == [5.0, 2019, ""]


def test_framework_save_refuses_a_bad_tree_and_saves_nothing(
    world: World, fw: Any, unchanged: Any
) -> None:
    from urbanforum.indicators.services import framework_save

    def bad() -> None:
        with pytest.raises(ValidationError) as exc:
            framework_save(
                definition={
                    "code": "bad",
                    "name": "Bad",
                    "nodes": [
                        {"code": "index"},
                        {"code": "a", "parent": "nowhere", "indicator": "green"},
                    ],
                }
            )
        assert exc.value.message_dict == {"nodes": ["node 'a': unknown parent 'nowhere'"]}

    unchanged(bad)


def test_nominal_run_borrows_intervals_from_its_monte_carlo_twin(
    world: World, fw: Any, django_capture_on_commit_callbacks: Any
) -> None:
    nominal = services.run_create(actor=None, framework=fw, year=2019, peer_group="bsr")
    assert all(r["rank_p05"] is None for r in selectors.ranking(run=nominal))
    with django_capture_on_commit_callbacks(execute=True):
        mc = services.run_create(
            actor=None, framework=fw, year=2019, peer_group="bsr", uncertainty_runs=30
        )
    assert selectors.interval_run(run=nominal) == mc
    assert all(r["rank_p05"] is not None for r in selectors.ranking(run=nominal))
    other = services.run_create(actor=None, framework=fw, year=2019, peer_group="bsr", window=3)
    assert selectors.interval_run(run=other) is None  # another choice: no borrowing


def test_run_list_is_a_list_page(world: World, fw: Any) -> None:
    run = services.run_create(actor=None, framework=fw, year=2019, peer_group=PeerGroup.BSR)
    services.run_publish(actor=None, run=run)
    older = services.run_create(actor=None, framework=fw, year=2018, peer_group=PeerGroup.BSR)
    services.run_publish(actor=None, run=older)
    client = world.client("anonymous")
    restored = client.get(
        "/benchmark/runs/?year=2019", HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true"
    )
    html = restored.content.decode()
    assert "<html" in html and f"/benchmark/runs/{run.pk}/" in html
    assert list(restored.context["page_info"].items) == [run]  # filtered by year
    assert "HX-Request" in {v.strip() for v in restored["Vary"].split(",")}


def test_run_request_names_what_does_not_exist(world: World, fw: Any, unchanged: Any) -> None:
    from urbanforum.benchmark.schemas import RunRequest

    def refused(**kw: Any) -> dict[str, list[str]]:
        with pytest.raises(ValidationError) as exc:
            services.run_request(
                actor=world.users["member"],
                request=RunRequest(**{"framework": "test-fw", "year": 2019, **kw}),
            )
        return exc.value.message_dict

    assert unchanged(lambda: refused(framework="nope")) == {
        "framework": ["Unknown framework 'nope'."]
    }
    assert unchanged(lambda: refused(peer_group="custom", peer_cities="FI001C, atlantis")) == {
        "peer_cities": ["Unknown city 'atlantis'."]
    }
    first = services.run_create(actor=None, framework=fw, year=2019, peer_group=PeerGroup.BSR)
    # A run the member may not see (unpublished, the system's) cannot be re-run: named, not ignored.
    assert unchanged(lambda: refused(rerun_of=first.pk)) == {
        "rerun_of": [f"Unknown run {first.pk}."]
    }
    services.run_publish(actor=None, run=first)
    run = services.run_request(
        actor=world.users["member"],
        request=RunRequest(
            framework="test-fw",
            year=2019,
            peer_group="custom",
            peer_cities="FI001C, EE001C, LV001C, LT001C",
            rerun_of=first.pk,
        ),
    )
    assert run.rerun_of == first and run.peer_cities.count() == 4


def test_the_run_form_and_the_api_share_their_errors(world: World, fw: Any, unchanged: Any) -> None:
    from tests.conftest import api

    client = world.client("member")
    page = unchanged(
        lambda: client.post(
            "/benchmark/runs/new/",
            {
                "framework": "test-fw",
                "year": 2019,
                "window": 5,
                "peer_group": "custom",
                "peer_cities": "helsinki-fi, nowhere",
            },
        )
    )
    assert page.context["run_form"].errors == {"peer_cities": ["Unknown city 'nowhere'."]}
    response = unchanged(
        lambda: api(
            client,
            "POST",
            "/api/v1/benchmark/runs",
            {
                "framework": "test-fw",
                "year": 2019,
                "peer_group": "custom",
                "peer_cities": ["helsinki-fi", "nowhere"],
            },
        )
    )
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": "peer_cities", "message": "Unknown city 'nowhere'."}
    ]
