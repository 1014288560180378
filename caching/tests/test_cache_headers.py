"""What a shared cache may keep: public pages for anonymous readers, nothing personal."""

import pytest
from django.test import Client

from tests.actions_helpers import sign_data

pytestmark = pytest.mark.django_db

PAGES = ["home", "cases", "actions", "story", "action", "about"]


def _urls(site_pages):
    for language in ("en", "es"):
        for name in PAGES:
            yield getattr(getattr(site_pages, language), name).url


def _assert_public(response):
    control = response["Cache-Control"]
    assert control.startswith("public"), control
    for part in ("s-maxage=", "stale-while-revalidate=", "stale-if-error="):
        assert part in control
    assert not response.cookies, f"sets {list(response.cookies)}"
    assert "cookie" not in response.get("Vary", "").lower()


def test_every_public_page_is_cacheable_for_anonymous_readers_in_both_languages(site_pages):
    reader = Client()
    urls = list(_urls(site_pages))
    assert len(set(urls)) == 12
    for url in urls:
        response = reader.get(url)
        assert response.status_code == 200, url
        _assert_public(response)


def test_cache_lifetimes_come_from_settings(site_pages, settings):
    settings.HAVEN_CACHE_S_MAXAGE = 1234
    settings.HAVEN_CACHE_STALE_IF_ERROR = 99
    response = Client().get(site_pages.en.story.url)
    assert "s-maxage=1234" in response["Cache-Control"]
    assert "stale-if-error=99" in response["Cache-Control"]


def test_action_page_has_no_form_secret_or_csrf_token(site_pages):
    html = Client().get(site_pages.es.action.url).content.decode()
    assert 'name="sign-email"' in html
    assert "csrfmiddlewaretoken" not in html
    assert 'name="sign-started" value=' not in html  # fetched by formtoken.js instead


def test_signed_in_editor_gets_private_pages(site_pages, admin_client):
    for url in (site_pages.en.story.url, site_pages.es.action.url, site_pages.en.home.url):
        assert admin_client.get(url)["Cache-Control"] == "private, no-store"


def test_form_with_errors_is_private(site_pages):
    response = Client().post(site_pages.en.action.url + "sign/", sign_data(**{"sign-email": "x"}))
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"


def test_call_step_with_a_zip_code_is_private(site_pages):
    response = Client().post(
        site_pages.en.action.url + "call/", {"step": "zip", "zip": "20001", "first_name": "Rosa"}
    )
    assert response.status_code == 200
    assert "Rosa" in response.content.decode()
    assert response["Cache-Control"] == "private, no-store"


def test_thank_you_and_pages_seen_after_acting_are_private(site_pages):
    reader = Client()
    done = reader.post(site_pages.en.action.url + "sign/", sign_data())
    thanks = reader.get(done["Location"])
    assert thanks["Cache-Control"] == "private, no-store"
    # The session now remembers the signature: pages that read it are personal.
    assert reader.get(site_pages.en.action.url)["Cache-Control"] == "private, no-store"


def test_lookup_results_are_private_and_the_empty_form_is_public(site_pages):
    response = Client().get("/en/representatives/?zip=20001")
    assert "no-store" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]
    _assert_public(Client().get("/es/representatives/"))


def test_admin_and_preview_are_never_public(site_pages, admin_client):
    assert "public" not in Client().get("/admin/login/")["Cache-Control"]
    preview = admin_client.get(f"/admin/pages/{site_pages.en.story.pk}/edit/preview/")
    assert "public" not in preview.get("Cache-Control", "private")


def test_missing_page_is_cacheable_but_server_errors_are_not(site_pages):
    response = Client().get("/en/no-such-page/")
    assert response.status_code == 404
    assert response["Cache-Control"].startswith("public")
