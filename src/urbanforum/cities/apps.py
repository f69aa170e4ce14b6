from django.apps import AppConfig
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class CitiesConfig(AppConfig):
    name = "urbanforum.cities"
    label = "cities"
    verbose_name = _("Cities")
    url_prefix = "cities/"
    nav_group = "start"  # its group in the main navigation (core.context_processors)
    nav_items: list[tuple[str | Promise, str]] = [(_("Cities"), "cities:list")]

    def ready(self) -> None:
        from urbanforum.cities import permissions  # noqa: F401  (registers the rules)
