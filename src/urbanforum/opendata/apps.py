from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpendataConfig(AppConfig):
    """Open data: the platform's public knowledge as a DCAT-AP 3.0.1 catalogue with its dumps.

    On its own floor below `site`: it reads (never writes) every domain app, through the same
    visibility policies as anonymous pages (docs/open-data.md).
    """

    name = "urbanforum.opendata"
    label = "opendata"
    verbose_name = "Open data"
    url_prefix = "opendata/"
    nav_group = "share"  # its group in the main navigation (core.context_processors)
    nav_items: list[tuple[Any, str]] = [(_("Open data"), "opendata:index")]

    def ready(self) -> None:
        from urbanforum.opendata import permissions  # noqa: F401  (registers the rules)
