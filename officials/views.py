"""The public "Find your representatives" page."""

from django.shortcuts import render
from django.utils.cache import patch_cache_control

from officials.forms import ZipLookupForm

__all__ = ["representatives"]


def representatives(request):
    """GET-only lookup: the ZIP stays in the reader's own query string and is never stored
    or logged; the answer must not be cached by shared caches or leak in a Referer."""
    form = ZipLookupForm(request.GET or None)
    lookup = form.lookup() if form.is_bound and form.is_valid() else None
    response = render(
        request,
        "pages/representatives_lookup.html",
        {"form": form, "lookup": lookup},
    )
    if form.is_bound:
        # Someone's ZIP code and their representatives: never in a shared cache.
        patch_cache_control(response, private=True, no_store=True)
    # The empty form is the same for everyone: caching/middleware.py makes it public.
    response["Referrer-Policy"] = "no-referrer"
    return response
