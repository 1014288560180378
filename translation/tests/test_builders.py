"""Translating from code (the demo loader's path) behaves like a translator would."""

import pytest

from tests.factories import StandardPageFactory
from translation.builders import translate

pytestmark = pytest.mark.django_db


def test_draft_translation_of_a_live_page_keeps_english_off_the_spanish_site(
    client, home, home_es, spanish, django_capture_on_commit_callbacks
):
    page = StandardPageFactory(parent=home, slug="faq", title="Questions", body="<p>Old.</p>")
    with django_capture_on_commit_callbacks(execute=True):
        translate(page, spanish, {"Questions": "Preguntas", "faq": "preguntas", "Old.": "Viejo."})
    page.body = "<p>Old.</p><p>A brand new English paragraph.</p>"
    page.save_revision().publish()
    with django_capture_on_commit_callbacks(execute=True):
        translate(page, spanish, {"Old.": "Viejo."}, publish=False)
    html = client.get("/es/preguntas/").content.decode()
    assert "Viejo." in html
    assert "A brand new English paragraph." not in html
