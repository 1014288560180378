"""Where each language's version of the current page lives.

Used by the language switcher and the hreflang alternates in base.html, so that both
always agree.
"""

from dataclasses import dataclass

from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Locale, Page


def active_language():
    """The active language's code without a region ("es" for "es-mx"), or ""."""
    return (translation.get_language() or "").split("-")[0]


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str
    url: str
    is_current: bool
    # True when no translation of this page exists and the link goes to that language's home.
    is_fallback: bool


def _home_url_for(language_code, request):
    """The home page of a language, or its bare prefix when no home exists yet."""
    site_root = None
    try:
        locale = Locale.objects.get(language_code=language_code)
    except Locale.DoesNotExist:
        locale = None
    if locale is not None:
        from wagtail.models import Site

        site = Site.find_for_request(request)
        if site is not None:
            site_root = site.root_page.get_translation_or_none(locale)
    if site_root is not None and site_root.live:
        return site_root.get_url(request=request)
    return f"/{language_code}/"


def page_translations(page, request=None):
    """Live translations of `page`, keyed by language code (the page itself included).

    The language switcher and the hreflang alternates both ask; with a request the answer
    is kept on it, so a page pays for one query, not two.
    """
    memo = getattr(request, "_haven_page_translations", None) if request is not None else None
    if memo is not None and page.pk in memo:
        return memo[page.pk]
    found = {
        p.locale.language_code: p
        for p in page.get_translations(inclusive=True).live().select_related("locale")
    }
    if request is not None:
        if memo is None:
            memo = request._haven_page_translations = {}
        memo[page.pk] = found
    return found


def language_links(request, page=None):
    """One link per site language, pointing at the same page in that language."""
    current = translation.get_language()
    live = page_translations(page, request) if isinstance(page, Page) else None
    links = []
    for code, name in settings.LANGUAGES:
        if live is not None:
            target = live.get(code)
            if target is not None:
                url, fallback = target.get_url(request=request), False
            else:
                url, fallback = _home_url_for(code, request), True
        else:
            url = translate_url(request.get_full_path(), code)
            fallback = False
        links.append(LanguageLink(code, name, url, code == current, fallback))
    return links


def hreflang_alternates(request, page):
    """(hreflang, absolute URL) pairs for every live translation, plus x-default."""
    if not isinstance(page, Page):
        return []
    live = page_translations(page, request)
    alternates = [
        (code, live[code].get_full_url(request=request))
        for code, _name in settings.LANGUAGES
        if code in live
    ]
    default = live.get(settings.LANGUAGE_CODE)
    if default is not None:
        alternates.append(("x-default", default.get_full_url(request=request)))
    return alternates
