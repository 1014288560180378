from django.apps import AppConfig
from django.db.models.signals import pre_save
from django.utils.translation import gettext_lazy as _


class TranslationConfig(AppConfig):
    """Translating the site: the review workflow, the dashboard, placeholder checks,
    segment rules and sync helpers. It knows pages only through Wagtail and wagtail-localize."""

    name = "translation"
    verbose_name = _("Translation")

    def ready(self):
        from wagtail_localize.models import StringTranslation

        from translation.placeholders import flag_placeholder_mismatch

        # Every saved Spanish string is checked for its {placeholders}, whatever saved it.
        pre_save.connect(
            flag_placeholder_mismatch,
            sender=StringTranslation,
            dispatch_uid="translation_placeholder_check",
        )
