"""The case index: current cases before successes, newest activity first, filters that work
without JavaScript and keep the reader's language, and pagination that keeps the filters."""

import datetime
import re

import pytest

from stories.models import CaseStoryPage
from stories.models.pages import STORIES_PER_PAGE
from tests.factories_stories import (
    INDEX_ES,
    CaseIndexPageFactory,
    CaseStoryPageFactory,
    CaseUpdateFactory,
    translate_page,
)

pytestmark = pytest.mark.django_db

Category, Status, Outcome = CaseStoryPage.Category, CaseStoryPage.Status, CaseStoryPage.Outcome


def _at(year, month, day):
    return datetime.datetime(year, month, day, 12, tzinfo=datetime.UTC)


@pytest.fixture
def index(home):
    return CaseIndexPageFactory(parent=home)


@pytest.fixture
def mixed(index):
    """Two current cases and two resolved ones, with activity on different days."""
    old_active = CaseStoryPageFactory(
        parent=index, title="Old detention case", first_published_at=_at(2026, 1, 1)
    )
    CaseUpdateFactory(page=old_active, date=datetime.date(2026, 2, 1))
    fresh_active = CaseStoryPageFactory(
        parent=index,
        title="Fresh resettlement case",
        category=Category.RESETTLEMENT,
        first_published_at=_at(2026, 1, 5),
    )
    CaseUpdateFactory(page=fresh_active, date=datetime.date(2026, 9, 1))
    success = CaseStoryPageFactory(
        parent=index,
        title="Family reunited",
        category=Category.FAMILY_SEPARATION,
        status=Status.RESOLVED,
        outcome=Outcome.REUNITED,
        first_published_at=_at(2026, 10, 1),
    )
    deported = CaseStoryPageFactory(
        parent=index,
        title="Deported despite letters",
        status=Status.RESOLVED,
        outcome=Outcome.DEPORTED,
        first_published_at=_at(2026, 11, 1),
    )
    return old_active, fresh_active, success, deported


def _titles(html):
    return re.findall(r'<h3 class="card__title"><a href="[^"]+">([^<]+)</a></h3>', html)


def test_current_cases_come_first_newest_activity_first_then_successes(client, index, mixed):
    html = client.get("/en/cases/").content.decode()
    assert _titles(html) == [
        "Fresh resettlement case",
        "Old detention case",
        "Family reunited",
        "Deported despite letters",
    ]
    assert (
        html.index('<h2 id="case-group-1">Current cases</h2>')
        < html.index(">Successes</h2>")
        < html.index(">Other outcomes</h2>")
    )
    assert 'Last update: <time datetime="2026-09-01">' in html


def test_filters_by_category_and_status_in_english(client, index, mixed):
    html = client.get("/en/cases/?category=detention").content.decode()
    assert _titles(html) == ["Old detention case", "Deported despite letters"]
    html = client.get("/en/cases/?category=detention&status=active").content.decode()
    assert _titles(html) == ["Old detention case"]
    assert '<option value="detention" selected>Detention</option>' in html
    html = client.get("/en/cases/?status=resolved").content.decode()
    assert _titles(html) == ["Family reunited", "Deported despite letters"]
    assert "Clear filters" in html


def test_filters_work_in_spanish_and_keep_the_readers_language(
    client, home_es, spanish, index, mixed, django_capture_on_commit_callbacks
):
    translate_page(index, spanish, INDEX_ES, django_capture_on_commit_callbacks)
    for story in mixed:
        translate_page(
            story,
            spanish,
            {"Family reunited": "Familia reunida"},
            django_capture_on_commit_callbacks,
        )
    html = client.get("/es/casos/?category=family_separation").content.decode()
    assert _titles(html) == ["Familia reunida"]
    # The GET form posts back to the Spanish index, so the language never changes.
    assert '<form class="case-filters" method="get" action="/es/casos/"' in html
    assert '<option value="family_separation" selected>Separación familiar</option>' in html
    assert ">Logros</h2>" in html
    assert "Reunificación" in html
    html = client.get("/es/casos/?status=active").content.decode()
    assert len(_titles(html)) == 2
    assert ">Casos actuales</h2>" in html
    assert "Ninguna historia" not in html
    html = client.get("/es/casos/?status=active&category=family_separation").content.decode()
    assert "Ninguna historia coincide con estos filtros." in html


def test_pagination_keeps_filters_in_both_languages(
    client, home_es, spanish, index, django_capture_on_commit_callbacks
):
    translate_page(index, spanish, INDEX_ES, django_capture_on_commit_callbacks)
    total = STORIES_PER_PAGE + 2
    for n in range(total):
        story = CaseStoryPageFactory(
            parent=index, title=f"Detention {n:02d}", first_published_at=_at(2026, 1, 1 + n)
        )
        translate_page(story, spanish, {}, django_capture_on_commit_callbacks)
    CaseStoryPageFactory(parent=index, title="A resettlement", category=Category.RESETTLEMENT)

    for prefix, next_label in [("/en/cases/", "Next"), ("/es/casos/", "Siguiente")]:
        html = client.get(prefix + "?category=detention").content.decode()
        assert len(_titles(html)) == STORIES_PER_PAGE
        assert f'href="?category=detention&amp;page=2">{next_label}</a>' in html
        html = client.get(prefix + "?category=detention&page=2").content.decode()
        assert _titles(html) == ["Detention 01", "Detention 00"]
        assert "A resettlement" not in html


def test_bad_filter_or_page_values_show_the_list_not_an_error(client, index, mixed):
    response = client.get("/en/cases/?category=bogus&status=%3Cscript%3E&page=abc")
    assert response.status_code == 200
    assert len(_titles(response.content.decode())) == 4
    html = client.get("/en/cases/?category=detention&status=bogus").content.decode()
    assert _titles(html) == ["Old detention case", "Deported despite letters"]


def test_draft_stories_are_not_listed(client, index, mixed):
    CaseStoryPageFactory(parent=index, title="Draft story", live=False)
    html = client.get("/en/cases/").content.decode()
    assert "Draft story" not in html


def test_one_case_index_per_language_and_stories_only_under_it(home, index):
    from home.models import HomePage, StandardPage
    from stories.models import CaseIndexPage

    assert CaseStoryPage.allowed_parent_page_models() == [CaseIndexPage]
    assert CaseIndexPage.allowed_parent_page_models() == [HomePage]
    assert not CaseIndexPage.can_create_at(home)  # this home already has its index
    assert CaseStoryPage.can_create_at(index)
    assert not CaseStoryPage.can_create_at(home)
    assert StandardPage not in CaseIndexPage.allowed_subpage_models()
