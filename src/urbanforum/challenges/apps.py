from django.apps import AppConfig


class ChallengesConfig(AppConfig):
    name = "urbanforum.challenges"
    label = "challenges"
    verbose_name = "Challenges"
    url_prefix = "challenges/"
    nav_items: list[tuple[str, str]] = []

    def ready(self) -> None:
        from urbanforum.challenges import permissions  # noqa: F401  (registers the rules)
