from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "urbanforum.accounts"
    label = "accounts"
    verbose_name = "Accounts and organisations"

    def ready(self) -> None:
        from urbanforum.accounts import permissions  # noqa: F401  (registers the rules)
