"""Admin for targets: members of Congress (imported) and the organisation's own.

Registered by officials/wagtail_hooks.py; importing this module registers nothing.
"""

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.snippets.views.snippets import SnippetViewSet

from officials.models import Target


class TargetFilterSet(WagtailFilterSet):
    is_current = django_filters.BooleanFilter(label=_("Current"))

    class Meta:
        model = Target
        fields = ["chamber", "state", "party", "is_current"]


class TargetViewSet(SnippetViewSet):
    model = Target
    icon = "group"
    menu_label = _("Targets")
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["full_name", "title", "party", "state", "district", "phone", "is_current"]
    list_per_page = 50
    filterset_class = TargetFilterSet
    # Plain database search: imports use bulk writes, which a search index would miss.
    search_backend_name = None
    search_fields = ["full_name", "last_name", "first_name", "title", "bioguide_id", "state"]
    ordering = ["state", "chamber", "district", "last_name"]
