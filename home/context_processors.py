"""Site chrome shared by every public template: the organisation's words in the reader's
language, the donate link, the privacy page and the menu.

The same for every page of a language, and it cost 5–8 queries a request (settings, the
translated snippet, the privacy page and its translation, the home page, the menu), so it
is kept in the shared cache per site and language and forgotten whenever a page is
published, unpublished, moved or deleted, or the settings or organisation change.
"""

from django.conf import settings
from django.core.cache import cache
from django.utils import translation
from wagtail.models import Site

from home.locales import active_locale
from home.models import HavenSettings

CHROME_KEY = "haven:site-chrome:{site}:{language}"


def _build(request, site):
    haven = HavenSettings.for_request(request)
    locale = active_locale()
    organisation = None
    if haven.organisation_id:
        organisation = haven.organisation.get_translation_or_none(locale) or haven.organisation
    privacy_page = None
    if haven.privacy_page_id:
        privacy_page = haven.privacy_page.get_translation_or_none(locale)
        if privacy_page is None or not privacy_page.live:
            privacy_page = haven.privacy_page if haven.privacy_page.live else None
    root = site.root_page
    home = root if root.locale_id == locale.pk else (root.get_translation_or_none(locale) or root)
    menu_pages = list(home.get_children().live().in_menu().filter(locale_id=home.locale_id))
    return {
        "menu_pages": menu_pages,
        "organisation": organisation,
        "donate_url": haven.donate_url,
        "privacy_page": privacy_page,
        "contact_email": haven.contact_email,
    }


def site_chrome(request):
    site = Site.find_for_request(request)
    if site is None:
        return {}
    key = CHROME_KEY.format(site=site.pk, language=translation.get_language())
    chrome = cache.get(key)
    if chrome is None:
        chrome = _build(request, site)
        cache.set(key, chrome, getattr(settings, "HAVEN_SITE_CHROME_CACHE_SECONDS", 300))
    return chrome


def forget_site_chrome(**kwargs):
    """Drop every site's and language's chrome (a handful of keys)."""
    codes = [code for code, _name in settings.LANGUAGES]
    cache.delete_many(
        [
            CHROME_KEY.format(site=site_id, language=code)
            for site_id in Site.objects.values_list("pk", flat=True)
            for code in codes
        ]
    )


def forget_site_chrome_on_change(sender, instance, **kwargs):
    """Any page saved or deleted (menus, titles, slugs), or the settings or organisation."""
    from wagtail.models import Page

    from home.models import OrganisationDetails

    if isinstance(instance, (Page, HavenSettings, OrganisationDetails)):
        forget_site_chrome()
