"""Editors and translators at work in the Wagtail admin, in a real browser: an editor adds a
dated update to a story and publishes it; a Spanish translator finishes a story's
translation in wagtail-localize's editor (a React app) and sends it for review."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from tests.browser.cases import STORY, en
from tests.browser.helpers import login_admin, publish_in_admin

TRANSLATOR_PASSWORD = "traducir-2026"  # noqa: S105 - a test user's password


def test_editor_adds_an_update_to_a_story_publishes_and_readers_see_it(page, case, admin_user):
    story = case.story["en"]
    headline = "Released on parole"
    login_admin(page, case.pages.site, admin_user)
    page.goto(f"{case.pages.site_url}/admin/pages/{story.pk}/edit/")

    page.get_by_role("button", name="Add Update").click()
    update = page.locator("[id^='inline_child_updates-']").last
    update.get_by_label("Date", exact=False).first.fill("2026-03-10")
    update.get_by_label("Headline").fill(headline)
    body = update.locator("[contenteditable='true']").first
    body.click()
    page.keyboard.type("Rosa and her son left the detention centre this morning.")
    # Draftail (React) keeps the text in a hidden input: publish once it holds the words.
    stored = update.locator("input[name$='-body']")
    expect(stored).to_have_value(re.compile("left the detention centre"))
    publish_in_admin(page)
    assert page.get_by_text("has been published").first.is_visible()

    page.goto(case.url["en"]["story"])
    timeline = page.get_by_role("region", name="Updates")
    assert headline in timeline.inner_text()
    assert "left the detention centre" in timeline.inner_text()
    # Newest first: the new update comes before the February one.
    text = timeline.inner_text()
    assert text.index(headline) < text.index(en(STORY, "update_headline"))
    story.refresh_from_db()
    assert not story.has_unpublished_changes


@pytest.fixture
def story_to_translate(bilingual_pages, django_capture_on_commit_callbacks):
    """An English story whose Spanish draft has every string but one translated, and a
    member of "Translators (Spanish)" to finish it."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from home.roles import TRANSLATORS, ensure_roles
    from stories.models import CaseStoryPage, CaseUpdate, ConsentRecord
    from translation.builders import missing_strings, translate

    spanish = bilingual_pages.home_es.locale
    story = CaseStoryPage(
        title="Amadou: a student in detention",
        slug="amadou",
        display_name="Amadou",
        country_of_origin="SN",
        category=CaseStoryPage.Category.DETENTION,
        summary="A student held since June while his asylum claim waits.",
    )
    story.updates = [CaseUpdate(date=datetime.date(2026, 6, 2), headline="Detained at the airport")]
    bilingual_pages.cases.add_child(instance=story)
    ConsentRecord.objects.create(story_key=story.translation_key, given_by="A.", covers_story=True)
    story.save_revision().publish()
    with django_capture_on_commit_callbacks(execute=True):
        translate(
            story,
            spanish,
            {
                "Amadou: a student in detention": "Amadou: un estudiante detenido",
                "amadou": "amadou",
                "Amadou": "Amadou",
                "A student held since June while his asylum claim waits.": (
                    "Un estudiante detenido desde junio mientras espera su solicitud de asilo."
                ),
            },
            publish=False,
        )
    assert missing_strings(story, spanish) == ["Detained at the airport"]

    ensure_roles()
    translator = get_user_model().objects.create_user(
        username="traductora", email="traductora@example.org", password=TRANSLATOR_PASSWORD
    )
    translator.groups.add(Group.objects.get(name=TRANSLATORS))
    return story, story.get_translation(spanish), translator


def test_translator_translates_a_story_string_saves_and_submits_for_review(
    page, bilingual_pages, story_to_translate
):
    from wagtail.models import WorkflowState

    from home.roles import REVIEW_WORKFLOW
    from translation.builders import missing_strings

    story, story_es, translator = story_to_translate
    login_admin(page, bilingual_pages.site, translator, password=TRANSLATOR_PASSWORD)
    page.goto(f"{bilingual_pages.site_url}/admin/pages/{story_es.pk}/edit/")

    # wagtail-localize's editor: the one string without Spanish offers "Translate".
    source = page.get_by_text("Detained at the airport", exact=True)
    source.wait_for()
    segment = page.locator("li", has=source).last
    segment.get_by_role("button", name="Translate").click()
    segment.locator("textarea").fill("Detenido en el aeropuerto")
    segment.get_by_role("button", name="Save").click()
    page.get_by_text("Detenido en el aeropuerto", exact=True).wait_for()
    page.wait_for_function("() => !document.body.innerText.includes('Saving...')", timeout=20_000)
    assert missing_strings(story, story_es.locale) == []
    # The footer offers nothing a translator may not do: no "Stop Synced translation".
    assert (
        page.get_by_role("button", name="Preview")
        .or_(page.get_by_role("link", name="Preview"))
        .first.is_visible()
    )
    assert not page.get_by_text("Stop Synced translation").is_visible()

    page.get_by_role("link", name="Submit translation for review").click()
    page.get_by_role("button", name="Submit for review").wait_for()
    assert "still need" not in page.locator("main").inner_text()
    with page.expect_navigation():
        page.get_by_role("button", name="Submit for review").click()
    assert page.get_by_text("was sent to the editors for review").first.is_visible()

    state = WorkflowState.objects.get(object_id=str(story_es.pk), status="in_progress")
    assert state.workflow.name == REVIEW_WORKFLOW
    story_es.refresh_from_db()
    assert not story_es.live


ORGANISER_PASSWORD = "organise-2026"  # noqa: S105 - a test user's password


def test_campaign_manager_on_a_phone_finds_held_signatures_and_releases_them(page, case):
    """The dashboard is a phone's first screen: the held signatures are one tap away, the
    responses table scrolls sideways to its "Held for review" column, and one button
    releases them."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from actions.models import ActionResponse
    from home.roles import CAMPAIGN_MANAGERS, ensure_roles
    from tests.factories_actions import ActionResponseFactory

    ensure_roles()
    organiser = get_user_model().objects.create_user(
        username="organiser", email="organiser@example.org", password=ORGANISER_PASSWORD
    )
    organiser.groups.add(Group.objects.get(name=CAMPAIGN_MANAGERS))
    action = case.action["en"]
    for name in ("Ada", "Bea"):
        ActionResponseFactory(
            action_key=action.translation_key, first_name=name, held_for_review=True
        )

    page.set_viewport_size({"width": 360, "height": 740})
    login_admin(page, case.pages.site, organiser, password=ORGANISER_PASSWORD)
    with page.expect_navigation():
        page.get_by_role("link", name="2 held for review").click()

    # The first box that clips the wide table must be one a thumb can scroll sideways
    # (the admin's own content area clips without scrolling).
    column = page.get_by_role("columnheader", name="Held for review")
    clipped_by = column.evaluate(
        """el => {
            for (let box = el.parentElement; box; box = box.parentElement) {
                const overflow = getComputedStyle(box).overflowX;
                if (overflow !== "visible" && box.scrollWidth > box.clientWidth + 1) {
                    return overflow;
                }
            }
            return "nothing";
        }"""
    )
    assert clipped_by in ("auto", "scroll"), clipped_by
    assert "Ada" in column.locator("xpath=ancestor::table").inner_text()

    with page.expect_navigation():
        page.get_by_role("button", name="Release held responses").click()
    assert page.get_by_text("2 held responses released and counted.").first.is_visible()
    assert not ActionResponse.objects.filter(held_for_review=True).exists()
