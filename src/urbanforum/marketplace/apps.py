from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MarketplaceConfig(AppConfig):
    name = "urbanforum.marketplace"
    label = "marketplace"
    verbose_name = _("Marketplace: solutions and experts")
    url_prefix = "marketplace/"
    nav_group = "challenges"  # its group in the main navigation (core.context_processors)
    nav_items = [
        (_("Solutions"), "marketplace:solution_list"),
        (_("Experts"), "marketplace:expert_list"),
    ]

    def ready(self) -> None:
        # Importing `permissions` registers the rules; `searchable` registers with matching.
        from urbanforum.marketplace import permissions, searchable  # noqa: F401

        searchable.register()  # solutions and experts become searchable (matching's registry)
        from urbanforum.marketplace import translatable

        translatable.register()  # and translatable (core.translations)

        # What it holds about people: exported and erased on request (accounts.personal_data).
        from urbanforum.marketplace.personal_data import register_personal_data

        register_personal_data()
