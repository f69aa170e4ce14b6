from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChallengesConfig(AppConfig):
    name = "urbanforum.challenges"
    label = "challenges"
    verbose_name = _("Challenges")
    url_prefix = "challenges/"
    nav_group = "challenges"  # its group in the main navigation (core.context_processors)
    nav_items = [(_("Challenges"), "challenges:list")]
    city_profile_templates = ["challenges/_city_section.html"]

    def ready(self) -> None:
        # Importing `permissions` registers the rules; `searchable` registers with matching.
        from urbanforum.challenges import (  # noqa: F401  (registers rules and strategies)
            notifications,
            permissions,
            searchable,
        )

        searchable.register()  # challenges become searchable (matching's registry)
        from urbanforum.challenges import translatable

        translatable.register()  # and translatable (core.translations)
        from urbanforum.challenges.services import new_matches_check
        from urbanforum.matching import registry

        # New content that matches an open challenge is news for its officers.
        registry.on_content_indexed(new_matches_check)
