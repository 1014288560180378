"""Request plumbing that protects every view: input no view can store, and failures that
must not cost a reader what they typed.

`CleanInputMiddleware` runs before any view. PostgreSQL cannot store or even compare a
string holding a NUL character (psycopg refuses it), so a `%00` anywhere in a query string
or form would be a 500; it is dropped from parameters and refused in paths. Invalid UTF-8
is already replaced by Django when it decodes the request.
"""

from django.http import QueryDict
from django.shortcuts import render
from django.utils import translation

NUL = "\x00"


def _has_nul(querydict):
    return any(NUL in key or any(NUL in v for v in values) for key, values in querydict.lists())


def _without_nul(querydict):
    clean = QueryDict(mutable=True, encoding=querydict.encoding)
    for key, values in querydict.lists():
        clean.setlist(key.replace(NUL, ""), [value.replace(NUL, "") for value in values])
    clean._mutable = False
    return clean


class CleanInputMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if NUL in request.path:
            # No page, file or route has a NUL in its address. (LocaleMiddleware has not
            # run yet: take the language from the path's prefix.)
            language = translation.get_language_from_path(request.path_info)
            with translation.override(language or translation.get_language()):
                return render(request, "400.html", status=400)
        if _has_nul(request.GET):
            request.GET = _without_nul(request.GET)
        if request.method == "POST" and request.content_type in (
            "application/x-www-form-urlencoded",
            "multipart/form-data",
        ):
            if _has_nul(request.POST):
                request.POST = _without_nul(request.POST)
        return self.get_response(request)
