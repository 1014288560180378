"""Admin paths that must win over Wagtail's own, included before Wagtail's admin URLs in
cms/urls.py (routes from `register_admin_urls` hooks come after Wagtail's core ones)."""

from django.urls import path
from wagtail.admin.auth import require_admin_access

from translation import review

urlpatterns = [
    # Same path as Wagtail's "wagtailadmin_pages:workflow_action", which still reverses.
    path(
        "pages/workflow/action/<int:page_id>/<slug:action_name>/<int:task_state_id>/",
        require_admin_access(review.workflow_action_saying_it_worked),
    ),
]
