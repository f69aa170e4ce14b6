"""Helpers of the role journeys (issue 13, point 9): a person reaches everything by clicking from
the page they land on after logging in; no navigation may end on an error page, and every
notification they get is opened by clicking it in the notification list.

`page.goto` is used only by `log_in` (the log-in page); everything after it is a click."""

from __future__ import annotations

from typing import Any

from tests.browser.conftest import log_in, open_menu


def assert_no_error_page(page: Any) -> None:
    """The page shown is not one of the error pages (403, 404, 500 …: `.error-page`)."""
    page.wait_for_load_state()
    assert page.locator(".error-page").count() == 0, f"error page at {page.url}"


def switch_to(page: Any, email: str) -> None:
    """Another person logs in (in the same browser, after the previous one's session is gone)."""
    page.context.clear_cookies()
    log_in(page, email)
    assert_no_error_page(page)


def menu(page: Any, group: str, item: str) -> None:
    """Click `item` in the header's menu `group` (start, challenges, action, evaluation, share,
    community, account)."""
    open_menu(page, f"nav-{group}")
    page.locator(f"#nav-{group}").get_by_role("link", name=item, exact=True).first.click()
    assert_no_error_page(page)


def open_notification(page: Any, text: str) -> None:
    """Click the header's Notifications, then the notification whose text contains `text`; the
    page it leads to must exist."""
    page.locator("a.notification-bell").click()
    assert_no_error_page(page)
    page.locator(".notification-list").get_by_role("button", name=text).first.click()
    assert_no_error_page(page)
    assert "/notifications/" not in page.url, f"the notification “{text}” leads nowhere"


def open_every_notification(page: Any) -> int:
    """Click each notification of the list in turn (coming back through the header each time):
    every one must lead to a page that exists. Returns how many there were."""
    page.locator("a.notification-bell").click()
    assert_no_error_page(page)
    count = page.locator(".notification-list li").count()
    for i in range(count):
        if i:
            page.locator("a.notification-bell").click()
            assert_no_error_page(page)
        item = page.locator(".notification-list li").nth(i)
        text = item.get_by_role("button").inner_text()
        item.get_by_role("button").click()
        assert_no_error_page(page)
        assert "/notifications/" not in page.url, f"the notification “{text}” leads nowhere"
    return count
