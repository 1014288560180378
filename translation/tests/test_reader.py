"""A Spanish reader of stories and urgent actions sees Spanish everywhere, and every
link, switcher entry, hreflang and sitemap entry goes to a page that exists."""

import datetime
import re

import pytest

from actions.forms import started_token
from stories.models import CaseStoryPage
from tests.factories_actions import UrgentActionPageFactory
from tests.factories_stories import (
    ACTIONS_ES,
    INDEX_ES,
    ActionIndexPageFactory,
    CaseIndexPageFactory,
    CaseStoryPageFactory,
    CaseUpdateFactory,
    link_action,
    translate_page,
)

pytestmark = pytest.mark.django_db

DEADLINE = datetime.datetime(2027, 8, 16, 21, tzinfo=datetime.UTC)  # 17:00 in New York
STORY_ES = {
    "Samuel waits": "Samuel espera",
    "samuel": "samuel",
    "Samuel": "Samuel",
    "Held for months without a hearing.": "Detenido durante meses sin audiencia.",
    "Hearing set": "Audiencia fijada",
    "A hearing was scheduled.": "Se programó una audiencia.",
}
ACTION_ES = {
    "Free Samuel": "Liberen a Samuel",
    "free-samuel": "liberen-a-samuel",
    "Ask the field office to release her.": "Pida a la oficina local que lo libere.",
}


@pytest.fixture
def site(home, home_es, spanish, settings, django_capture_on_commit_callbacks):
    settings.ACTIONS_MIN_FILL_SECONDS = 0
    capture = django_capture_on_commit_callbacks
    actions = ActionIndexPageFactory(parent=home)
    translate_page(actions, spanish, ACTIONS_ES, capture)
    translated = UrgentActionPageFactory(
        parent=actions, title="Free Samuel", slug="free-samuel", deadline=DEADLINE
    )
    translated_es = translate_page(translated, spanish, ACTION_ES, capture)
    english_only = UrgentActionPageFactory(
        parent=actions, title="Call the judge", slug="call-the-judge", deadline=DEADLINE
    )
    index = CaseIndexPageFactory(parent=home)
    translate_page(index, spanish, INDEX_ES, capture)
    story = CaseStoryPageFactory(
        parent=index,
        title="Samuel waits",
        slug="samuel",
        display_name="Samuel",
        country_of_origin="CM",
        category=CaseStoryPage.Category.FAMILY_SEPARATION,
    )
    CaseUpdateFactory(page=story, date=datetime.date(2026, 8, 16), headline="Hearing set")
    link_action(story, translated, sort_order=0)
    link_action(story, english_only, sort_order=1)
    story = CaseStoryPage.objects.get(pk=story.pk)
    story_es = translate_page(story, spanish, STORY_ES, capture)
    return {
        "story": story,
        "story_es": story_es,
        "action": translated,
        "action_es": translated_es,
        "english_only": english_only,
    }


def test_spanish_story_shows_spanish_dates_country_and_category(client, site):
    html = client.get(site["story_es"].url).content.decode()
    assert "16 de agosto de 2026" in html
    assert "Camerún" in html and "Cameroon" not in html
    assert "Separación familiar" in html and "Family separation" not in html


def test_spanish_story_links_its_translated_action_in_spanish(client, site):
    html = client.get(site["story_es"].url).content.decode()
    assert site["story_es"].url == "/es/casos/samuel/"
    assert 'href="/es/acciones/liberen-a-samuel/"' in html
    assert "/en/actions/free-samuel/" not in html


def test_an_untranslated_action_on_a_spanish_story_says_so_and_links_the_english_page(client, site):
    html = client.get(site["story_es"].url).content.decode()
    cards = {
        title: card
        for card in html.split("<article")[1:]
        for title in ["Call the judge", "Liberen a Samuel"]
        if title in card
    }
    card = cards["Call the judge"]
    assert 'href="/en/actions/call-the-judge/" hreflang="en" lang="en"' in card
    assert "Esta acción aún no está traducida: se abre en inglés." in card
    assert client.get("/en/actions/call-the-judge/").status_code == 200
    # The translated action's card has no such notice.
    assert "aún no está traducida" not in cards["Liberen a Samuel"]


def test_spanish_action_shows_its_deadline_in_spanish(client, site):
    html = client.get(site["action_es"].url).content.decode()
    assert "16 de agosto de 2027, 17:00" in html
    english = client.get(site["action"].url).content.decode()
    assert "Aug. 16, 2027" in english or "August 16, 2027" in english


def test_spanish_sign_form_errors_are_spanish(client, site):
    data = {
        "sign-first_name": "",
        "sign-last_name": "Pérez",
        "sign-email": "no-es-un-correo",
        "sign-zip_code": "20001",
        "sign-started": started_token(),
        "sign-website": "",
    }
    html = client.post(site["action_es"].url + "sign/", data).content.decode()
    assert "Este campo es obligatorio." in html
    assert "Introduzca una dirección de correo electrónico válida." in html
    assert "This field is required." not in html


@pytest.mark.parametrize("kind", ["story", "action"])
def test_switcher_and_hreflang_pair_the_english_and_spanish_pages(client, site, kind):
    en, es = site[kind], site[f"{kind}_es"]
    for page, other in [(en, es), (es, en)]:
        html = client.get(page.url).content.decode()
        head = html.split("</head>")[0]
        assert f'<link rel="alternate" hreflang="en" href="http://testserver{en.url}">' in head
        assert f'<link rel="alternate" hreflang="es" href="http://testserver{es.url}">' in head
        assert (
            f'<link rel="alternate" hreflang="x-default" href="http://testserver{en.url}">'
        ) in head
        switcher = html.split('class="language-switcher"')[1].split("</nav>")[0]
        code = other.locale.language_code
        assert f'<a href="{other.url}" hreflang="{code}" lang="{code}">' in switcher


def test_switcher_on_an_english_only_action_says_spanish_is_not_there_yet(client, site):
    html = client.get("/en/actions/call-the-judge/").content.decode()
    assert 'hreflang="es"' not in html.split("</head>")[0]
    switcher = html.split('class="language-switcher"')[1].split("</nav>")[0]
    assert 'href="/es/"' in switcher
    assert "Esta página aún no está disponible en este idioma" in switcher


def test_sitemap_lists_stories_and_actions_in_both_languages_with_alternates(client, site):
    xml = client.get("/sitemap.xml").content.decode()
    urls = {
        re.search(r"<loc>(.*?)</loc>", u).group(1): dict(
            re.findall(r'hreflang="([^"]+)"\s+href="([^"]+)"', u)
        )
        for u in re.findall(r"<url>(.*?)</url>", xml, re.S)
    }
    base = "http://testserver"
    for en, es in [
        ("/en/cases/samuel/", "/es/casos/samuel/"),
        ("/en/actions/free-samuel/", "/es/acciones/liberen-a-samuel/"),
    ]:
        expected = {"en": base + en, "es": base + es, "x-default": base + en}
        assert urls[base + en] == expected
        assert urls[base + es] == expected
    assert urls[base + "/en/actions/call-the-judge/"] == {
        "en": base + "/en/actions/call-the-judge/",
        "x-default": base + "/en/actions/call-the-judge/",
    }
    assert not any("call-the-judge" in loc for loc in urls if "/es/" in loc)
