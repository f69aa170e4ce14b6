from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewsConfig(AppConfig):
    name = "urbanforum.reviews"
    label = "reviews"
    verbose_name = "Peer and expert review"
    # Mounted by urbanforum.urls when the app has a urls.py; its api.py router is mounted on /api/v1/.
    url_prefix = "reviews/"
    # Main navigation entries: (label, URL name). Entries whose URL does not resolve are hidden.
    nav_items: list[tuple[Any, str]] = [(_("Reviews"), "reviews:list")]

    def ready(self) -> None:
        from urbanforum.reviews import permissions  # noqa: F401  (registers the rules)
