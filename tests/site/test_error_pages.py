"""400, 403, 404 and 500 come in the site's layout (navigation included), say why and what to do;
under /api/ they stay JSON. DEBUG is False under the test runner (asserted)."""

from __future__ import annotations

from typing import Any
from unittest import mock

import pytest
from django.conf import settings
from django.test import Client, override_settings

from tests.conftest import World

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.site.urls_errors")]


def _in_layout(html: str) -> None:
    assert 'class="site-header"' in html
    assert 'aria-label="Main"' in html
    assert 'href="/"' in html


def test_debug_is_off() -> None:
    assert settings.DEBUG is False


def test_403_says_why_and_offers_to_log_in(client: Client) -> None:
    response = client.get("/test-errors/refuse/")
    assert response.status_code == 403
    html = response.content.decode()
    _in_layout(html)
    assert "Only the lead buyer can open the bids." in html
    assert "/accounts/login/?next=/test-errors/refuse/" in html


def test_403_for_a_logged_in_user_points_to_the_organisation_admin(world: World) -> None:
    client = world.client("member")
    response = client.get("/test-errors/refuse-silently/", HTTP_REFERER="http://testserver/cities/")
    assert response.status_code == 403
    html = response.content.decode()
    _in_layout(html)
    assert "Your account does not have the rights this page needs." in html
    assert "ask an administrator of your organisation" in html
    assert "/accounts/login/" not in html.split("<main")[1]
    assert 'href="http://testserver/cities/"' in html  # go back


def test_go_back_never_points_off_site(client: Client) -> None:
    response = client.get("/test-errors/refuse/", HTTP_REFERER="https://evil.example/")
    assert "evil.example" not in response.content.decode()


def test_a_real_refusal_is_the_helpful_page(world: World) -> None:
    response = world.client("member").get("/audit/")
    assert response.status_code == 403
    assert "Only coordinators can read the audit log." in response.content.decode()


def test_404_in_layout(client: Client) -> None:
    response = client.get("/challenges/no-such-challenge/")
    assert response.status_code == 404
    html = response.content.decode()
    _in_layout(html)
    assert "Page not found" in html
    assert "/search/" in html


def test_400_in_layout(client: Client) -> None:
    response = client.get("/test-errors/bad/")
    assert response.status_code == 400
    html = response.content.decode()
    _in_layout(html)
    assert "The request could not be understood" in html


def test_500_in_layout() -> None:
    client = Client(raise_request_exception=False)
    response = client.get("/test-errors/boom/")
    assert response.status_code == 500
    html = response.content.decode()
    _in_layout(html)
    assert "Something went wrong on our side" in html
    assert "a bug" not in html


def test_500_when_the_layout_itself_fails() -> None:
    client = Client(raise_request_exception=False)
    with mock.patch(
        "urbanforum.core.error_pages._render", side_effect=RuntimeError("database down")
    ):
        response = client.get("/test-errors/boom/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Something went wrong on our side" in html
    assert 'aria-label="Main"' not in html  # the plain page, which needs no database


def test_api_errors_stay_json(client: Client) -> None:
    response = client.get("/api/v1/test-errors/refuse/")
    assert response.status_code == 403
    assert response.json() == {"detail": "Only the lead buyer can open the bids."}


@override_settings(LANGUAGE_CODE="en")
def test_error_pages_are_in_the_visitors_language(client: Any) -> None:
    response = client.get("/no-such-page/", HTTP_ACCEPT_LANGUAGE="de")
    assert response.status_code == 404
    assert '<html lang="de">' in response.content.decode()


def test_a_form_without_its_security_token_gets_the_helpful_403(world: World) -> None:
    client = Client(enforce_csrf_checks=True)
    user = world.users["member"]
    assert user is not None
    client.force_login(user)
    response = client.post("/challenges/new/", {"title": "x"})
    assert response.status_code == 403
    html = response.content.decode()
    _in_layout(html)
    assert "security token is missing or has expired" in html
