from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "urbanforum.notifications"
    label = "notifications"
    verbose_name = "Notifications"
    url_prefix = "notifications/"
    nav_items: list[tuple[str, str]] = []
    verbose_label = _("Notifications")

    def ready(self) -> None:
        from urbanforum.notifications import (  # noqa: F401  (registers rules and strategies)
            accounts_events,
            permissions,
            subscribers,
        )

        subscribers.connect()

        # What it holds about people: exported and erased on request (accounts.personal_data).
        from urbanforum.notifications.personal_data import register_personal_data

        register_personal_data()
