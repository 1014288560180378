from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Admin accounts: the second sign-in factor and sign-in throttling."""

    name = "accounts"
    verbose_name = _("Admin accounts")
