from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StoriesConfig(AppConfig):
    name = "stories"
    verbose_name = _("Case stories")

    def ready(self):
        from wagtail.signals import page_published

        from stories.notifications import on_page_published

        # Supporters hear about a published update (stories/notifications.py).
        page_published.connect(on_page_published, dispatch_uid="stories.notify_supporters")

