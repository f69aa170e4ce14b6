from django.apps import AppConfig
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class ProcessesConfig(AppConfig):
    name = "urbanforum.processes"
    label = "processes"
    verbose_name = _("Collaboration processes")
    # Mounted by urbanforum.urls when the app has a urls.py; its api.py router is mounted on /api/v1/.
    url_prefix = "processes/"
    # Main navigation entries: (label, URL name). Entries whose URL does not resolve are hidden.
    nav_group = "action"  # its group in the main navigation (core.context_processors)
    nav_items: list[tuple[str | Promise, str]] = [(_("Processes"), "processes:list")]
    # A section on the city profile (cities includes it with `city` and `request`).
    city_profile_templates: list[str] = ["processes/city_profile.html"]

    def ready(self) -> None:
        from urbanforum.processes import (
            notifications,  # noqa: F401  (registers the strategies)
            permissions,  # noqa: F401  (registers the rules)
        )

        # What it holds about people: exported and erased on request (accounts.personal_data).
        from urbanforum.processes.personal_data import register_personal_data

        register_personal_data()
