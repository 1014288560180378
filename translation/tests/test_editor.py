"""What translators work on: segments, placeholders, source changes, PO files, machine
translation, and the guarantee that translating publishes nothing by itself."""

import io

import polib
import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import reverse
from django.utils import translation as django_translation
from wagtail_localize.models import StringSegment, StringTranslation, TranslationSource

from tests.factories import OrganisationDetailsFactory, StandardPageFactory
from translation.builders import missing_strings, translate
from translation.placeholders import placeholder_problems
from translation.tests.helpers import put_string, translatable_segments

pytestmark = pytest.mark.django_db

SCRIPT = "<p>Dear {official}, my name is {first_name} and I live in {city}, {state}.</p>"
SCRIPT_TEXT = "Dear {official}, my name is {first_name} and I live in {city}, {state}."
SCRIPT_ES = "Estimado/a {official}: me llamo {first_name} y vivo en {city}, {state}."


def _translation(page, locale):
    source = TranslationSource.objects.get_for_instance(page)
    return source.translations.get(target_locale=locale)


@pytest.fixture
def script_page(home, home_es, spanish, roles, django_capture_on_commit_callbacks):
    page = StandardPageFactory(parent=home, slug="call", title="Call script", body=SCRIPT)
    with django_capture_on_commit_callbacks(execute=True):
        translate(page, spanish, {"Call script": "Guion de llamada"}, publish=False)
    return page, page.get_translation(spanish)


# Translating never publishes by itself ----------------------------------------------


def test_the_setting_that_stops_translation_from_publishing_is_off():
    assert settings.WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE is False


def test_submitting_a_live_page_for_translation_creates_a_spanish_draft_only(
    client, home, home_es, spanish, editor, django_capture_on_commit_callbacks
):
    page = StandardPageFactory(parent=home, slug="press", title="Press")
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("wagtail_localize:submit_page_translation", args=[page.id]),
            {"locales": [spanish.id]},
        )
    assert response.status_code == 302
    es = page.get_translation(spanish)
    assert es.live is False
    assert client.get("/es/press/").status_code == 404
    assert client.get("/en/press/").status_code == 200


def test_a_sync_from_alias_never_shows_english_under_es(client, home, home_es, spanish):
    page = StandardPageFactory(parent=home, slug="team", title="Our team", body="<p>Team.</p>")
    alias = page.copy_for_translation(spanish, copy_parents=True, alias=True)
    assert alias.live and alias.alias_of_id == page.id
    response = client.get("/es/team/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Team." not in html
    assert 'href="/en/team/"' in html


# What translators see ---------------------------------------------------------------


def test_home_page_segments_are_exactly_its_copy(home):
    assert translatable_segments(home) == [
        ("actions_heading", "Act now"),
        ("heading", "Stand with people seeking safety"),
        ("intro", "Read their stories and act for them."),
        ("slug", "home"),
        ("stories_heading", "Cases that need you now"),
        ("title", "Haven"),
    ]


def test_organisation_details_segments_are_exactly_its_copy(english):
    org = OrganisationDetailsFactory(footer_note="Demo only.")
    assert translatable_segments(org) == [
        ("footer_note", "Demo only."),
        ("name", "Haven Test Network"),
        ("tagline", "Case stories and urgent actions"),
    ]


def test_home_page_hides_its_synchronised_fields_from_translators(home):
    paths = {path for path, _s in translatable_segments(home)}
    assert not paths & {"social_image", "featured_stories", "live", "owner"}


# Source-change sync -----------------------------------------------------------------


def test_changed_english_keeps_old_spanish_and_flags_only_the_new_strings(
    home, home_es, spanish, django_capture_on_commit_callbacks
):
    page = StandardPageFactory(
        parent=home, slug="about", title="About us", body="<p>We help.</p><p>We listen.</p>"
    )
    with django_capture_on_commit_callbacks(execute=True):
        translate(
            page,
            spanish,
            {
                "About us": "Quiénes somos",
                "about": "quienes-somos",
                "We help.": "Ayudamos.",
                "We listen.": "Escuchamos.",
            },
        )
    page.body = "<p>We help.</p><p>We listen carefully.</p>"
    page.save_revision().publish()

    source = TranslationSource.objects.get_for_instance(page)
    source.update_from_db()

    assert missing_strings(page, spanish) == ["We listen carefully."]
    kept = StringTranslation.objects.filter(
        locale=spanish, translation_of__data="We help."
    ).values_list("data", flat=True)
    assert list(kept) == ["Ayudamos."]
    # The previous Spanish of the changed paragraph is still stored as a starting point.
    assert StringTranslation.objects.filter(locale=spanish, data="Escuchamos.").exists()
    total, done = _translation(page, spanish).get_progress()
    assert (total, done) == (4, 3)


def test_sync_view_brings_english_changes_into_the_translation(
    client, home, home_es, spanish, editor, django_capture_on_commit_callbacks
):
    page = StandardPageFactory(parent=home, slug="faq", title="FAQ", body="<p>One.</p>")
    with django_capture_on_commit_callbacks(execute=True):
        translate(page, spanish, {"FAQ": "Preguntas", "faq": "preguntas", "One.": "Uno."})
    page.body = "<p>One.</p><p>Two.</p>"
    page.save_revision().publish()
    source = TranslationSource.objects.get_for_instance(page)
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("wagtail_localize:update_translations", args=[source.id]))
    assert response.status_code == 302
    assert missing_strings(page, spanish) == ["Two."]
    es = page.get_translation(spanish)
    assert es.live  # was published; the sync itself does not unpublish or publish new text


# Placeholders -----------------------------------------------------------------------


def test_placeholder_messages_name_the_placeholder_in_both_languages():
    assert placeholder_problems("Hi {first_name}", "Hola") == [
        "The placeholder {first_name} is missing. Copy it exactly from the English text."
    ]
    with django_translation.override("es"):
        problems = placeholder_problems("Hi {first_name}", "Hola {nombre}")
    assert problems == [
        "Falta el marcador {first_name}. Cópielo tal como aparece en el texto en inglés.",
        "El marcador {nombre} no está en el texto en inglés. Use solo los marcadores del "
        "texto en inglés.",
    ]


@pytest.mark.parametrize(
    ("value", "named"),
    [
        ("Estimado/a {official}: me llamo {first_name} y vivo en {city}.", "{state}"),
        ("Estimado/a {oficial}: me llamo {first_name} y vivo en {city}, {state}.", "{oficial}"),
        (SCRIPT_ES + " {zip}", "{zip}"),
    ],
)
def test_editor_api_refuses_a_script_that_drops_renames_or_adds_a_placeholder(
    client, script_page, spanish, translator, value, named
):
    page, _es = script_page
    translation = _translation(page, spanish)
    segment = StringSegment.objects.get(source=translation.source, string__data=SCRIPT_TEXT)
    client.force_login(translator)
    response = put_string(client, translation, segment, value)
    assert response.status_code in (200, 201)
    assert named in response.json()["error"]
    assert SCRIPT_TEXT in missing_strings(page, spanish)


def test_editor_api_accepts_a_script_with_the_same_placeholders(
    client, script_page, spanish, translator
):
    page, _es = script_page
    translation = _translation(page, spanish)
    segment = StringSegment.objects.get(source=translation.source, string__data=SCRIPT_TEXT)
    client.force_login(translator)
    response = put_string(client, translation, segment, SCRIPT_ES)
    assert response.json()["error"] is None
    assert SCRIPT_TEXT not in missing_strings(page, spanish)


def test_po_upload_with_a_lost_placeholder_is_flagged_not_used(script_page, spanish):
    page, _es = script_page
    translation = _translation(page, spanish)
    po = translation.export_po()
    for entry in po:
        if entry.msgid == SCRIPT_TEXT:
            entry.msgstr = "Estimado/a {official}: me llamo {first_name}."
    translation.import_po(po)
    saved = StringTranslation.objects.get(locale=spanish, translation_of__data=SCRIPT_TEXT)
    assert saved.has_error
    assert "{city}" in saved.get_error() and "{state}" in saved.get_error()


def test_publishing_a_translation_with_a_broken_placeholder_is_refused(
    client, script_page, spanish, editor, django_capture_on_commit_callbacks
):
    page, es = script_page
    translation = _translation(page, spanish)
    segment = StringSegment.objects.get(source=translation.source, string__data=SCRIPT_TEXT)
    client.force_login(editor)
    put_string(client, translation, segment, "Estimado/a {official}.")
    url = reverse("wagtailadmin_pages:edit", args=[es.id])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"action": "publish"}, follow=True)
    es.refresh_from_db()
    assert not es.live
    assert "The placeholder {first_name} is missing" in response.content.decode()


# PO round trip and machine translation ----------------------------------------------

ROUND_TRIP = {
    "Get involved": "Participe",
    "get-involved": "participe",
    "Volunteer with us.": "Sea voluntario con nosotros.",
    "Host a letter-writing evening.": "Organice una noche de cartas.",
    "Ways to help": "Formas de ayudar",
}


def test_po_round_trip_through_the_editor_loses_nothing(
    client, home, home_es, spanish, translator, editor, django_capture_on_commit_callbacks
):
    page = StandardPageFactory(
        parent=home,
        slug="get-involved",
        title="Get involved",
        body="<h2>Ways to help</h2><p>Volunteer with us.</p><p>Host a letter-writing evening.</p>",
    )
    with django_capture_on_commit_callbacks(execute=True):
        translate(page, spanish, {}, publish=False)
    translation = _translation(page, spanish)
    client.force_login(translator)

    response = client.get(reverse("wagtail_localize:download_pofile", args=[translation.id]))
    assert response.status_code == 200
    po = polib.pofile(response.content.decode())
    assert sorted(e.msgid for e in po) == sorted(ROUND_TRIP)
    for entry in po:
        entry.msgstr = ROUND_TRIP[entry.msgid]
    upload = io.BytesIO(str(po).encode())
    upload.name = "get-involved-es.po"
    next_url = reverse("wagtailadmin_pages:edit", args=[page.get_translation(spanish).id])
    response = client.post(
        reverse("wagtail_localize:upload_pofile", args=[translation.id]),
        {"file": upload, "next": next_url},
    )
    assert response.status_code == 302
    assert translation.get_progress() == (5, 5)

    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(next_url, {"action": "publish"})
    html = client.get("/es/participe/").content.decode()
    for spanish_text in ROUND_TRIP.values():
        if spanish_text != "participe":
            assert spanish_text in html


@override_settings(
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR={
        "CLASS": "wagtail_localize.machine_translators.dummy.DummyTranslator",
    }
)
def test_machine_translation_fills_only_the_missing_strings(
    client, home, home_es, spanish, translator, django_capture_on_commit_callbacks
):
    page = StandardPageFactory(
        parent=home, slug="news", title="Latest news", body="<p>Read the latest news.</p>"
    )
    with django_capture_on_commit_callbacks(execute=True):
        translate(page, spanish, {"Latest news": "Últimas noticias"}, publish=False)
    translation = _translation(page, spanish)
    client.force_login(translator)
    response = client.post(
        reverse("wagtail_localize:machine_translate", args=[translation.id]),
        {"next": "/admin/"},
    )
    assert response.status_code == 302
    assert translation.get_progress() == (3, 3)
    strings = dict(
        StringTranslation.objects.filter(locale=spanish).values_list("translation_of__data", "data")
    )
    assert strings["Latest news"] == "Últimas noticias"  # the manual one is kept
    assert strings["Read the latest news."] == "news. latest the Read"
    assert StringTranslation.objects.get(translation_of__data="news").translation_type == (
        "machine"
    )


def test_deepl_is_configured_only_by_its_environment_variable(monkeypatch):
    import importlib

    import cms.settings.base as base

    monkeypatch.delenv("DEEPL_API_KEY", raising=False)
    assert importlib.reload(base).WAGTAILLOCALIZE_MACHINE_TRANSLATOR is None
    monkeypatch.setenv("DEEPL_API_KEY", "test-key")
    configured = importlib.reload(base).WAGTAILLOCALIZE_MACHINE_TRANSLATOR
    assert configured["CLASS"].endswith("DeepLTranslator")
    assert configured["OPTIONS"] == {"AUTH_KEY": "test-key"}
    monkeypatch.delenv("DEEPL_API_KEY")
    importlib.reload(base)


def test_po_upload_names_the_refused_placeholders(client, script_page, spanish, translator):
    page, es = script_page
    translation = _translation(page, spanish)
    client.force_login(translator)
    po = polib.pofile(
        client.get(
            reverse("wagtail_localize:download_pofile", args=[translation.id])
        ).content.decode()
    )
    for entry in po:
        if entry.msgid == SCRIPT_TEXT:
            entry.msgstr = "Estimado/a {official}: me llamo {nombre}, de {city}, {state}."
    upload = io.BytesIO(str(po).encode())
    upload.name = "call-es.po"
    next_url = reverse("wagtailadmin_pages:edit", args=[es.id])
    response = client.post(
        reverse("wagtail_localize:upload_pofile", args=[translation.id]),
        {"file": upload, "next": next_url},
    )
    assert response.status_code == 302
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("{first_name} is missing" in m for m in messages)
    assert any("{nombre} is not in the English text" in m for m in messages)


def test_opening_the_editor_after_a_change_offers_the_previous_spanish_flagged(
    client, home, home_es, spanish, translator, django_capture_on_commit_callbacks
):
    page = StandardPageFactory(
        parent=home, slug="about", title="About us", body="<p>We help.</p><p>We listen.</p>"
    )
    with django_capture_on_commit_callbacks(execute=True):
        translate(
            page,
            spanish,
            {
                "About us": "Quiénes somos",
                "about": "quienes-somos",
                "We help.": "Ayudamos.",
                "We listen.": "Escuchamos.",
            },
        )
    page.title = "About Haven"
    page.body = "<p>We help.</p><p>We listen carefully.</p>"
    page.save_revision().publish()
    TranslationSource.objects.get_for_instance(page).update_from_db()

    client.force_login(translator)
    es = page.get_translation(spanish)
    assert client.get(reverse("wagtailadmin_pages:edit", args=[es.id])).status_code == 200
    offered = {
        t.translation_of.data: t
        for t in StringTranslation.objects.filter(locale=spanish, has_error=True)
    }
    assert offered["We listen carefully."].data == "Escuchamos."
    assert offered["About Haven"].data == "Quiénes somos"
    assert "English changed" in offered["We listen carefully."].get_error()
    # Still counted as untranslated, and never used on the page, until the translator saves.
    assert sorted(missing_strings(page, spanish)) == ["About Haven", "We listen carefully."]
    translation = _translation(page, spanish)
    segment = StringSegment.objects.get(
        source=translation.source, string__data="We listen carefully."
    )
    put_string(client, translation, segment, "Escuchamos con atención.")
    assert missing_strings(page, spanish) == ["About Haven"]
