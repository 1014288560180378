"""Deploy check standing in for Django's security.W003.

Django's W003 looks for the literal path `django.middleware.csrf.CsrfViewMiddleware` in
MIDDLEWARE, so it fires for our subclass (caching/csrf.py), which keeps every token check
and adds the Origin check for the cookie-free public forms. W003 is silenced in settings;
this check refuses a deployment that has neither middleware, which is what W003 guards.
"""

from django.conf import settings
from django.core import checks
from django.middleware.csrf import CsrfViewMiddleware
from django.utils.module_loading import import_string


def csrf_middleware_installed(app_configs, **kwargs):
    for path in settings.MIDDLEWARE:
        try:
            middleware = import_string(path)
        except ImportError:
            continue
        if isinstance(middleware, type) and issubclass(middleware, CsrfViewMiddleware):
            return []
    return [
        checks.Warning(
            "No CSRF middleware (Django's CsrfViewMiddleware or a subclass) is installed.",
            hint="Keep caching.csrf.OriginCheckingCsrfViewMiddleware in MIDDLEWARE.",
            id="caching.W001",
        )
    ]
