"""Every public page that exists today passes axe, vnu and the layout checks, in English
and Spanish, at phone (360 px) and desktop (1280 px) widths."""

from urllib.parse import quote

import pytest

from tests.browser.checks import check_page

LANGUAGES = ["en", "es"]
# A word from the standard page's body in each language, so search has a result.
FOUND = {"en": "safety", "es": "protección"}
NOT_FOUND = "zzxqv"


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", ["home", "about", "cases", "actions"])
def test_page_is_accessible_valid_and_fits(page, bilingual_pages, lang, name):
    check_page(page, bilingual_pages.url[lang][name], f"{lang} {name}")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_search_with_results_is_accessible_valid_and_fits(page, bilingual_pages, lang):
    url = f"{bilingual_pages.url[lang]['search']}?q={quote(FOUND[lang])}"
    check_page(page, url, f"{lang} search with results")
    about = {"en": bilingual_pages.about, "es": bilingual_pages.about_es}[lang]
    assert page.get_by_role("link", name=about.title).is_visible()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_search_without_results_is_accessible_valid_and_fits(page, bilingual_pages, lang):
    url = f"{bilingual_pages.url[lang]['search']}?q={NOT_FOUND}"
    check_page(page, url, f"{lang} search without results")
    expected = {"en": "No results for", "es": "No hay resultados"}[lang]
    assert expected in page.locator("main").inner_text()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_not_found_page_is_accessible_valid_and_fits(page, bilingual_pages, lang):
    url = f"{bilingual_pages.site_url}/{lang}/no-such-page/"
    check_page(page, url, f"{lang} 404", expect_status=404)
    assert page.locator("html").get_attribute("lang") == lang


@pytest.mark.parametrize("lang", LANGUAGES)
def test_paginated_search_is_accessible_valid_and_fits(page, bilingual_pages, lang):
    """Eleven matching pages make two result pages, so the pagination links are checked."""
    from tests.factories import StandardPageFactory

    parent = {"en": bilingual_pages.home, "es": bilingual_pages.home_es}[lang]
    word = {"en": "asylum", "es": "asilo"}[lang]
    for n in range(11):
        StandardPageFactory(parent=parent, title=f"{word.title()} {n}", slug=f"{word}-{n}")
    url = f"{bilingual_pages.url[lang]['search']}?q={word}"

    check_page(page, url, f"{lang} search page 1 of 2")
    pagination = page.get_by_role("navigation", name={"en": "Pagination", "es": "Paginación"}[lang])
    with page.expect_navigation():
        pagination.get_by_role("link", name={"en": "Next", "es": "Siguiente"}[lang]).click()
    check_page(page, None, f"{lang} search page 2 of 2")
    assert "page=2" in page.url


def test_untranslated_page_explains_where_the_switcher_goes(page, bilingual_pages):
    """A page with no Spanish yet says, in Spanish, that the link goes to the home page."""
    from tests.factories import StandardPageFactory

    StandardPageFactory(parent=bilingual_pages.home, title="Only in English", slug="only-en")
    check_page(page, f"{bilingual_pages.site_url}/en/only-en/", "en page without translation")
    switcher = page.get_by_role("navigation", name="Language")
    assert switcher.get_by_role("link", name="Español").get_attribute("href") == "/es/"
    assert "Esta página aún no está disponible" in switcher.inner_text()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_case_index_and_representatives_pages_with_content_are_accessible_valid_and_fit(
    page, case, lang
):
    """The case index listing a story, and "Find your representatives" with a ZIP's officials.

    The story, the open and closed action, the sign form's error state, the thank-you step
    and the call step are checked on the way in tests/browser/test_reader_journeys.py.
    """
    from tests.browser.cases import SINGLE_DISTRICT_ZIP, STORY, text

    check_page(page, case.pages.url[lang]["cases"], f"{lang} case index with a story")
    assert page.get_by_role("link", name=text(STORY, "title", lang)).is_visible()

    url = f"{case.url[lang]['representatives']}?zip={SINGLE_DISTRICT_ZIP}"
    check_page(page, url, f"{lang} representatives for a ZIP code")
    officials = page.get_by_role(
        "list", name={"en": "Your officials", "es": "Sus representantes"}[lang]
    )
    assert officials.get_by_role("listitem").count() == 3
