"""Views outside the page tree: site search and the error pages."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page, Site


def search(request):
    """Search live pages in the reader's language only."""
    query = request.GET.get("q", "").strip()[:200]
    results = Page.objects.none()
    if query:
        locale = Locale.get_active()
        results = Page.objects.live().public().filter(locale=locale).specific().search(query)
    paginator = Paginator(results, 10)
    try:
        page_obj = paginator.page(request.GET.get("page", 1))
    except (PageNotAnInteger, EmptyPage):
        page_obj = paginator.page(1)
    return render(
        request,
        "pages/search.html",
        {"search_query": query, "search_results": page_obj, "view_title": _("Search")},
    )


def page_not_found(request, exception=None):
    """The 404 page, in the language of the URL's prefix (LocaleMiddleware has set it).

    A Spanish reader who reaches a page that is not translated yet (an English slug under
    /es/, a draft translation, a "Sync from" alias) is told so in Spanish and offered the
    English page, never a dead end.
    """
    fallback = None
    try:
        fallback = untranslated_fallback(request)
    except Exception:  # noqa: BLE001 - a 404 page must render whatever the tree holds
        fallback = None
    context = {"fallback_page": None, "translated_page": None}
    if fallback is not None:
        key = "translated_page" if fallback.locale.language_code == _language() else "fallback_page"
        context[key] = fallback
        context[key + "_url"] = fallback.get_url(request=request)
    return render(request, "404.html", context, status=404)


def _language():
    return (translation.get_language() or "").split("-")[0]


def untranslated_fallback(request):
    """The live page a reader meant at a non-default-language URL that does not exist.

    Walks the URL's slugs from this language's home page; where a slug is not found among
    the translated children, it looks among the children of the English counterpart (links
    to untranslated pages carry English slugs). Returns the live translation in the
    reader's language if there is one, else the live English page, else None.
    """
    from django.conf import settings

    language = _language()
    if language == settings.LANGUAGE_CODE:
        return None
    prefix = f"/{language}/"
    if not request.path.startswith(prefix):
        return None
    site = Site.find_for_request(request)
    if site is None:
        return None
    reader_locale = Locale.objects.filter(language_code=language).first()
    default_locale = Locale.objects.filter(language_code=settings.LANGUAGE_CODE).first()
    if reader_locale is None or default_locale is None:
        return None
    root = site.root_page.get_translation_or_none(reader_locale) or site.root_page
    current = root
    for slug in [s for s in request.path[len(prefix) :].split("/") if s][:20]:
        match = current.get_children().filter(slug=slug).first()
        if match is None and current.locale_id != default_locale.id:
            english = current.get_translation_or_none(default_locale)
            if english is not None:
                match = english.get_children().filter(slug=slug).first()
        if match is None:
            return None
        current = match
    if current.id == root.id:
        return None
    translated = current.get_translation_or_none(reader_locale)
    if (
        translated is not None
        and translated.live
        and translated.alias_of_id is None
        and translated.id != current.id
    ):
        return translated.specific
    english = (
        current
        if current.locale_id == default_locale.id
        else (current.get_translation_or_none(default_locale))
    )
    if english is not None and english.live:
        return english.specific
    return None


def server_error(request):
    """A 500 page with no context at all, so nothing about the failure can leak."""
    return HttpResponseServerError(loader.get_template("500.html").render())
