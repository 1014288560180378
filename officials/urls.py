"""Public URLs of the representative lookup (included inside i18n_patterns)."""

from django.urls import path

from officials import views

app_name = "officials"

urlpatterns = [
    path("representatives/", views.representatives, name="representatives"),
]
