"""The translators' dashboard with real stories and urgent actions."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from stories.models import CaseStoryPage, CaseUpdate
from tests.factories_stories import (
    ACTIONS_ES,
    INDEX_ES,
    ActionIndexPageFactory,
    CaseIndexPageFactory,
    CaseStoryPageFactory,
    CaseUpdateFactory,
    UrgentActionPageFactory,
    translate_page,
)
from translation.builders import translate
from translation.dashboard import dashboard_rows

pytestmark = pytest.mark.django_db

STORY_ES = {
    "Rosa waits": "Rosa espera",
    "rosa": "rosa",
    "Rosa": "Rosa",
    "Held for months without a hearing.": "Detenida durante meses sin audiencia.",
    "Detained": "Detenida",
    "A hearing was scheduled.": "Se programó una audiencia.",
}


@pytest.fixture
def content(home, home_es, spanish, roles, django_capture_on_commit_callbacks):
    now = timezone.now()
    actions = ActionIndexPageFactory(parent=home)
    translate_page(actions, spanish, ACTIONS_ES, django_capture_on_commit_callbacks)
    made = {}
    for title, days, status in [
        ("Write in a month", 30, "open"),
        ("Call by Friday", 3, "open"),
        ("Sign this week", 6, "open"),
        ("Closed last week", -7, "closed"),
        ("Ongoing petition", None, "open"),
    ]:
        made[title] = UrgentActionPageFactory(
            parent=actions,
            title=title,
            slug=title.lower().replace(" ", "-"),
            status=status,
            deadline=now + datetime.timedelta(days=days) if days is not None else None,
        )
    index = CaseIndexPageFactory(parent=home)
    translate_page(index, spanish, INDEX_ES, django_capture_on_commit_callbacks)
    story = CaseStoryPageFactory(parent=index, title="Rosa waits", slug="rosa")
    CaseUpdateFactory(page=story, headline="Detained", date=datetime.date(2026, 3, 1))
    story = CaseStoryPage.objects.get(pk=story.pk)
    translate_page(story, spanish, STORY_ES, django_capture_on_commit_callbacks)
    made["story"] = story
    return made


def _row(rows, title):
    return next(r for r in rows if r.title == title)


def test_open_urgent_actions_come_first_by_deadline_then_everything_else(content):
    titles = [r.title for r in dashboard_rows()]
    assert titles[:4] == [
        "Call by Friday",
        "Sign this week",
        "Write in a month",
        "Ongoing petition",
    ]
    # A closed action no longer jumps the queue because its deadline is in the past.
    assert "Closed last week" not in titles[:4]
    closed = _row(dashboard_rows(), "Closed last week")
    assert not closed.urgent and closed.closed
    assert not _row(dashboard_rows(), "Call by Friday").closed


def test_a_translated_story_is_complete_and_live(content):
    row = _row(dashboard_rows(), "Rosa waits")
    assert row.kind == "Case story"
    assert (row.translated, row.total, row.percent) == (6, 6, 100)
    assert row.live and not row.out_of_date and not row.english_changed


def test_an_update_added_in_english_flags_the_story_and_counts_the_new_strings(content):
    story = CaseStoryPage.objects.get(pk=content["story"].pk)
    story.updates.add(
        CaseUpdate(
            date=datetime.date(2026, 11, 20),
            headline="Released on bond",
            body="<p>She is home.</p>",
            sort_order=5,
        )
    )
    story.save_revision().publish()
    row = _row(dashboard_rows(), "Rosa waits")
    assert row.english_changed and row.out_of_date
    # The new strings arrive with the sync, which keeps the old Spanish.
    from wagtail_localize.models import TranslationSource

    TranslationSource.objects.get_for_instance(story).update_from_db()
    row = _row(dashboard_rows(), "Rosa waits")
    assert (row.translated, row.total, row.percent) == (6, 8, 75)
    assert row.out_of_date and row.live


def test_dashboard_page_lists_actions_first_with_deadlines_and_the_story_flag(
    client, content, translator, spanish, django_capture_on_commit_callbacks
):
    story = CaseStoryPage.objects.get(pk=content["story"].pk)
    story.summary = "Held for eleven months without a hearing."
    story.save_revision().publish()
    with django_capture_on_commit_callbacks(execute=True):
        translate(
            content["Call by Friday"],
            spanish,
            {"Call by Friday": "Llame antes del viernes"},
            publish=False,
        )
    client.force_login(translator)
    html = client.get(reverse("translation:dashboard")).content.decode()
    positions = [
        html.index(f'data-row="{t}"') for t in ["Call by Friday", "Sign this week", "Rosa waits"]
    ]
    assert positions == sorted(positions)
    # Work to do comes before finished work: the changed story before up-to-date pages.
    assert html.index('data-row="Rosa waits"') < html.index('data-row="Case stories"')
    story_row = html[html.index('data-row="Rosa waits"') :].split("</tr>")[0]
    assert "English changed: sync needed" in story_row and "100%" in story_row
    action_row = html[html.index('data-row="Call by Friday"') :].split("</tr>")[0]
    assert "Urgent action" in action_row
    assert "Draft" in action_row
    es = content["Call by Friday"].get_translation(spanish)
    assert reverse("wagtailadmin_pages:edit", args=[es.id]) in action_row
