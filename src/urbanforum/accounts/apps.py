from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "urbanforum.accounts"
    label = "accounts"
    verbose_name = _("Accounts and organisations")
    nav_group = "community"  # its group in the main navigation (core.context_processors)
    nav_items = [(_("Organisations"), "accounts:organisation_list")]

    def ready(self) -> None:
        from urbanforum.accounts import permissions  # noqa: F401  (registers the rules)
        from urbanforum.accounts.services import api_token_authenticate
        from urbanforum.core.api import register_token_authenticator

        register_token_authenticator(api_token_authenticate)

        from urbanforum.accounts.personal_data.own import register_own

        register_own()  # higher apps register their models in their own ready()
