"""Stories that link to an action, and other open actions on the same case, found through
Wagtail's reference index without importing the stories app."""

import pytest

from actions.models import pages as action_pages
from tests.actions_helpers import *  # noqa: F403  (fixtures)
from tests.actions_helpers import sign_data
from tests.factories_actions import UrgentActionPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def linking_page(home, monkeypatch):
    """Stand in for a story with the home page, whose featured items link to pages."""
    monkeypatch.setattr(action_pages, "STORY_APP_LABEL", "home")
    monkeypatch.setattr(action_pages, "STORY_MODEL", "homepage")
    return home


def link(page, *targets):
    from home.models import HomeFeaturedStory

    for target in targets:
        page.featured_stories.add(HomeFeaturedStory(page=target))
    page.save_revision().publish()


def test_stories_linking_here_are_listed_on_the_action(client, action, linking_page):
    link(linking_page, action)
    assert action.get_case_stories() == [linking_page]
    html = client.get(action.url).content.decode()
    assert "The people behind this action" in html


def test_thanks_step_offers_other_open_actions_on_the_same_case(
    client, action, action_index, linking_page
):
    other = UrgentActionPageFactory(parent=action_index, slug="other", title="Call the warden")
    closed = UrgentActionPageFactory(parent=action_index, slug="closed", status="closed")
    link(linking_page, action, other, closed)
    response = client.post(action.url + "sign/", sign_data())
    html = client.get(response["Location"]).content.decode()
    assert "More actions on this case" in html
    assert "Call the warden" in html
    assert closed.title not in html


def test_no_related_section_without_links(client, action):
    response = client.post(action.url + "sign/", sign_data())
    assert "More actions on this case" not in client.get(response["Location"]).content.decode()


def test_a_story_behind_a_password_is_not_listed_on_the_action(action, action_index, linking_page):
    from wagtail.models import PageViewRestriction

    link(linking_page, action)
    # A restriction elsewhere in the tree (here below the story) hides nothing.
    PageViewRestriction.objects.create(
        page=action_index, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    assert action.get_case_stories() == [linking_page]
    # On the story (or any page above it) it hides the story from the public list.
    PageViewRestriction.objects.create(
        page=linking_page, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    assert action.get_case_stories() == []
