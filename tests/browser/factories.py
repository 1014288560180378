"""Factories for the pages browser tests need that tests/factories.py does not have yet.

The stories and actions helpers may add their own factories for these models; when they
land in tests/factories.py, import those here instead.
"""

import wagtail_factories

from actions.models import ActionIndexPage
from stories.models import CaseIndexPage


class CaseIndexPageFactory(wagtail_factories.PageFactory):
    title = "Case stories"
    slug = "cases"
    intro = "The people behind each urgent action."
    show_in_menus = True

    class Meta:
        model = CaseIndexPage


class ActionIndexPageFactory(wagtail_factories.PageFactory):
    title = "Urgent actions"
    slug = "act"
    intro = "Act today for people in danger of deportation."
    show_in_menus = True

    class Meta:
        model = ActionIndexPage
