from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CachingConfig(AppConfig):
    """What a shared cache (Varnish, a CDN) may keep, and telling it when pages change."""

    name = "caching"
    verbose_name = _("Page cache")

    def ready(self):
        from django.core import checks

        from caching import purge
        from caching.checks import csrf_middleware_installed

        checks.register(csrf_middleware_installed, checks.Tags.security, deploy=True)

        purge.connect()
