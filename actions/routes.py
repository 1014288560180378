"""Where each URL of an urgent action page goes: one table of view functions by dotted path.

The page model serves these routes (`UrgentActionPage.get_subpage_urls`) without importing
the views module, which imports the models: each view is resolved by `import_string` when
a request reaches it, and cached after the first time.
"""

from functools import cache

from django.urls import path
from django.utils.module_loading import import_string

# (route, name used with `reverse_subpage`, view taking (request, page))
ROUTES = [
    ("", "action", "actions.views.action_page"),
    ("sign/", "sign", "actions.views.sign"),
    ("pledge/", "pledge", "actions.views.pledge"),
    ("call/", "call", "actions.views.call"),
    ("email/", "email", "actions.views.email"),
    ("thanks/", "thanks", "actions.views.thanks"),
    ("count/", "count", "actions.views.count_json"),
]


@cache
def _view(dotted):
    return import_string(dotted)


def _page_view(name, dotted):
    # RoutablePageMixin binds the matched callback to the page, like a method.
    def route(page, request):
        return _view(dotted)(request, page)

    route.__name__ = name
    return route


def subpage_urls():
    return tuple(path(route, _page_view(name, dotted), name=name) for route, name, dotted in ROUTES)
