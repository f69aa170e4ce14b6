from django.apps import AppConfig


class CitiesConfig(AppConfig):
    name = "urbanforum.cities"
    label = "cities"
    verbose_name = "Cities"
    url_prefix = "cities/"
    nav_items: list[tuple[str, str]] = [("Cities", "cities:list")]

    def ready(self) -> None:
        from urbanforum.cities import permissions  # noqa: F401  (registers the rules)
