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


def test_group_story_shows_its_countries_in_both_languages_and_leads_to_its_pledge(client, demo):
    """A group from several countries reads as one story: every country named in the
    reader's language, identity protected, consent from each person, dated updates, and
    the pledge for them in the same language."""
    story = CaseStoryPage.objects.get(
        locale__language_code="en", subject_kind=CaseStoryPage.SubjectKind.GROUP
    )
    assert [c.code for c in story.countries] == ["HN", "ER", "HT", "VE"]
    assert story.identity_protected and story.consent_problems() == []
    assert ConsentRecord.objects.in_force().filter(story_key=story.translation_key).count() == 7

    english = client.get(story.url).content.decode()
    assert "Countries of origin" in english
    assert "Honduras, Eritrea, Haiti, Venezuela" in english
    assert "Group of people" in english and "Identity protected" in english
    assert "June 3, 2026" in english and "Hearing dates are set" in english
    assert 'href="/en/actions/watch-the-hearings-of-the-seven/"' in english

    spanish_page = story.get_translation(Locale.objects.get(language_code="es"))
    spanish = client.get(spanish_page.url).content.decode()
    assert spanish_page.url == "/es/casos/los-siete-detenidos-juntos-desde-la-frontera/"
    assert "Países de origen" in spanish
    assert "Honduras, Eritrea, Haití, Venezuela" in spanish
    assert "Grupo de personas" in spanish
    assert "3 de junio de 2026" in spanish and "Ya hay fechas de audiencia" in spanish
    assert "Actúe por los siete" in spanish
    assert 'href="/es/acciones/acompanen-las-audiencias-de-los-siete/"' in spanish
