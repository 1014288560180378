"""Request plumbing that protects every view: input no view can store, and failures that
must not cost a reader what they typed.

`CleanInputMiddleware` runs before any view. PostgreSQL cannot store or even compare a
string holding a NUL character (psycopg refuses it), so a `%00` anywhere in a query string
or form would be a 500; it is dropped from parameters and refused in paths. Invalid UTF-8
is already replaced by Django when it decodes the request.

`ContentSecurityPolicyMiddleware` and `PermissionsPolicyMiddleware` set the security
headers of every response (policies in cms/settings/base.py).
"""

from csp.middleware import CSPMiddleware
from csp.utils import default_config
from django.conf import settings
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


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp with two policies: the strict public one (`CONTENT_SECURITY_POLICY`), and
    for the Wagtail admin the tightest it still works under (`HAVEN_ADMIN_CSP`): Wagtail 8
    still writes inline scripts and styles in the admin (wagtail#1288, wagtail#7053)."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        admin_policy = getattr(settings, "HAVEN_ADMIN_CSP", None)
        if (
            not report_only
            and admin_policy
            and parts.config is None
            and request.path_info.startswith("/admin/")
        ):
            parts.config = default_config(admin_policy)
        return parts


class PermissionsPolicyMiddleware:
    """Switch off browser features no Haven page uses (`HAVEN_PERMISSIONS_POLICY`), so an
    injected script or an embedded frame cannot ask for a camera, microphone or location."""

    def __init__(self, get_response):
        self.get_response = get_response
        features = getattr(settings, "HAVEN_PERMISSIONS_POLICY", {})
        self.header = ", ".join(f"{name}=({' '.join(allow)})" for name, allow in features.items())

    def __call__(self, request):
        response = self.get_response(request)
        if self.header and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = self.header
        return response
