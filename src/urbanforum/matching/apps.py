from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    name = "urbanforum.matching"
    label = "matching"
    verbose_name = _("Matching and search")
    url_prefix = "search/"
    nav_group = "challenges"  # its group in the main navigation (core.context_processors)
    nav_items = [(_("Search"), "matching:search")]
    city_profile_templates = ["matching/_city_section.html"]

    def ready(self) -> None:
        from urbanforum.matching import (
            notifications,  # noqa: F401  (registers the strategies)
            permissions,  # noqa: F401  (registers the rules)
        )

        # What it holds about people: exported and erased on request (accounts.personal_data).
        from urbanforum.matching.personal_data import register_personal_data

        register_personal_data()

        # A translation of content changes its item's documents in the index.
        from urbanforum.core.events import subscribe
        from urbanforum.matching.services import TRANSLATION_EVENTS, translation_changed

        for name in TRANSLATION_EVENTS:
            subscribe(name, translation_changed)
