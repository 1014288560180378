"""Remember where a signing URL leads, so a viral spike of signatures skips the page walk.

Wagtail finds the page for every request by walking the tree from the site's root: the
site by hostname, the root in the active language, then one or two queries per level.
Pages reached by GET are served from the shared cache (caching/), but the POSTs that sign,
pledge, call or email always reach Django, and on PostgreSQL the walk was ~45% of a
signature's CPU (benchmarks/signing_benchmark.py).

`ActionRouteCacheMiddleware` keeps, in the shared cache, which action page a POST path
resolved to. On the next POST to the same path it loads that page by id in one query
and hands Wagtail the result through `request._wagtail_route_for_request`, the per-request
route memo `wagtail.views.serve` reads first (`Page.route_for_request`), so everything
after routing (view restrictions, `before_serve_page` hooks, the page's own routes) runs
unchanged. A remembered route is used only when the page is still live and still at
the same `url_path` (a move, a slug change or an unpublish changes that), otherwise
Wagtail walks the tree as usual and the memo is replaced. A memo lives ten minutes and
is keyed by host and path, so an edited Site record (hostname, root page) is picked up
within that time; its root paths, which build every link, are Wagtail's own and fresh.
"""

from django.core.cache import cache
from django.http import Http404
from django.utils import translation
from wagtail.models.pages import RouteResult

# The ways to act readers post to (actions/routes.py); GETs are the shared cache's job.
POSTED_ROUTES = ("sign/", "pledge/", "call/", "email/")
TIMEOUT = 600  # seconds; a stale memo is only ever a fallback to the tree walk


def _key(request):
    # The memo's shape is part of the key: a deploy that changes it starts afresh.
    return f"haven:route:v2:{request.get_host()}:{translation.get_language()}:{request.path_info}"


def _remembered(request):
    memo = cache.get(_key(request))
    if memo is None:
        return None
    page_id, url_path, subpath, site = memo
    from actions.models import UrgentActionPage

    page = UrgentActionPage.objects.live().filter(id=page_id, url_path=url_path).first()
    if page is None:
        return None
    try:
        match = page.resolve_subpage(subpath)
    except Http404:  # a route the page no longer has: walk the tree
        return None
    request.routable_resolver_match = match
    # The Site the route was found under: links built for this request (the redirect to
    # the thank-you step) need it, and finding it again was one more query.
    request._wagtail_site = site
    view, args, kwargs = match
    return RouteResult(page, args=(view, args, kwargs))


def _remember(request, route):
    from actions.models import UrgentActionPage

    page = route[0] if route else None
    if not isinstance(page, UrgentActionPage):
        return
    url = page.get_url(request) or ""
    if not url.startswith("/") or not request.path_info.startswith(url):
        return  # another site's absolute URL: leave it to the tree walk
    subpath = request.path_info[len(url) - 1 :]
    if subpath.lstrip("/") not in POSTED_ROUTES:
        return
    site = getattr(request, "_wagtail_site", None)
    if site is None:
        return
    cache.set(_key(request), (page.id, page.url_path, subpath, site), TIMEOUT)


class ActionRouteCacheMiddleware:
    """Route POSTs to an action's ways to act from a remembered page id (module docstring).

    After LocaleMiddleware: the memo is per language, as Wagtail's root is.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method != "POST" or not request.path_info.endswith(POSTED_ROUTES):
            return self.get_response(request)
        route = _remembered(request)
        if route is not None:
            request._wagtail_route_for_request = route
        response = self.get_response(request)
        if route is None:
            _remember(request, getattr(request, "_wagtail_route_for_request", None))
        return response
