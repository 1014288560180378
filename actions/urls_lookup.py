"""Public URLs of the representative lookup (included inside i18n_patterns)."""

from django.urls import path

from actions import views_lookup

app_name = "officials"

urlpatterns = [
    path("representatives/", views_lookup.representatives, name="representatives"),
]
