from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "urbanforum.matching"
    label = "matching"
    verbose_name = "Matching and search"
    # Mounted by urbanforum.urls when the app has a urls.py; its api.py router is mounted on /api/v1/.
    url_prefix = "search/"
    # Main navigation entries: (label, URL name). Entries whose URL does not resolve are hidden.
    nav_items: list[tuple[str, str]] = []
