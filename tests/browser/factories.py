"""Browser-test variants of the index factories: shown in the menu, with an intro."""

from tests import factories_actions, factories_stories


class CaseIndexPageFactory(factories_stories.CaseIndexPageFactory):
    intro = "The people behind each urgent action."
    show_in_menus = True


class ActionIndexPageFactory(factories_actions.ActionIndexPageFactory):
    slug = "act"
    intro = "Act today for people in danger of deportation."
    show_in_menus = True
