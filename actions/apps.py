from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class ActionsConfig(AppConfig):
    name = "actions"
    verbose_name = _("Urgent actions")

    def ready(self):
        from actions.models import AllowedNetwork
        from actions.ratelimit import forget_allowed_networks

        # An edited allow-list applies at once, not when the cached copy expires.
        for signal in (post_save, post_delete):
            signal.connect(
                forget_allowed_networks, sender=AllowedNetwork, dispatch_uid="actions.networks"
            )
