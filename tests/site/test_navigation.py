"""The header: at most seven top-level entries (Home, the five steps, Community) plus the account
menu; grouped disclosure menus that name the menu they open; no inline script (strict CSP);
a favicon."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from tests.conftest import World
from tests.site.html import Element, parse
from urbanforum.core.context_processors import NAV_GROUPS, nav_groups

pytestmark = pytest.mark.django_db


def _nav(html: str) -> Element:
    (nav,) = parse(html).find("nav", aria_label="Main")
    return nav


def _top_level(nav: Element) -> list[Element]:
    (bar,) = [ul for ul in nav.iter("ul") if "nav-bar" in ul.attrs.get("class", "")]
    return [li for li in bar.children if li.tag == "li"]


def test_at_most_seven_top_level_entries_in_step_order(client: Client) -> None:
    nav = _nav(client.get("/").content.decode())
    entries = _top_level(nav)
    assert len(entries) <= 7
    labels = [li.children[0].text.strip() for li in entries]  # the link or the menu's button
    assert labels == [
        "Home",
        "1 Start",
        "2 Challenges",
        "3 Action",
        "4 Evaluation",
        "5 Share",
        "Community",
    ]


def test_groups_are_disclosure_buttons_controlling_their_menu(client: Client) -> None:
    root = parse(client.get("/").content.decode())
    buttons = [b for b in root.iter("button") if "data-disclosure" in b.attrs]
    assert len(buttons) == len(NAV_GROUPS)
    for button in buttons:
        assert button.attrs["type"] == "button"
        assert button.attrs["aria-expanded"] == "false"
        (menu,) = [e for e in root.iter() if e.attrs.get("id") == button.attrs["aria-controls"]]
        assert menu.tag == "ul" and menu.parent is button.parent
        assert menu.find("a"), f"empty menu {menu.attrs['id']}"
    toggle = [b for b in root.iter("button") if "data-nav-toggle" in b.attrs]
    assert toggle and toggle[0].attrs["aria-controls"] == "site-menu"


def test_menus_reach_each_step(client: Client) -> None:
    hrefs = {g.key: {item.url for item in g.items} for g in nav_groups()}
    assert {"/cities/", "/benchmark/", "/indicators/"} <= hrefs["start"]
    assert {"/challenges/", "/search/", "/practices/", "/marketplace/solutions/"} <= hrefs[
        "challenges"
    ]
    assert {"/processes/", "/procurement/", "/impact/"} <= hrefs["action"]
    assert {"/reviews/"} <= hrefs["evaluation"]
    assert {"/practices/", "/opendata/"} <= hrefs["share"]
    assert {
        "/community/groups/",
        "/community/events/",
        "/community/mentoring/",
        "/organisations/",
    } <= hrefs["community"]


def test_current_group_is_marked(client: Client) -> None:
    root = parse(client.get("/procurement/").content.decode())
    (button,) = [b for b in root.iter("button") if b.attrs.get("aria-controls") == "nav-action"]
    assert button.attrs.get("data-current") == "true"
    (link,) = root.find("a", href="/procurement/")
    assert link.attrs.get("aria-current") == "page"


def test_account_menu_for_a_logged_in_user(world: World) -> None:
    html = world.client("coordinator").get("/").content.decode()
    root = parse(html)
    (menu,) = [e for e in root.iter("ul") if e.attrs.get("id") == "nav-account"]
    hrefs = {a.attrs["href"] for a in menu.find("a")}
    assert {
        "/community/dashboard/",
        "/profile/",
        "/notifications/preferences/",
        "/audit/",
        "/community/moderation/",
    } <= hrefs
    assert menu.find("form", action="/accounts/logout/")
    member_menu = parse(world.client("member").get("/").content.decode())
    assert not member_menu.find("a", href="/audit/")
    assert not member_menu.find("a", href="/community/moderation/")


def test_no_inline_script_or_event_handlers(world: World) -> None:
    for client in (Client(), world.client("admin")):
        html = client.get("/").content.decode()
        root = parse(html)
        for script in root.iter("script"):
            if script.attrs.get("type") in {"application/json"}:
                continue  # json_script data, not code
            assert script.attrs.get("src"), "inline <script>"
        assert not re.search(r"\son[a-z]+\s*=", html), "inline event handler attribute"
    assert root.find("script", src="/static/js/nav.js")


def test_favicon(client: Client) -> None:
    root = parse(client.get("/").content.decode())
    icons = [link.attrs["href"] for link in root.iter("link") if link.attrs.get("rel") == "icon"]
    assert "/static/favicon.svg" in icons and "/static/favicon.ico" in icons
    assert client.get("/static/favicon.svg").status_code == 200
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"] == "/static/favicon.ico"
