from __future__ import annotations

from typing import TYPE_CHECKING

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise  # a dev (typing) dependency only


class IndicatorsConfig(AppConfig):
    name = "urbanforum.indicators"
    label = "indicators"
    verbose_name = _("Indicators")
    # Mounted by urbanforum.urls when the app has a urls.py; its api.py router is mounted on /api/v1/.
    url_prefix = "indicators/"
    # Main navigation entries: (label, URL name). Entries whose URL does not resolve are hidden.
    nav_group = "start"  # its group in the main navigation (core.context_processors)
    nav_items: list[tuple[StrOrPromise, str]] = [(_("Indicators"), "indicators:catalogue")]

    def ready(self) -> None:
        from urbanforum.indicators import permissions  # noqa: F401  (registers the rules)
