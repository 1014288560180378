from django.apps import AppConfig
from django.db.models.signals import post_migrate, post_save
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Home and site settings")

    def ready(self):
        from home import roles

        # Every group and its permissions: created after migrate, never by a data migration.
        post_migrate.connect(roles.on_post_migrate, dispatch_uid="home_roles")
        post_save.connect(roles.on_page_saved, dispatch_uid="home_spanish_home_roles")
