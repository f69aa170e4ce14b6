from django.apps import AppConfig


class MarketplaceConfig(AppConfig):
    name = "urbanforum.marketplace"
    label = "marketplace"
    verbose_name = "Marketplace: solutions and experts"
    # Mounted by urbanforum.urls when the app has a urls.py; its api.py router is mounted on /api/v1/.
    url_prefix = "marketplace/"
    # Main navigation entries: (label, URL name). Entries whose URL does not resolve are hidden.
    nav_items: list[tuple[str, str]] = []
