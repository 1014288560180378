from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, post_save, pre_save
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Home and site settings")

    def ready(self):
        from wagtail.signals import page_published, page_unpublished, post_page_move
        from wagtail_localize.models import StringTranslation

        from home import groups, translation_placeholders
        from home.context_processors import forget_site_chrome, forget_site_chrome_on_change

        # Roles and the review workflow: created after migrate, never by a data migration.
        post_migrate.connect(groups.on_post_migrate, dispatch_uid="home_translation_roles")
        post_save.connect(groups.on_page_saved, dispatch_uid="home_spanish_home_roles")
        # Every saved Spanish string is checked for its {placeholders}, whatever saved it.
        pre_save.connect(
            translation_placeholders.flag_placeholder_mismatch,
            sender=StringTranslation,
            dispatch_uid="home_placeholder_check",
        )
        # The cached site chrome (menu, privacy page, organisation) changes with these.
        for signal in (page_published, page_unpublished, post_page_move):
            signal.connect(forget_site_chrome, dispatch_uid=f"home_chrome_{signal!r}")
        post_save.connect(forget_site_chrome_on_change, dispatch_uid="home_chrome_saved")
        post_delete.connect(forget_site_chrome_on_change, dispatch_uid="home_chrome_deleted")
