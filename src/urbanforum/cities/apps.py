from django.apps import AppConfig


class CitiesConfig(AppConfig):
    name = "urbanforum.cities"
    label = "cities"
    verbose_name = "Cities"

    def ready(self) -> None:
        from urbanforum.cities import permissions  # noqa: F401  (registers the rules)
