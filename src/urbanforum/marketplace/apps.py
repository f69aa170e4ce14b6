from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MarketplaceConfig(AppConfig):
    name = "urbanforum.marketplace"
    label = "marketplace"
    verbose_name = "Marketplace: solutions and experts"
    url_prefix = "marketplace/"
    nav_items = [
        (_("Solutions"), "marketplace:solution_list"),
        (_("Experts"), "marketplace:expert_list"),
    ]

    def ready(self) -> None:
        from urbanforum.marketplace import permissions  # noqa: F401  (registers the rules)
