from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "urbanforum.core"
    label = "core"
    verbose_name = "Core"
