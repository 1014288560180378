"""The public "Find your representatives" page."""

from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

from officials.forms import ZipLookupForm

__all__ = ["representatives"]


def representatives(request):
    """The page's form POSTs the ZIP code, so it never appears in a URL, a server log, the
    browser history or a Referer; it is never stored. A GET with `?zip=` (an old bookmark)
    still answers. The answer must not be cached by shared caches."""
    data = request.POST if request.method == "POST" else request.GET
    form = ZipLookupForm(data or None)
    lookup = form.lookup() if form.is_bound and form.is_valid() else None
    response = render(
        request,
        "pages/representatives_lookup.html",
        # view_title names the link card; the canonical address leaves the ZIP out.
        {"form": form, "lookup": lookup, "view_title": _("Find your representatives")},
    )
    if form.is_bound:
        # Someone's ZIP code and their representatives: never in a shared cache.
        patch_cache_control(response, private=True, no_store=True)
    # The empty form is the same for everyone: caching/middleware.py makes it public.
    response["Referrer-Policy"] = "no-referrer"
    return response
