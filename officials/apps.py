from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OfficialsConfig(AppConfig):
    """Targets, their district offices, the open-data importers and the ZIP lookup.

    Imports nothing from the page apps: `actions` asks this app whom a reader should
    contact, never the other way round.
    """

    name = "officials"
    verbose_name = _("Officials")
    default_auto_field = "django.db.models.BigAutoField"
