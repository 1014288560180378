from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, post_save
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Home and site settings")

    def ready(self):
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from home import roles
        from home.context_processors import forget_site_chrome, forget_site_chrome_on_change

        # Every group and its permissions: created after migrate, never by a data migration.
        post_migrate.connect(roles.on_post_migrate, dispatch_uid="home_roles")
        post_save.connect(roles.on_page_saved, dispatch_uid="home_spanish_home_roles")
        # The cached site chrome (menu, privacy page, organisation) changes with these.
        for signal in (page_published, page_unpublished, post_page_move):
            signal.connect(forget_site_chrome, dispatch_uid=f"home_chrome_{signal!r}")
        post_save.connect(forget_site_chrome_on_change, dispatch_uid="home_chrome_saved")
        post_delete.connect(forget_site_chrome_on_change, dispatch_uid="home_chrome_deleted")
