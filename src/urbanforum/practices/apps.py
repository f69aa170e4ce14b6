from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticesConfig(AppConfig):
    name = "urbanforum.practices"
    label = "practices"
    verbose_name = "Good practices"
    url_prefix = "practices/"
    nav_items = [(_("Good practices"), "practices:list")]

    def ready(self) -> None:
        from urbanforum.practices import permissions  # noqa: F401  (registers the rules)
