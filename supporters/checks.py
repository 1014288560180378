"""Deployment checks of the supporters app (run by `manage.py check --deploy`)."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def email_hash_key_check(app_configs, **kwargs):
    if getattr(settings, "HAVEN_EMAIL_HASH_KEY", ""):
        return []
    return [
        Warning(
            "HAVEN_EMAIL_HASH_KEY is not set, so unsubscribes are matched by a hash keyed "
            "on SECRET_KEY: rotating SECRET_KEY would silently re-subscribe everyone who "
            "left.",
            hint="Set HAVEN_EMAIL_HASH_KEY once and never change it: on a site that "
            "already sends email, to the current SECRET_KEY value (existing unsubscribes "
            "keep matching); on a new site, to a new random string. See "
            "docs/deployment.md, 'Rotating SECRET_KEY'.",
            id="supporters.W001",
        )
    ]
