from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticesConfig(AppConfig):
    name = "urbanforum.practices"
    label = "practices"
    verbose_name = _("Good practices")
    url_prefix = "practices/"
    nav_group = "share"  # its group in the main navigation (core.context_processors)
    nav_items = [
        (_("Good practices"), "practices:list", "challenges"),  # learn from others (step 2)
        (_("Good practices"), "practices:list"),
        (_("Share a good practice"), "practices:create"),
    ]

    def ready(self) -> None:
        # Importing `permissions` registers the rules; `searchable` registers with matching.
        from urbanforum.practices import permissions, searchable  # noqa: F401

        searchable.register()  # good practices become searchable (matching's registry)
        from urbanforum.practices import translatable

        translatable.register()  # and translatable (core.translations)
