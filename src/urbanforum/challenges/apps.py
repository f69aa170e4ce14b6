from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChallengesConfig(AppConfig):
    name = "urbanforum.challenges"
    label = "challenges"
    verbose_name = "Challenges"
    url_prefix = "challenges/"
    nav_items = [(_("Challenges"), "challenges:list")]
    city_profile_templates = ["challenges/_city_section.html"]

    def ready(self) -> None:
        from urbanforum.challenges import permissions  # noqa: F401  (registers the rules)
