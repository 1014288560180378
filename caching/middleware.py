"""The Cache-Control every response leaves with.

Anonymous readers of public pages all get the same bytes, so those responses say
`public, s-maxage=…` and a shared cache (Varnish, a CDN) may keep them; everything that can
be personal — a signed-in editor, a session with something in it, a cookie being set, a POST
answer, the admin — says `private, no-store`. Views that know better set Cache-Control
themselves (the thank-you step, the live count) and are left alone, except that a response
setting a cookie is never public.
"""

from django.conf import settings
from django.utils.cache import patch_cache_control

SAFE_METHODS = ("GET", "HEAD")
CACHEABLE_STATUSES = (200, 404)
PRIVATE = "private, no-store"


def public_cache_control():
    """The header a shared cache gets for public pages (values from the environment)."""
    return (
        f"public, max-age={settings.HAVEN_CACHE_MAX_AGE}, "
        f"s-maxage={settings.HAVEN_CACHE_S_MAXAGE}, "
        f"stale-while-revalidate={settings.HAVEN_CACHE_STALE_WHILE_REVALIDATE}, "
        f"stale-if-error={settings.HAVEN_CACHE_STALE_IF_ERROR}"
    )


def _is_personal(request, response, explicit=False):
    if response.cookies:
        return True
    if request.method not in SAFE_METHODS:
        return True
    if any(request.path_info.startswith(p) for p in settings.HAVEN_CACHE_PRIVATE_PATHS):
        return True
    if getattr(request, "is_preview", False):
        return True
    # A session — a signed-in editor, a reader who has just acted, a message waiting — may
    # change what a page shows, so a browser that has one gets private answers. Readers
    # without a session cookie (nearly all of them) are never made to load one here.
    # A view that declared its answer public (the live count) vouches that it is the same
    # whoever asks, even if a middleware read the session on the way.
    if explicit and "public" in response["Cache-Control"]:
        return False
    session = getattr(request, "session", None)
    if session is None:
        return False
    has_cookie = settings.SESSION_COOKIE_NAME in request.COOKIES and not explicit
    return bool((session.accessed or has_cookie) and not session.is_empty())


def _drop_vary_cookie(response):
    """The anonymous answer does not depend on cookies: say so, or no CDN would keep it.

    SessionMiddleware adds `Vary: Cookie` whenever a template merely looked for messages.
    """
    if not response.has_header("Vary"):
        return
    kept = [v.strip() for v in response["Vary"].split(",") if v.strip().lower() != "cookie"]
    if kept:
        response["Vary"] = ", ".join(kept)
    else:
        del response["Vary"]


class CacheControlMiddleware:
    """First in MIDDLEWARE, so it sees the response after sessions, CSRF and auth."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if _is_personal(request, response, explicit=response.has_header("Cache-Control")):
            if response.cookies or not response.has_header("Cache-Control"):
                response["Cache-Control"] = PRIVATE
            elif "public" in response["Cache-Control"]:
                response["Cache-Control"] = PRIVATE
            return response
        if response.has_header("Cache-Control"):
            # The view decided (the count endpoint, a private lookup answer).
            if "public" in response["Cache-Control"]:
                _drop_vary_cookie(response)
            return response
        if response.status_code not in CACHEABLE_STATUSES:
            patch_cache_control(response, private=True, no_store=True)
            return response
        response["Cache-Control"] = public_cache_control()
        _drop_vary_cookie(response)
        return response
