from django.apps import AppConfig


class SiteConfig(AppConfig):
    """The top floor: what joins every app into one site — the home page and `urbanforum demo`.

    Nothing imports it; it may import any app below it (docs/architecture.md).
    """

    name = "urbanforum.site"
    label = "site"
    verbose_name = "The site"
