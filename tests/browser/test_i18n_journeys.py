"""A city officer's journey in Finnish and in Estonian (issue 10, point 6): log in, open the city,
the benchmark, post a challenge, read its matches — and every page speaks the officer's language.

"Speaks the language" is checked against the catalogues themselves: for each page, a set of the
interface's own messages (the navigation, headings, buttons) must appear translated — the
translation is on the page and differs from the English — and the English of the navigation must
not. The words are never written here, so the test follows the translators.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext

from tests.browser.conftest import screenshot
from tests.conftest import World

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The header's bar: the five steps, the community, the officer's workspace ("My city", where Home
# is for visitors) and the notifications — visible at once.
NAVIGATION = [
    "My city",
    "1 Start",
    "2 Challenges",
    "3 Action",
    "4 Evaluation",
    "5 Share",
    "Community",
    "Notifications",
]
# Entries of the header's menus (closed until opened, so read from the markup, not the screen).
MENUS = ["Cities", "Benchmark", "Challenges", "Dashboard", "Profile", "Log out"]
PAGES = {
    "city": ["Population", "Coordinates"],
    "benchmark": [],
    "challenge_form": ["Post a challenge", "Title", "The problem", "Save", "Cancel"],
    "challenge": ["Matches", "Mentor cities", "Edit"],
}


def translations(code: str, msgids: list[str]) -> dict[str, str]:
    """What the interface says for each message in `code`: our catalogue, or where it is empty
    the catalogues of Django and allauth (as on the page)."""
    with translation.override(code):
        return {m: gettext(m) for m in msgids}


def assert_speaks(page: Any, code: str, msgids: list[str]) -> None:
    catalogue = translations(code, NAVIGATION + MENUS + msgids)
    untranslated = [m for m in NAVIGATION + MENUS + msgids if catalogue.get(m, m) == m]
    assert not untranslated, f"{code}: not translated in the catalogue: {untranslated}"
    text = page.locator("body").inner_text()
    missing = [catalogue[m] for m in NAVIGATION + msgids if catalogue[m] not in text]
    if missing:
        screenshot(page, f"i18n-missing-{code}")
    assert not missing, f"{code}: translations not on {page.url}: {missing}"
    entries = [
        " ".join(t.split()) for t in page.locator("header a, header button").all_text_contents()
    ]
    missing = [catalogue[m] for m in MENUS if catalogue[m] not in entries]
    assert not missing, f"{code}: menu entries not in the header of {page.url}: {missing}"
    english = [m for m in NAVIGATION + MENUS if m in entries]
    assert not english, f"{code}: English navigation on {page.url}: {english}"
    assert page.locator("html").get_attribute("lang") == code


@pytest.mark.parametrize("code", ["fi", "et"])
def test_a_city_officer_works_in_their_language(
    page: Any, world: World, live_server: Any, code: str
) -> None:
    page.context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": code, "url": live_server.url}]
    )
    # E-mail verification is mandatory: the officer has confirmed their address.
    from allauth.account.models import EmailAddress

    EmailAddress.objects.update_or_create(
        user=world.users["editor"],
        email="editor@helsinki.example",
        defaults={"verified": True, "primary": True},
    )
    page.goto("/accounts/login/")
    assert page.locator("html").get_attribute("lang") == code
    page.locator("input[name=login]").fill("editor@helsinki.example")
    page.locator("input[name=password]").fill("a-Strong-password-1")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(lambda url: "/accounts/" not in url)
    # The officer's profile still says English (the default): they choose their language with the
    # header's switcher, which keeps it in their profile (for pages and e-mails alike).
    with page.expect_navigation():
        page.locator("#language-select").select_option(code)
    assert page.locator("html").get_attribute("lang") == code
    officer = world.users["editor"]
    assert officer is not None
    officer.refresh_from_db()
    assert officer.preferred_language == code

    page.goto(f"/cities/{world.city.slug}/")
    assert_speaks(page, code, PAGES["city"])

    page.goto("/benchmark/")
    assert_speaks(page, code, PAGES["benchmark"])

    page.goto("/challenges/new/")
    assert_speaks(page, code, PAGES["challenge_form"])
    page.locator("select[name=owner_city]").select_option(value=str(world.city.pk))
    page.locator("input[name=title]").fill("Talvipyöräily / Talvine rattasõit")
    page.locator("textarea[name=problem_statement]").fill(
        "Cycle paths are not cleared early enough in winter."
    )
    page.locator("input[name=domains][value=mobility]").check()
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(lambda url: "/challenges/new/" not in url)
    page.locator("#matches").wait_for()
    assert_speaks(page, code, PAGES["challenge"])
    screenshot(page, f"i18n-challenge-{code}")
