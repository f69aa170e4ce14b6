from django.apps import AppConfig


class PracticesConfig(AppConfig):
    name = "urbanforum.practices"
    label = "practices"
    verbose_name = "Good practices"
    # Mounted by urbanforum.urls when the app has a urls.py; its api.py router is mounted on /api/v1/.
    url_prefix = "practices/"
    # Main navigation entries: (label, URL name). Entries whose URL does not resolve are hidden.
    nav_items: list[tuple[str, str]] = []
