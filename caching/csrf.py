"""Cross-site request forgery protection that lets anonymous action pages stay cookie-free.

Django's token check needs a `csrftoken` cookie, and a page that sets one cannot be held by a
shared cache. The forms readers send from cached pages (sign, call, email: the paths in
`HAVEN_ORIGIN_CHECKED_PATHS`) are instead checked by where the POST comes from: the
`Origin` header, which every current browser sends on a form POST with or without
JavaScript, must be this site (or one of `CSRF_TRUSTED_ORIGINS`); when a browser sends no
Origin, the `Referer` must be. A cross-site form gets the same localised 403 page as a
failed token. Only a request carrying neither header falls back to Django's token check.
Every other form (the admin, the lookup, anything new) keeps Django's token check.
See docs/caching.md.
"""

import re
from urllib.parse import urlsplit

from django.conf import settings
from django.middleware.csrf import REASON_BAD_ORIGIN, CsrfViewMiddleware
from django.utils.functional import cached_property
from django.utils.http import is_same_domain

REASON_BAD_REFERER_ORIGIN = "Referer %s does not match any trusted origins."
SAFE_METHODS = ("GET", "HEAD", "OPTIONS", "TRACE")


class OriginCheckingCsrfViewMiddleware(CsrfViewMiddleware):
    @cached_property
    def origin_checked_paths(self):
        return [re.compile(p) for p in settings.HAVEN_ORIGIN_CHECKED_PATHS]

    def _origin_checked(self, request):
        return any(p.search(request.path_info) for p in self.origin_checked_paths)

    def _trusted(self, request, origin):
        """Django's own rule for the Origin header, applied to any origin string."""
        good = "{}://{}".format("https" if request.is_secure() else "http", request.get_host())
        if origin == good or origin in self.allowed_origins_exact:
            return True
        try:
            parsed = urlsplit(origin)
        except ValueError:
            return False
        return any(
            is_same_domain(parsed.netloc, host)
            for host in self.allowed_origin_subdomains.get(parsed.scheme, ())
        )

    def process_view(self, request, callback, callback_args, callback_kwargs):
        if (
            request.method in SAFE_METHODS
            or getattr(callback, "csrf_exempt", False)
            or getattr(request, "_dont_enforce_csrf_checks", False)
            or not self._origin_checked(request)
        ):
            return super().process_view(request, callback, callback_args, callback_kwargs)
        origin = request.META.get("HTTP_ORIGIN")
        if origin is not None:
            if self._trusted(request, origin):
                return self._accept(request)
            return self._reject(request, REASON_BAD_ORIGIN % origin)
        referer = request.META.get("HTTP_REFERER")
        if referer:
            try:
                parts = urlsplit(referer)
            except ValueError:
                parts = None
            if (
                parts is not None
                and parts.scheme in ("http", "https")
                and self._trusted(request, f"{parts.scheme}://{parts.netloc}")
            ):
                return self._accept(request)
            return self._reject(request, REASON_BAD_REFERER_ORIGIN % referer)
        return super().process_view(request, callback, callback_args, callback_kwargs)
