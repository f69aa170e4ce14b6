from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProcurementConfig(AppConfig):
    name = "urbanforum.procurement"
    label = "procurement"
    verbose_name = _("Joint procurement")
    # Mounted by urbanforum.urls when the app has a urls.py; its api.py router is mounted on /api/v1/.
    url_prefix = "procurement/"
    # Main navigation entries: (label, URL name). Entries whose URL does not resolve are hidden.
    nav_group = "action"  # its group in the main navigation (core.context_processors)
    nav_items: list[tuple[Any, str]] = [(_("Procurement"), "procurement:list")]

    def ready(self) -> None:
        from urbanforum.processes.registry import register_feature
        from urbanforum.procurement import notifications

        notifications.connect()
        from urbanforum.procurement import permissions  # noqa: F401  (registers the rules)

        # The Action phase of a collaboration process offers its joint procurements.
        register_feature(
            phase_type="action",
            feature="procurement",
            label=str(_("Joint procurement")),
            url_name="procurement:process_procurement",
            description=str(_("Buy together: lots, each city's demand, sealed bids, award.")),
        )

        # What it holds about people: exported and erased on request (accounts.personal_data).
        from urbanforum.procurement.personal_data import register_personal_data

        register_personal_data()
