"""The bilingual foundation: language routing, the switcher, hreflang, error pages."""

import re

import pytest
from django.test import Client
from wagtail_localize.models import Translation, TranslationSource

from tests.factories import StandardPageFactory
from translation.builders import translate

pytestmark = pytest.mark.django_db


def test_english_home_renders_in_english(client, home, home_es):
    response = client.get("/en/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "Stand with people seeking safety" in html
    assert "Skip to main content" in html


def test_spanish_home_renders_in_spanish(client, home, home_es):
    response = client.get("/es/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="es">' in html
    assert "Acompañe a quienes buscan protección" in html
    assert "Saltar al contenido principal" in html
    assert "Stand with people seeking safety" not in html


def test_spanish_home_is_a_wagtail_localize_translation(home, home_es, spanish):
    source = TranslationSource.objects.get_for_instance(home)
    assert Translation.objects.filter(source=source, target_locale=spanish).exists()
    assert home_es.translation_key == home.translation_key
    assert home_es.live


@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [("es-MX,es;q=0.9,en;q=0.5", "/es/"), ("en-US,en;q=0.9", "/en/"), ("fr-FR", "/en/")],
)
def test_root_redirects_to_preferred_language(client, home, home_es, accept_language, expected):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept_language)
    assert response.status_code == 302
    assert response["Location"] == expected


def test_admin_is_outside_the_language_prefix(client, home):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def _switcher(html):
    nav = re.search(r'<nav class="language-switcher".*?</nav>', html, re.S).group(0)
    return dict(
        re.findall(r'<a href="([^"]+)" hreflang="(\w+)"', nav)[i][::-1]
        for i in range(len(re.findall(r'<a href="([^"]+)" hreflang="(\w+)"', nav)))
    )


def test_switcher_goes_to_the_translation_of_the_same_page(
    client, home, home_es, spanish, django_capture_on_commit_callbacks
):
    page = StandardPageFactory(parent=home, slug="about", title="About us")
    with django_capture_on_commit_callbacks(execute=True):
        translate(
            page,
            spanish,
            {
                "About us": "Quiénes somos",
                "about": "quienes-somos",
                "Some words.": "Algunas palabras.",
            },
        )
    html = client.get("/en/about/").content.decode()
    assert _switcher(html) == {"es": "/es/quienes-somos/"}
    html = client.get("/es/quienes-somos/").content.decode()
    assert _switcher(html) == {"en": "/en/about/"}


def test_switcher_falls_back_to_home_with_a_note_when_no_translation(client, home, home_es):
    StandardPageFactory(parent=home, slug="english-only", title="English only")
    html = client.get("/en/english-only/").content.decode()
    assert _switcher(html) == {"es": "/es/"}
    # The note is in the language of the link, so a Spanish reader can read it.
    assert "Esta página aún no está disponible en este idioma" in html


def test_hreflang_lists_every_live_translation_and_x_default(client, home, home_es):
    html = client.get("/es/").content.decode()
    alternates = dict(re.findall(r'<link rel="alternate" hreflang="([\w-]+)" href="([^"]+)"', html))
    assert alternates == {
        "en": "http://testserver/en/",
        "es": "http://testserver/es/",
        "x-default": "http://testserver/en/",
    }


def test_unknown_path_gives_a_localised_404(client, home, home_es):
    response = client.get("/es/no-existe/")
    assert response.status_code == 404
    assert "Página no encontrada" in response.content.decode()
    response = client.get("/en/does-not-exist/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_server_error_page_leaks_nothing(home, settings):
    from django.urls import path

    def boom(request):
        raise RuntimeError("secret-database-password-in-traceback")

    import cms.urls

    settings.ROOT_URLCONF = type(
        "Urls",
        (),
        {
            "urlpatterns": [path("boom/", boom), *cms.urls.urlpatterns],
            "handler404": cms.urls.handler404,
            "handler500": cms.urls.handler500,
        },
    )
    client = Client(raise_request_exception=False)
    response = client.get("/boom/")
    assert response.status_code == 500
    body = response.content.decode()
    assert "secret-database-password" not in body
    assert "Traceback" not in body
    assert "Something went wrong" in body and "Algo salió mal" in body


def test_organisation_name_follows_the_reader_language(
    client, home, home_es, spanish, django_capture_on_commit_callbacks
):
    from wagtail.models import Site

    from home.models import HavenSettings
    from tests.factories import OrganisationDetailsFactory

    org = OrganisationDetailsFactory(name="Haven Test Network", tagline="", footer_note="")
    with django_capture_on_commit_callbacks(execute=True):
        translate(org, spanish, {"Haven Test Network": "Red Haven de Prueba"})
    haven = HavenSettings.for_site(Site.objects.get(is_default_site=True))
    haven.organisation = org
    haven.save()
    assert "Red Haven de Prueba" in client.get("/es/").content.decode()
    assert "Haven Test Network" in client.get("/en/").content.decode()
