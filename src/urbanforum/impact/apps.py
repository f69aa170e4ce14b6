from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImpactConfig(AppConfig):
    name = "urbanforum.impact"
    label = "impact"
    verbose_name = _("Pilots and impact")
    # Mounted by urbanforum.urls when the app has a urls.py; its api.py router is mounted on /api/v1/.
    url_prefix = "impact/"
    # Main navigation entries: (label, URL name). Entries whose URL does not resolve are hidden.
    nav_group = "action"  # its group in the main navigation (core.context_processors)
    nav_items: list[tuple[Any, ...]] = [
        (_("Pilots"), "impact:list"),
        (_("Impact of pilots"), "impact:list", "evaluation"),
    ]

    def ready(self) -> None:
        from urbanforum.impact import permissions  # noqa: F401  (registers the rules)
        from urbanforum.processes.registry import register_feature

        # The Action phase of a collaboration process offers its pilots.
        register_feature(
            phase_type="action",
            feature="pilots",
            label=str(_("Pilots and impact")),
            url_name="impact:process_pilots",
            description=str(
                _("Pilot the solution, measure KPIs, cost, savings, carbon handprint.")
            ),
        )
