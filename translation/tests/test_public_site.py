"""The Spanish reader's side: sitemap with alternates, hreflang, and no dead ends."""

import re

import pytest

from tests.factories import StandardPageFactory
from translation.builders import translate

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(home, home_es, spanish, django_capture_on_commit_callbacks):
    about = StandardPageFactory(parent=home, slug="about", title="About us")
    with django_capture_on_commit_callbacks(execute=True):
        translate(
            about,
            spanish,
            {
                "About us": "Quiénes somos",
                "about": "quienes-somos",
                "Some words.": "Unas palabras.",
            },
        )
    press = StandardPageFactory(parent=home, slug="press", title="Press")
    return about, press


def _urls(xml):
    return re.findall(r"<url>(.*?)</url>", xml, re.S)


def test_sitemap_lists_each_language_version_with_alternates(client, pages):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    xml = response.content.decode()
    locs = re.findall(r"<loc>(.*?)</loc>", xml)
    assert sorted(locs) == [
        "http://testserver/en/",
        "http://testserver/en/about/",
        "http://testserver/en/press/",
        "http://testserver/es/",
        "http://testserver/es/quienes-somos/",
    ]
    about_es = next(u for u in _urls(xml) if "<loc>http://testserver/es/quienes-somos/" in u)
    links = dict(re.findall(r'hreflang="([^"]+)"\s+href="([^"]+)"', about_es))
    assert links == {
        "en": "http://testserver/en/about/",
        "es": "http://testserver/es/quienes-somos/",
        "x-default": "http://testserver/en/about/",
    }
    press = next(u for u in _urls(xml) if "<loc>http://testserver/en/press/" in u)
    assert "/es/" not in press


def test_sitemap_leaves_out_drafts_and_sync_from_aliases(client, home, home_es, spanish):
    page = StandardPageFactory(parent=home, slug="team", title="Team")
    page.copy_for_translation(spanish, alias=True)
    xml = client.get("/sitemap.xml").content.decode()
    assert "http://testserver/en/team/" in xml
    assert "/es/team/" not in xml


def test_hreflang_points_at_the_spanish_page_only_when_it_exists(client, pages):
    html = client.get("/en/about/").content.decode()
    assert '<link rel="alternate" hreflang="es" href="http://testserver/es/quienes-somos/">' in html
    assert '<link rel="alternate" hreflang="x-default" href="http://testserver/en/about/">' in html
    html = client.get("/en/press/").content.decode()
    assert 'hreflang="es"' not in html.split("</head>")[0]


def test_spanish_reader_of_an_untranslated_page_gets_a_spanish_notice_and_the_english_link(
    client, pages
):
    response = client.get("/es/press/")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="es">' in html
    assert "Esta página aún no está traducida" in html
    assert '<a href="/en/press/" hreflang="en">' in html


def test_english_slug_under_es_offers_the_spanish_translation(client, pages):
    from wagtail.contrib.redirects.models import Redirect

    # Wagtail redirects the slug the translation started with; without that redirect
    # the 404 page still finds the Spanish page through the English one.
    assert client.get("/es/about/", follow=True).redirect_chain[-1][0] == "/es/quienes-somos/"
    Redirect.objects.all().delete()
    response = client.get("/es/about/")
    assert response.status_code == 404
    assert 'href="/es/quienes-somos/"' in response.content.decode()


def test_a_spanish_draft_is_not_served_and_the_english_page_is_offered(
    client, home, home_es, spanish, django_capture_on_commit_callbacks
):
    page = StandardPageFactory(parent=home, slug="donate", title="Donate")
    with django_capture_on_commit_callbacks(execute=True):
        translate(page, spanish, {"Donate": "Done", "donate": "done"}, publish=False)
    response = client.get("/es/done/")
    assert response.status_code == 404
    assert '<a href="/en/donate/" hreflang="en">' in response.content.decode()


def test_unknown_spanish_url_is_a_plain_spanish_404(client, pages):
    response = client.get("/es/no-existe/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Página no encontrada" in html
    assert (
        "/en/"
        not in re.sub(
            r"<header.*?</header>|<nav.*?</nav>|<footer.*?</footer>", "", html, flags=re.S
        ).split("<main")[1]
    )


def test_links_in_spanish_pages_go_to_spanish_pages_or_live_english_ones(
    client, pages, spanish, django_capture_on_commit_callbacks
):
    about, press = pages
    home = about.get_parent()
    links = StandardPageFactory(
        parent=home,
        slug="links",
        title="Links",
        body=(
            f'<p>Read <a linktype="page" id="{about.id}">about us</a>.</p>'
            f'<p>Call <a linktype="page" id="{press.id}">the press team</a>.</p>'
        ),
    )
    with django_capture_on_commit_callbacks(execute=True):
        translate(
            links,
            spanish,
            {
                "Links": "Enlaces",
                "links": "enlaces",
                'Read <a id="a1">about us</a>.': 'Lea <a id="a1">quiénes somos</a>.',
                'Call <a id="a1">the press team</a>.': 'Llame a <a id="a1">prensa</a>.',
            },
        )
    html = client.get("/es/enlaces/").content.decode()
    assert '<a href="/es/quienes-somos/">quiénes somos</a>' in html
    # No Spanish press page yet: the link goes to the live English page, not a 404.
    assert '<a href="/en/press/">prensa</a>' in html
