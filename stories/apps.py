from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StoriesConfig(AppConfig):
    name = "stories"
    verbose_name = _("Case stories")

    @property
    def update_published(self):
        """The event other apps listen to, reached through the app registry
        (`apps.get_app_config("stories").update_published`) so nothing imports stories."""
        from stories.signals import update_published

        return update_published

    def ready(self):
        from wagtail.signals import page_published

        from stories.signals import announce_update

        # A published story announces its ticked updates (stories/signals.py); who hears
        # about them is decided by whoever listens (the supporters app).
        page_published.connect(announce_update, dispatch_uid="stories.announce_update")
