from __future__ import annotations

from functools import cache

from django.apps import apps
from django.conf import settings
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse

from urbanforum import __version__


@cache
def _nav_items() -> tuple[tuple[str, str, str], ...]:
    """(label, url, app label) of every app's main navigation entries that resolve."""
    items = []
    for config in apps.get_app_configs():
        for label, url_name in getattr(config, "nav_items", []):
            try:
                items.append((label, reverse(url_name), config.label))
            except NoReverseMatch:
                continue
    return tuple(items)


def site(request: HttpRequest) -> dict[str, object]:
    return {
        "URBANFORUM_VERSION": __version__,
        "LANGUAGES": settings.LANGUAGES,
        "NAV_ITEMS": _nav_items(),
    }
