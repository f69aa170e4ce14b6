"""The process list and timeline share the list recipe (core.lists.list_page): the results
fragment for htmx, the whole page when htmx restores its history, `Vary: HX-Request`."""

from __future__ import annotations

import pytest

from tests.processes.conftest import ProcessWorld


@pytest.mark.parametrize(
    ("url", "shows"),
    [
        ("/processes/?q=winter&phase=starting&mine=1", "Winter cycling maintenance"),
        ("/processes/{slug}/timeline/", "opened the process from the challenge"),
    ],
)
def test_list_page_fragment_and_history_restore(pworld: ProcessWorld, url: str, shows: str) -> None:
    client = pworld.client("editor")
    url = url.format(slug=pworld.process.slug)

    page = client.get(url)
    assert page.status_code == 200 and "HX-Request" in page["Vary"]
    assert "<html" in page.content.decode() and shows in page.content.decode()

    fragment = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in fragment and shows in fragment

    restore = client.get(
        url, headers={"HX-Request": "true", "HX-History-Restore-Request": "true"}
    ).content.decode()
    assert "<html" in restore and shows in restore


def test_the_timeline_is_described_page_by_page(pworld: ProcessWorld) -> None:
    api = pworld.client("editor").get(f"/api/v1/processes/{pworld.process.slug}/timeline")
    body = api.json()
    assert body["count"] == len(body["items"]) > 0
    assert body["items"][-1]["text"].startswith("opened the process from the challenge")
