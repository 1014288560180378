"""The embeddable widget (inside the language prefixes: /en/embed/… and /es/embed/…)."""

from django.urls import path

from actions import api

app_name = "actions_embed"

urlpatterns = [
    path("embed/actions/<uuid:key>/", api.widget, name="widget"),
]
