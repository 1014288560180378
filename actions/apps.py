from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, post_save
from django.utils.translation import gettext_lazy as _


class ActionsConfig(AppConfig):
    name = "actions"
    verbose_name = _("Urgent actions")

    def ready(self):
        from actions.signals import create_groups

        # After every migrate, so the group exists on new and old databases alike.
        post_migrate.connect(create_groups, dispatch_uid="actions.create_groups")

        from actions.models import AllowedNetwork
        from actions.ratelimit import forget_allowed_networks

        for signal in (post_save, post_delete):
            signal.connect(
                forget_allowed_networks, sender=AllowedNetwork, dispatch_uid="actions.networks"
            )
