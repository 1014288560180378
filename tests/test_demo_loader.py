"""The demo loader builds bilingual content through wagtail-localize, and is idempotent.

These tests read the demo loaded once for the run (`demo_site` in conftest.py)."""

import os

import pytest
from django.core.management import call_command
from wagtail.models import Locale, Page, Revision
from wagtail_localize.models import StringTranslation, Translation

from home.models import HomePage

pytestmark = pytest.mark.django_db


def _snapshot():
    return (
        Page.objects.count(),
        Revision.objects.count(),
        Translation.objects.count(),
        StringTranslation.objects.count(),
    )


def test_demo_loader_builds_spanish_through_localize_and_is_idempotent(
    demo_site, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setenv("HAVEN_ALLOW_DEMO", "1")
    monkeypatch.setenv("HAVEN_DEMO_PASSWORD", demo_site.password)
    first = _snapshot()
    # A second run inside this test's transaction; its on-commit publishes run too.
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", verbosity=0, stdout=open(os.devnull, "w"))
    assert _snapshot() == first

    spanish = Locale.objects.get(language_code="es")
    home = HomePage.objects.get(locale__language_code="en")
    home_es = home.get_translation(spanish)
    assert home_es.live
    assert Translation.objects.filter(
        source__object_id=home.translation_key, target_locale=spanish
    ).exists()
    # Every live English page has a live Spanish translation built by the loader.
    for page in Page.objects.filter(locale__language_code="en", depth__gte=2).live():
        assert page.get_translation(spanish).live, page.title


def test_demo_login_works(demo_site, client):
    # The shared demo was loaded with HAVEN_DEMO_PASSWORD set to a non-default password.
    assert f"password: {demo_site.password}" in demo_site.output
    assert client.login(username="admin", password=demo_site.password)
    assert client.get("/admin/").status_code == 200


def test_demo_served_on_port_9000_writes_no_link_to_any_other_port(monkeypatch, client):
    """`make demo PORT=9000` passes the port to the loader; the Site follows, and so does
    every link in pages, the sitemap, feeds, robots.txt, queued emails and printed logins."""
    import io
    import re

    monkeypatch.setenv("HAVEN_ALLOW_DEMO", "1")
    out = io.StringIO()
    call_command("load_demo", "--host", "127.0.0.1", "--port", "9000", stdout=out)
    local = re.compile(r"https?://(?:127\.0\.0\.1|localhost|testserver)(?::(\d+))?")
    assert "http://127.0.0.1:9000/admin/" in out.getvalue()
    assert set(local.findall(out.getvalue())) == {"9000"}

    texts = []
    for url in ["/en/", "/es/", "/sitemap.xml", "/robots.txt", "/en/cases/feed/atom/"]:
        response = client.get(url)
        assert response.status_code == 200, url
        texts.append(response.content.decode())
    for path in re.findall(
        r'href="(/(?:en|es)/(?:cases|casos|actions|acciones)/[^"]+/)"', texts[0]
    ):
        texts.append(client.get(path).content.decode())
    from supporters.models import OutboxEmail

    for email in OutboxEmail.objects.all():
        texts += [email.body_text, email.body_html, email.unsubscribe_url]
    ports = {port for text in texts for port in local.findall(text)}
    assert ports == {"9000"}, ports
