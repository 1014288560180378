"""Views outside the page tree: site search and the error pages."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from wagtail.models import Locale, Page


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
        {"search_query": query, "search_results": page_obj},
    )


def page_not_found(request, exception=None):
    """The 404 page, in the language of the URL's prefix (LocaleMiddleware has set it)."""
    return render(request, "404.html", status=404)


def server_error(request):
    """A 500 page with no context at all, so nothing about the failure can leak."""
    return HttpResponseServerError(loader.get_template("500.html").render())
