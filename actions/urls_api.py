"""Public open-data URLs of urgent actions (outside the language prefixes: answers hold
every language).

The `.json` suffix, like the UK petitions site's, is also what lets a 404 stay a JSON 404:
LocaleMiddleware redirects any unprefixed 404 to /en/… when that path would resolve, and
Wagtail's catch-all resolves every slash-ended path, but never one with a dot in it.
"""

from django.urls import path

from actions import api

app_name = "actions_api"

urlpatterns = [
    path("api/v1/actions.json", api.actions_list, name="list"),
    path("api/v1/actions/<uuid:key>.json", api.action_detail, name="detail"),
]
