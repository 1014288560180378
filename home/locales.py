"""The reader's Locale without a query per call.

Wagtail's `Locale.get_active()` queries the database every time it is called, and a page
asks for it from several places (routing, linked actions, site chrome, featured stories):
4–8 identical queries a request. Locales are a handful of rows that change only when an
administrator adds a language, so each process remembers them, and forgets on any save
or delete of a Locale.
"""

from django.conf import settings
from django.db.models.signals import post_delete, post_save
from django.utils import translation
from wagtail.models import Locale

_known = {}


def active_locale():
    """`Locale.get_active()`, remembered per language code."""
    code = translation.get_language() or settings.LANGUAGE_CODE
    locale = _known.get(code)
    if locale is None:
        locale = _known[code] = Locale.get_active()
    return locale


def forget(**kwargs):
    _known.clear()


post_save.connect(forget, sender=Locale, dispatch_uid="home.locales.saved")
post_delete.connect(forget, sender=Locale, dispatch_uid="home.locales.deleted")
