"""Journeys people take through Haven today, in a real browser.

Journeys on stories and urgent actions (sign, call, form errors, closed action) are in
test_reader_journeys.py; the story-update and translator journeys in test_admin_journeys.py.
"""

import pytest

from tests.browser.checks import check_page
from tests.browser.helpers import (
    UI,
    focused_element,
    login_admin,
    main_nav,
    publish_in_admin,
    search_site,
    switch_language,
    url_path,
)

LANGUAGES = ["en", "es"]
OTHER = {"en": "es", "es": "en"}


# --- Keyboard ---------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_main(page, bilingual_pages, lang):
    page.goto(bilingual_pages.url[lang]["about"])

    page.keyboard.press("Tab")
    first = focused_element(page)
    assert first["tag"] == "a" and first["text"] == UI[lang]["skip"], first
    assert first["top"] >= 0, "the focused skip link must be on screen"

    page.keyboard.press("Enter")
    assert focused_element(page)["id"] == "main"
    assert page.url.endswith("#main")


# --- Language switcher --------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_language_switcher_opens_the_same_page_in_the_other_language(page, bilingual_pages, lang):
    other = OTHER[lang]
    page.goto(bilingual_pages.url[lang]["about"])

    switch_language(page, other)

    assert page.url == bilingual_pages.url[other]["about"]
    assert page.locator("html").get_attribute("lang") == other
    title = {"en": bilingual_pages.about.title, "es": bilingual_pages.about_es.title}[other]
    assert page.get_by_role("heading", level=1).inner_text() == title


# --- JavaScript off -----------------------------------------------------------------------


def test_reader_without_javascript_switches_language_and_searches(nojs_page, bilingual_pages):
    page = nojs_page
    page.goto(bilingual_pages.url["en"]["home"])

    switch_language(page, "es")
    assert url_path(page) == "/es/"
    assert page.get_by_role("heading", level=1).inner_text() == bilingual_pages.home_es.heading

    search_site(page, "protección")
    assert url_path(page).startswith("/es/search/?q=")
    results = page.locator("main")
    assert "1 resultado" in results.inner_text()

    with page.expect_navigation():
        results.get_by_role("link", name=bilingual_pages.about_es.title).click()
    assert page.url == bilingual_pages.url["es"]["about"]
    check_page(page, None, "es about reached without javascript")


def test_main_navigation_links_reach_both_index_pages(page, bilingual_pages):
    page.goto(bilingual_pages.url["es"]["home"])
    for title, url in [
        (bilingual_pages.cases_es.title, "cases"),
        (bilingual_pages.actions_es.title, "actions"),
    ]:
        with page.expect_navigation():
            main_nav(page).get_by_role("link", name=title).click()
        assert page.url == bilingual_pages.url["es"][url]
        assert page.get_by_role("heading", level=1).inner_text() == title


# --- Editor -------------------------------------------------------------------------------


def test_editor_changes_the_home_heading_and_readers_see_it(page, bilingual_pages, admin_user):
    new_heading = "Stand with families held at the border"
    home = bilingual_pages.home

    login_admin(page, bilingual_pages.site, admin_user)
    page.goto(f"{bilingual_pages.site_url}/admin/pages/{home.pk}/edit/")
    page.locator("#id_heading").fill(new_heading)
    publish_in_admin(page)

    page.goto(bilingual_pages.url["en"]["home"])
    assert page.get_by_role("heading", level=1).inner_text() == new_heading
    home.refresh_from_db()
    assert home.heading == new_heading and not home.has_unpublished_changes
