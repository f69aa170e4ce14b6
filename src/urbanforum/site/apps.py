from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SiteConfig(AppConfig):
    """The top floor: what joins every app into one site — the home page and `urbanforum demo`.

    Nothing imports it; it may import any app below it (docs/architecture.md).
    """

    name = "urbanforum.site"
    label = "site"
    verbose_name = _("The site")
