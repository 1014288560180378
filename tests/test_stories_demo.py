"""The demo stories, and the reader's path through them: /es/ → a Spanish case → its action
in Spanish."""

import re

import pytest
from wagtail.models import Locale

from stories.models import CaseStoryPage, ConsentRecord

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(demo_site):
    """The demo loaded once for the run (conftest.py); the actions demo gives stories
    their actions to link to."""
    return demo_site


def test_demo_has_six_bilingual_stories_with_consent_two_per_category(demo):
    spanish_locale = Locale.objects.get(language_code="es")
    english = CaseStoryPage.objects.filter(locale__language_code="en").live()
    assert english.count() >= 6
    for category in CaseStoryPage.Category.values:
        assert english.filter(category=category).count() >= 2
    assert set(english.values_list("status", flat=True)) == {"active", "resolved"}
    assert english.filter(identity_protected=True).count() > english.count() / 2
    for story in english:
        spanish = story.get_translation(spanish_locale)
        assert spanish.live
        assert spanish.title != story.title
        assert ConsentRecord.objects.in_force().filter(story_key=story.translation_key).exists()
        assert story.consent_problems() == []
    assert sum(1 for s in english if s.updates.count() >= 3) >= 2
    assert sum(1 for s in english if s.linked_actions.exists()) >= 3


def test_reader_goes_from_spanish_home_to_a_spanish_case_to_its_spanish_action(client, demo):
    home = client.get("/es/").content.decode()
    story_links = re.findall(r'<h3 class="card__title"><a href="(/es/casos/[^"]+)"', home)
    assert len(story_links) == 3
    story = client.get(story_links[0]).content.decode()
    assert '<html lang="es">' in story
    action_links = re.findall(r'<h3 class="card__title"><a href="([^"]+)"', story)
    assert action_links and all(link.startswith("/es/") for link in action_links)
    action = client.get(action_links[0])
    assert action.status_code == 200
    assert '<html lang="es">' in action.content.decode()
