"""A benchmark a city officer understands (issue 13, point 6): plain words for methods and
settings, per indicator the year of the data and how many cities have it, indicators too few
cities have left out (never a 0 for having data), a warning for small peer groups, and one
official run behind the city profile, the dashboard and the mentor lists."""

from __future__ import annotations

import re

import pytest

from tests.benchmark.factories import make_data
from tests.conftest import World, api
from urbanforum.benchmark import selectors, services
from urbanforum.benchmark.models import BenchmarkRun, BenchmarkScore, PeerGroup
from urbanforum.cities.models import City
from urbanforum.indicators.models import Framework, Indicator, Observation
from urbanforum.indicators.services import framework_save
from urbanforum.indicators.smart_city import FRAMEWORK_CODE
from urbanforum.matching.selectors import scores_source

RAW = ("winsorise_log", "min_availability", "{'", "percentile_rank", "zscore")


def sparse_framework() -> Framework:
    """The test framework plus a governance characteristic whose one indicator only Tallinn
    and Helsinki report (2 of 6 cities), with the framework's outlier treatment."""
    make_data()
    egov, _ = Indicator.objects.get_or_create(
        code="egov", defaults={"name": "E-government use", "direction": 1, "unit": "%"}
    )
    for code, value in (("EE001C", 80.0), ("FI001C", 90.0)):
        Observation.objects.create(
            city=City.objects.get(eurostat_code=code), indicator=egov, year=2018, value=value
        )
    return framework_save(
        definition={
            "code": "cov-fw",
            "name": "Coverage framework",
            "steps": [
                {"treat": {"method": "winsorise_log"}},
                {"normalise": {"method": "minmax", "range": [0, 100]}},
                {"aggregate": {"method": "arithmetic"}},
            ],
            "nodes": [
                {"code": "index", "name": "Index"},
                {"code": "environment", "name": "Environment", "parent": "index"},
                {"code": "governance", "name": "Governance", "parent": "index"},
                {"code": "green", "name": "Green", "parent": "environment", "indicator": "green"},
                {"code": "jobs", "name": "Jobs", "parent": "environment", "indicator": "jobs"},
                {
                    "code": "egov",
                    "name": "E-government",
                    "parent": "governance",
                    "indicator": "egov",
                },
            ],
        }
    )


@pytest.fixture
def sparse_run(world: World) -> BenchmarkRun:
    fw = sparse_framework()
    run = services.run_create(actor=None, framework=fw, year=2019, peer_group=PeerGroup.BSR)
    return services.run_publish(actor=None, run=run)


def test_an_indicator_few_cities_have_is_left_out_not_scored_zero(sparse_run: BenchmarkRun) -> None:
    tallinn = City.objects.get(eurostat_code="EE001C")
    governance = BenchmarkScore.objects.filter(run=sparse_run, node__in=["egov", "governance"])
    assert not governance.exists()  # nobody scored on it: no 0 for Tallinn
    assert BenchmarkScore.objects.get(run=sparse_run, city=tallinn, node="index").score is not None
    assert sparse_run.reports["coverage"]["left_out"] == [
        ["egov", "too_few_units"],
        ["governance", "no_children"],
    ]


def test_run_page_speaks_plainly_and_shows_the_data_of_each_indicator(
    world: World, sparse_run: BenchmarkRun
) -> None:
    html = world.client("anonymous").get(f"/benchmark/runs/{sparse_run.pk}/").content.decode()
    plain = re.sub(r"<details class=\"technical\">.*?</details>", "", html, flags=re.S)
    for raw in RAW:
        assert raw not in plain, raw
    assert "are pulled in to the next value" in html
    assert "lowest city of the peer group gets 0 and the highest 100" in html
    assert "winsorise_log" in html  # the technical name, one click away
    table = html[html.index('data-testid="coverage"') :]
    row = re.search(r'data-code="egov">(.*?)</tr>', table, re.S)
    assert row is not None
    assert "2018" in row[1] and "2 of 6" in row[1] and "too few cities" in row[1]
    green = re.search(r'data-code="green">(.*?)</tr>', table, re.S)
    assert green is not None and "2019" in green[1] and "6 of 6" in green[1]
    assert "E-government — too few cities of the peer group have it" in html


def test_no_list_of_city_codes_and_plain_step_changes(world: World) -> None:
    make_data()
    fw = Framework.objects.get(code="test-fw")
    run = services.run_create(
        actor=world.users["member"],
        framework=fw,
        year=2019,
        peer_group=PeerGroup.BSR,
        step_changes={"normalise": "zscore", "screen": {"min_availability": 1.0}},
    )
    html = world.client("member").get(f"/benchmark/runs/{run.pk}/").content.decode()
    plain = re.sub(r"<details class=\"technical\">.*?</details>", "", html, flags=re.S)
    assert "{'normalise'" not in html
    assert "distance from the peer-group average" in plain
    assert "Cities with data for less than 100 % of the indicators are not ranked." in html
    assert "method=zscore" in html  # the technical detail, one click away


def test_report_api(world: World, sparse_run: BenchmarkRun) -> None:
    body = api(world.client("anonymous"), "GET", f"/api/v1/benchmark/runs/{sparse_run.pk}/report")
    data = body.json()
    egov = next(i for i in data["indicators"] if i["code"] == "egov")
    assert (egov["with_data"], egov["cities"], egov["year_min"], egov["used"]) == (
        2,
        6,
        2018,
        False,
    )
    assert egov["reason"] == "too_few_units"
    assert data["coverage_rule"]["needed"] == 3
    assert {x["code"] for x in data["left_out"]} == {"egov", "governance"}
    assert [s["step"] for s in data["steps"]] == ["treat", "normalise", "aggregate"]
    assert data["steps"][0]["params"]["method"] == "winsorise_log"
    assert "winsorise" not in data["steps"][0]["text"]
    assert data["small_group"] is False


def test_a_small_peer_group_warns_and_draws_no_characteristics_chart(world: World) -> None:
    fw = make_data()
    three = list(City.objects.filter(eurostat_code__in=["FI001C", "EE001C", "LV001C"]))
    run = services.run_create(
        actor=world.users["member"],
        framework=fw,
        year=2019,
        peer_group=PeerGroup.CUSTOM,
        peer_cities=three,
    )
    client = world.client("member")
    page = client.get(f"/benchmark/?run={run.pk}&city=helsinki-fi")
    html = page.content.decode()
    assert 'data-testid="small-group"' in html and "only 3 cities with data" in html
    assert page.context["profile_spec"] is None and 'data-testid="profile-chart"' not in html
    detail = client.get(f"/benchmark/runs/{run.pk}/").content.decode()
    assert 'data-testid="small-group"' in detail
    report = api(client, "GET", f"/api/v1/benchmark/runs/{run.pk}/report").json()
    assert report["small_group"] is True and report["cities"] == 3
    big = services.run_create(
        actor=world.users["member"], framework=fw, year=2019, peer_group=PeerGroup.BSR
    )
    html = client.get(f"/benchmark/?run={big.pk}&city=helsinki-fi").content.decode()
    assert 'data-testid="small-group"' not in html and 'data-testid="profile-chart"' in html


def test_chart_title_counts_the_characteristics_it_draws(world: World) -> None:
    from urbanforum.benchmark.charts import profile_chart

    rows = [
        {"node": "a", "name": "Economy", "score": 50.0, "median": 40.0},
        {"node": "b", "name": "Governance", "score": None, "median": 30.0},
    ]
    spec = profile_chart(rows, "Tallinn", "BSR")
    assert spec["title"]["text"] == "Tallinn: 1 characteristic"
    assert [v["characteristic"] for v in next(iter(spec["datasets"].values()))] == ["Economy"]


@pytest.fixture
def official(world: World) -> BenchmarkRun:
    fw = make_data()
    fw.code = FRAMEWORK_CODE
    fw.save()
    broad = services.run_create(actor=None, framework=fw, year=2019, peer_group=PeerGroup.ALL)
    return services.run_publish(actor=None, run=broad)


def _cell(html: str, node: str) -> str:
    m = re.search(rf'data-node="{node}">([^<]*)<', html)
    assert m is not None, node
    return m[1]


def test_profile_dashboard_and_mentor_lists_show_the_same_official_run(
    world: World, official: BenchmarkRun
) -> None:
    helsinki = City.objects.get(slug="helsinki-fi")
    # A member's newer run of another peer group changes none of them.
    services.run_create(
        actor=world.users["member"],
        framework=official.framework,
        year=2019,
        peer_group=PeerGroup.BSR,
        step_changes={"normalise": {"method": "rank"}},
    )
    assert selectors.official_run() == official
    frame = selectors.latest_characteristic_scores()
    assert frame.attrs["run_id"] == official.pk
    assert scores_source()["run_url"] == f"/benchmark/runs/{official.pk}/"
    for role in ("anonymous", "member"):
        client = world.client(role)
        profile = client.get("/cities/helsinki-fi/").content.decode()
        assert f'href="/benchmark/runs/{official.pk}/"' in profile
        dashboard = client.get("/benchmark/?city=helsinki-fi")
        assert dashboard.context["run"] == official
        assert 'data-testid="benchmark-source"' in dashboard.content.decode()
        shown = {p["node"]: p["score"] for p in dashboard.context["profile"]}
        for node in ("environment", "economy"):
            expected = frame.loc[helsinki.pk, node]
            assert shown[node] == pytest.approx(expected)
            assert float(_cell(profile, node)) == pytest.approx(expected, abs=0.051)


def test_framework_page_says_its_steps_plainly(world: World) -> None:
    sparse_framework()
    html = world.client("anonymous").get("/indicators/frameworks/cov-fw/").content.decode()
    plain = re.sub(r"<details class=\"technical\">.*?</details>", "", html, flags=re.S)
    assert "{'treat'" not in html and "winsorise_log" not in plain
    assert "Extreme values" in plain and "are pulled in to the next value" in plain
    assert "method=winsorise_log" in html


def test_a_city_outside_the_official_peer_group_is_told_so(world: World) -> None:
    fw = make_data()
    fw.code = FRAMEWORK_CODE
    fw.save()
    munich = City.objects.create(name="München", slug="munchen-de", country="DE", is_bsr=False)
    run = services.run_create(actor=None, framework=fw, year=2019, peer_group=PeerGroup.BSR)
    services.run_publish(actor=None, run=run)
    html = world.client("anonymous").get(f"/cities/{munich.slug}/").content.decode()
    assert "München is not in the peer group of the official benchmark (Baltic Sea Region)." in html
