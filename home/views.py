"""Views outside the page tree: site search and the error pages."""

import sys

from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page, Site

from home.languages import active_language
from home.locales import active_locale


def search(request):
    """Search live pages in the reader's language only."""
    query = request.GET.get("q", "").strip()[:200]
    results = Page.objects.none()
    if query:
        locale = active_locale()
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
        same = fallback.locale.language_code == active_language()
        key = "translated_page" if same else "fallback_page"
        context[key] = fallback
        context[key + "_url"] = fallback.get_url(request=request)
    return render(request, "404.html", context, status=404)


def untranslated_fallback(request):
    """The live page a reader meant at a non-default-language URL that does not exist.

    Walks the URL's slugs from this language's home page; where a slug is not found among
    the translated children, it looks among the children of the English counterpart (links
    to untranslated pages carry English slugs). Returns the live translation in the
    reader's language if there is one, else the live English page, else None.
    """
    from django.conf import settings

    language = active_language()
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
    """A 500 page with no context at all, so nothing about the failure can leak.

    Django calls this while the uncaught exception is still being handled, wherever it was
    raised (a view, a template, a middleware saving the session): a database that is down
    or hung becomes a 503 that keeps what the reader typed.
    """
    if isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
        return database_unavailable(request)
    return HttpResponseServerError(loader.get_template("500.html").render())


# What a reader may have typed into a public form, by field name (prefixes like "sign-"
# dropped); everything else in the form travels back hidden, unchanged.
TYPED_FIELDS = {
    "first_name": _("First name"),
    "last_name": _("Last name"),
    "email": _("Email"),
    "zip_code": _("ZIP code"),
    "zip": _("ZIP code"),
    "city": _("City (optional)"),
    "subject": _("Subject"),
    "body": _("Message"),
}


def typed_values(request):
    """The posted form, as fields to show again: never read from the database."""
    fields = []
    if request.method != "POST":
        return fields
    try:
        items = list(request.POST.lists())
    except Exception:  # noqa: BLE001 - an unreadable body has nothing to give back
        return fields
    for name, values in items:
        short = name.rpartition("-")[2]
        label = TYPED_FIELDS.get(short)
        for value in values:
            fields.append(
                {
                    "name": name,
                    "value": value,
                    "label": label,
                    "hidden": label is None,
                    "multiline": short == "body",
                }
            )
    return fields


def healthz(request):
    """For a load balancer or process monitor: 200 when this process can reach its
    database, 503 when it cannot. Says nothing else (the email queue has
    `manage.py email_health`)."""
    from django.db import connection

    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        ok = True
    except Exception:  # noqa: BLE001 - any failure is "not ok" to a probe
        ok = False
    response = HttpResponse(
        "ok\n" if ok else "database unavailable\n",
        status=200 if ok else 503,
        content_type="text/plain",
    )
    response["Cache-Control"] = "no-store"
    return response


def database_unavailable(request):
    """503 in the reader's language, rendered without touching the database (no context
    processors), with their form filled in again so nothing they typed is lost."""
    context = {
        "LANGUAGE_CODE": active_language() or settings.LANGUAGE_CODE,
        "typed": typed_values(request),
        "action_url": request.path,
    }
    response = HttpResponse(render_to_string("503.html", context), status=503)
    response["Retry-After"] = str(getattr(settings, "HAVEN_RETRY_AFTER_SECONDS", 30))
    response["Cache-Control"] = "no-store"
    return response
