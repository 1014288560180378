from django.apps import AppConfig
from django.db.models.signals import post_migrate
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
        post_migrate.connect(grant_consent_permissions, sender=self)

        from wagtail.signals import page_published

        from stories.signals import announce_update

        # A published story announces its ticked updates (stories/signals.py); who hears
        # about them is decided by whoever listens (the supporters app).
        page_published.connect(announce_update, dispatch_uid="stories.announce_update")


# Wagtail's default groups: editors record consent, moderators may also delete a record
# entered by mistake. Translators get nothing: consent never reaches them.
CONSENT_PERMISSIONS = {
    "Editors": ["add", "change", "view"],
    "Moderators": ["add", "change", "view", "delete"],
}


def grant_consent_permissions(sender, using="default", **kwargs):
    """Idempotently give the editorial groups their consent-record permissions."""
    from django.contrib.auth.management import create_permissions
    from django.contrib.auth.models import Group, Permission

    # Our handler may run before auth's own for this app: make sure the rows exist.
    create_permissions(sender, verbosity=0, using=using)
    for group_name, actions in CONSENT_PERMISSIONS.items():
        group = Group.objects.using(using).filter(name=group_name).first()
        if group is None:
            continue
        perms = Permission.objects.using(using).filter(
            content_type__app_label="stories",
            codename__in=[f"{action}_consentrecord" for action in actions],
        )
        group.permissions.add(*perms)
