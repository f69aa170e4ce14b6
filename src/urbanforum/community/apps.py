from django.apps import AppConfig
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class CommunityConfig(AppConfig):
    name = "urbanforum.community"
    label = "community"
    verbose_name = _("Community: working groups, discussions, events, mentoring")
    # Mounted by urbanforum.urls when the app has a urls.py; its api.py router is mounted on /api/v1/.
    url_prefix = "community/"
    # Main navigation entries: (label, URL name). Entries whose URL does not resolve are hidden.
    nav_group = "community"  # its group in the main navigation (core.context_processors)
    nav_items: list[tuple[str | Promise, str]] = [
        (_("Working groups"), "community:group_list"),
        (_("Events"), "community:event_list"),
        (_("Mentoring"), "community:mentoring"),
    ]

    def ready(self) -> None:
        from urbanforum.community import (
            notifications,  # noqa: F401  (registers the strategies)
            panels,
            permissions,  # noqa: F401  (registers the rules)
        )

        # The process page shows the process's discussions and events (processes' panel hook).
        panels.register()
        from urbanforum.community import translatable

        translatable.register()  # groups and events are translatable (core.translations)

        # What it holds about people: exported and erased on request (accounts.personal_data).
        from urbanforum.community.personal_data import register_personal_data

        register_personal_data()
