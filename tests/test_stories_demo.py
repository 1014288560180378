"""The demo stories, and the reader's path through them: /es/ → a Spanish case → its action
in Spanish."""

import re

import pytest
from django.core.management import call_command
from wagtail.models import Locale

import actions.demo
from stories.models import CaseStoryPage, ConsentRecord
from translation.builders import translate

pytestmark = pytest.mark.django_db(transaction=True)


def _with_demo_actions(original):
    """Run the actions demo; if it offers no actions to link yet, add two (bilingual)."""

    def build(ctx):
        original(ctx)
        if ctx.extra.get("demo_actions"):
            return
        from actions.models import UrgentActionPage

        index = ctx.extra["action_index"]
        made = []
        for slug, title, title_es in [
            ("call-the-field-office", "Call the field office", "Llame a la oficina local"),
            ("write-to-the-judge", "Write to the judge", "Escriba al juez"),
        ]:
            page = UrgentActionPage.objects.child_of(index).filter(slug=slug).first()
            if page is None:
                page = UrgentActionPage(slug=slug, title=title, summary=title)
                index.add_child(instance=page)
                page.save_revision().publish()
            translate(page, ctx.spanish, {title: title_es, slug: slug + "-es"})
            made.append(page)
        ctx.extra["demo_actions"] = made

    return build


@pytest.fixture
def demo(monkeypatch):
    monkeypatch.setenv("HAVEN_ALLOW_DEMO", "1")
    monkeypatch.setattr(actions.demo, "build", _with_demo_actions(actions.demo.build))
    call_command("load_demo", "--no-users", verbosity=0, stdout=open("/dev/null", "w"))


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
