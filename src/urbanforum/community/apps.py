from django.apps import AppConfig


class CommunityConfig(AppConfig):
    name = "urbanforum.community"
    label = "community"
    verbose_name = "Community: working groups, discussions, events, mentoring, notifications"
    # Mounted by urbanforum.urls when the app has a urls.py; its api.py router is mounted on /api/v1/.
    url_prefix = "community/"
    # Main navigation entries: (label, URL name). Entries whose URL does not resolve are hidden.
    nav_items: list[tuple[str, str]] = []
