"""The city profile's benchmark section names the official run it shows: it links to that run's
page (how it was computed), which every visitor may open."""

from __future__ import annotations

import pytest

from tests.benchmark.factories import make_data
from tests.conftest import World
from urbanforum.benchmark import services
from urbanforum.benchmark.models import PeerGroup
from urbanforum.indicators.smart_city import FRAMEWORK_CODE

pytestmark = pytest.mark.django_db


def test_city_section_links_the_official_run(world: World) -> None:
    fw = make_data()
    fw.code = FRAMEWORK_CODE
    fw.save()
    coordinator = world.users["coordinator"]
    old = services.run_create(actor=None, framework=fw, year=2016, peer_group=PeerGroup.BSR)
    services.run_publish(actor=coordinator, run=old)
    new = services.run_create(actor=None, framework=fw, year=2019, peer_group=PeerGroup.BSR)
    anonymous = world.client("anonymous")
    assert (
        f'href="/benchmark/runs/{old.pk}/"'
        in anonymous.get("/cities/helsinki-fi/").content.decode()
    )

    services.run_publish(actor=coordinator, run=new)
    html = anonymous.get("/cities/helsinki-fi/").content.decode()
    assert f'href="/benchmark/runs/{new.pk}/"' in html
    assert f'href="/benchmark/runs/{old.pk}/"' not in html
    assert anonymous.get(f"/benchmark/runs/{new.pk}/").status_code == 200
