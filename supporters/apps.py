from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupportersConfig(AppConfig):
    """Who hears what: `actions` and `stories` announce events, this app listens.

    Nothing here is imported by the page apps; the one-way arrow is the signals below.
    """

    name = "supporters"
    verbose_name = _("Supporters")

    def ready(self):
        from django.apps import apps

        from actions.signals import action_taken
        from supporters import receivers

        action_taken.connect(receivers.on_action_taken, dispatch_uid="supporters.action_taken")
        from actions.delivery import letter_delivery

        letter_delivery.connect(
            receivers.on_letter_delivery, dispatch_uid="supporters.letter_delivery"
        )
        # Through the registry, like apps.get_model: supporters never imports stories.
        update_published = apps.get_app_config("stories").update_published
        update_published.connect(
            receivers.on_update_published, dispatch_uid="supporters.update_published"
        )
