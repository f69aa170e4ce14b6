"""A person downloads their data and deletes their account from the profile page (issue 12,
point 6), under the Content-Security-Policy like every journey."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import log_in, screenshot
from tests.conftest import World
from urbanforum.accounts.models import User

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_download_my_data_then_delete_my_account(page: Any, world: World) -> None:
    log_in(page, "member@helsinki.example")
    page.goto("/profile/")
    with page.expect_download() as download_info:
        page.get_by_test_id("download-my-data").click()
    download = download_info.value
    assert download.suggested_filename == "urbanforum-my-data.json"
    data = json.loads(Path(download.path()).read_text(encoding="utf-8"))
    assert data["profile"]["email"] == "member@helsinki.example"

    page.get_by_role("link", name="Delete my account").click()
    page.get_by_label("Your password").fill("not my password")
    page.get_by_role("button", name="Delete my account for good").click()
    assert "The password is not right." in page.content()
    page.get_by_label("Your password").fill("a-Strong-password-1")
    page.get_by_role("button", name="Delete my account for good").click()
    page.wait_for_url("**/")
    assert "Your account was deleted." in page.content()
    assert page.get_by_role("link", name="Log in").count() == 1
    screenshot(page, "account-deleted")
    member = User.objects.get(pk=world.users["member"].pk)  # type: ignore[union-attr]
    assert member.erased_at is not None
