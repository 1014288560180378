"""Placeholders are checked in every language: a misspelt one is refused where the text
is written (English or Spanish first), translations are checked against the real source
language, and downloaded PO files let gettext tools catch a broken placeholder."""

import os
import shutil
import subprocess

import polib
import pytest
from django.urls import reverse
from wagtail.models import Locale
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield
from wagtail.users.models import UserProfile
from wagtail_localize.models import StringSegment, StringTranslation, TranslationSource

from actions.blocks import CallBlock, EmailBlock
from actions.models import UrgentActionPage
from tests.factories import StandardPageFactory
from tests.factories_actions import ActionIndexPageFactory, UrgentActionPageFactory
from translation.builders import translate
from translation.dashboard import dashboard_rows
from translation.placeholders import placeholder_problems
from translation.tests.helpers import put_string

pytestmark = pytest.mark.django_db


# Where the text is written, in either language --------------------------------------


def action_form(script, subject="Release her", body="Dear {official},\n\n{first_name}"):
    return nested_form_data(
        {
            "title": "Bring her home",
            "slug": "bring-her-home",
            "summary": "Ask the agency to release her.",
            "why_it_matters": rich_text("<p>She has a sponsor.</p>"),
            "recipients": "zip",
            "recipients_note": "",
            "status": "open",
            "deadline": "2030-01-01 17:00",
            "deadline_timezone": "America/Chicago",
            "signature_goal": "50",
            "outcome_message": rich_text(""),
            "action_targets": inline_formset([]),
            "letter_versions": inline_formset([]),
            "ways_to_act": streamfield(
                [
                    (
                        "call",
                        {
                            "heading": "Call",
                            "recipients": "zip",
                            "script": script,
                            "numbers": streamfield([]),
                        },
                    ),
                    (
                        "email",
                        {
                            "heading": "Write",
                            "recipients": "zip",
                            "subject": subject,
                            "body": body,
                            "addresses": streamfield([]),
                        },
                    ),
                ]
            ),
        }
    )


def post_new_action(client, parent, data):
    data["action-publish"] = "1"
    return client.post(f"/admin/pages/add/actions/urgentactionpage/{parent.pk}/", data)


@pytest.fixture
def index(home):
    return ActionIndexPageFactory(parent=home)


def test_misspelt_placeholder_in_the_english_script_is_refused_and_named(admin_client, index):
    script = "Hello {officail}, I am {first_name}."
    response = post_new_action(admin_client, index, action_form(script))
    assert response.status_code == 200
    html = response.content.decode()
    assert (
        "{officail} is not a placeholder. The placeholders you can use are: {first_name}, "
        "{city}, {state}, {official}, {the_official}, {title}, {organisation}. "
        "Did you mean {official}?"
    ) in html
    assert "Hello {officail}, I am {first_name}." in html  # nothing typed is lost
    assert not UrgentActionPage.objects.filter(slug="bring-her-home").exists()


def test_unknown_placeholder_in_an_email_subject_is_refused(admin_client, index):
    response = post_new_action(
        admin_client, index, action_form("Hello {official}.", subject="For {zip}")
    )
    assert "{zip} is not a placeholder." in response.content.decode()
    assert not UrgentActionPage.objects.exists()


def test_correct_placeholders_publish(admin_client, index):
    response = post_new_action(admin_client, index, action_form("Hello {official}."))
    assert response.status_code == 302
    assert UrgentActionPage.objects.get(slug="bring-her-home").live


def test_a_spanish_first_action_is_checked_in_spanish(
    admin_client, admin_user, home, home_es, spanish, django_capture_on_commit_callbacks
):
    index_en = ActionIndexPageFactory(parent=home)
    with django_capture_on_commit_callbacks(execute=True):
        translate(index_en, spanish, {"Urgent actions": "Acciones urgentes"})
    index_es = index_en.get_translation(spanish)
    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = "es"
    profile.save()
    response = post_new_action(
        admin_client, index_es, action_form("Hola, {official}. Vivo en {ciudad}.")
    )
    html = response.content.decode()
    assert "{ciudad} no es un marcador. Los marcadores que puede usar son:" in html
    assert not UrgentActionPage.objects.filter(locale=spanish).exists()


def test_blocks_refuse_unknown_placeholders_and_accept_known_ones():
    from wagtail.blocks import StructBlockValidationError

    call = CallBlock()
    value = call.to_python({"heading": "Call", "recipients": "zip", "script": "Hi {nombre}"})
    with pytest.raises(StructBlockValidationError) as error:
        call.clean(value)
    assert "script" in error.value.block_errors
    ok = call.to_python({"heading": "Call", "recipients": "zip", "script": "Hi {first_name}"})
    assert call.clean(ok)["script"] == "Hi {first_name}"
    email = EmailBlock()
    value = email.to_python(
        {"heading": "W", "recipients": "zip", "subject": "{x}", "body": "{official}"}
    )
    with pytest.raises(StructBlockValidationError) as error:
        email.clean(value)
    assert set(error.value.block_errors) == {"subject"}


# Translations name the real source language -------------------------------------------


def test_messages_name_the_source_language():
    assert placeholder_problems("Hola {first_name}", "Hi", "es") == [
        "The placeholder {first_name} is missing. Copy it exactly from the Spanish text."
    ]
    assert placeholder_problems("Hi {first_name}", "Hola {nombre}")[-1] == (
        "The placeholder {nombre} is not in the English text. Use only the placeholders "
        "of the English text."
    )


@pytest.fixture
def spanish_first(home, home_es, spanish, english, roles):
    """A page written first in Spanish, sent for translation into English."""
    page = StandardPageFactory(
        parent=home_es,
        slug="llamada",
        title="Guion",
        body="<p>Hola {official}, soy {first_name}.</p>",
        locale=spanish,
    )
    return page


def test_a_spanish_source_is_named_when_the_english_drops_a_placeholder(
    client, spanish_first, english, editor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        translate(spanish_first, english, {"Guion": "Script"}, publish=False)
    source = TranslationSource.objects.get_for_instance(spanish_first)
    translation = source.translations.get(target_locale=english)
    segment = StringSegment.objects.get(source=source, string__data__startswith="Hola")
    client.force_login(editor)
    response = put_string(client, translation, segment, "Hello {official}.")
    assert response.json()["error"] == (
        "The placeholder {first_name} is missing. Copy it exactly from the Spanish text."
    )
    assert StringTranslation.objects.get(translation_of=segment.string).has_error


# Either language can come first on the dashboard ---------------------------------------


def test_dashboard_lists_a_page_missing_its_english(spanish_first):
    row = next(r for r in dashboard_rows() if r.title == "Guion")
    assert row.missing and row.missing_english
    assert (row.source_code, row.target_code) == ("es", "en")
    assert str(row.missing_label) == "No English yet"
    assert row.start_url == reverse(
        "wagtail_localize:submit_page_translation", args=[spanish_first.id]
    )


def test_dashboard_page_names_both_directions(client, spanish_first, home, editor):
    StandardPageFactory(parent=home, slug="press", title="Press")
    client.force_login(editor)
    html = client.get(reverse("translation:dashboard")).content.decode()
    assert "1 page written in Spanish has no English version yet." in html
    assert "No English yet" in html and "No Spanish yet" in html
    assert "Spanish → English" in html and "English → Spanish" in html
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "es"
    profile.save()
    html = client.get(reverse("translation:dashboard")).content.decode()
    assert "1 página escrita en español aún no tiene versión en inglés." in html
    assert "Sin inglés todavía" in html and "Español → Inglés" in html


def test_a_spanish_first_page_in_translation_is_listed_once_with_its_progress(
    spanish_first, english, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        translate(spanish_first, english, {"Guion": "Script"}, publish=False)
    rows = [r for r in dashboard_rows() if r.source is not None and r.title in ("Guion", "Script")]
    assert len(rows) == 1
    row = rows[0]
    assert row.title == "Guion" and row.translation is not None
    assert (row.total, row.translated) == (3, 1)  # title, slug, body; the title translated


# PO files gettext tools can check ----------------------------------------------------


@pytest.fixture
def draft_translation(home, home_es, spanish, roles, django_capture_on_commit_callbacks):
    index = ActionIndexPageFactory(parent=home)
    with django_capture_on_commit_callbacks(execute=True):
        translate(index, spanish, {"Urgent actions": "Acciones urgentes"})
    action = UrgentActionPageFactory(parent=index, title="Free Ana", slug="free-ana")
    with django_capture_on_commit_callbacks(execute=True):
        translate(action, spanish, {"Free Ana": "Liberen a Ana"}, publish=False)
    return TranslationSource.objects.get_for_instance(action).translations.get(
        target_locale=spanish
    )


def download(client, translation):
    response = client.get(reverse("wagtail_localize:download_pofile", args=[translation.id]))
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith("-es.po")
    return polib.pofile(response.content.decode())


def test_po_download_has_language_plural_forms_and_brace_format_flags(
    client, draft_translation, translator
):
    client.force_login(translator)
    po = download(client, draft_translation)
    assert po.metadata["Language"] == "es"
    assert po.metadata["Plural-Forms"] == "nplurals=2; plural=(n != 1);"
    flagged = {e.msgid for e in po if "python-brace-format" in e.flags}
    assert "Hello {official}, I am {first_name} from {city}. Please release the family." in (
        flagged
    )
    assert "Free Ana" not in flagged
    keys = [(e.msgctxt, e.msgid) for e in po]
    assert len(keys) == len(set(keys))  # gettext tools refuse duplicates


def msgfmt_check(tmp_path, po):
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        if os.environ.get("CI"):
            pytest.fail("msgfmt is missing: .ci/run installs GNU gettext")
        pytest.skip("msgfmt (GNU gettext) is not installed: apt-get install gettext")
    path = tmp_path / "free-ana-es.po"
    po.save(str(path))
    return subprocess.run(  # noqa: S603 - a fixed tool on a file this test wrote
        [msgfmt, "-c", "-o", os.devnull, str(path)], capture_output=True, text=True, check=False
    )


def test_msgfmt_fails_on_a_downloaded_po_whose_spanish_drops_a_placeholder(
    client, draft_translation, translator, tmp_path
):
    client.force_login(translator)
    po = download(client, draft_translation)
    script = po.find("Hello {official}, I am {first_name} from {city}. Please release the family.")
    script.msgstr = "Hola {official}, soy {first_name}. Por favor, liberen a la familia."
    result = msgfmt_check(tmp_path, po)
    assert result.returncode != 0
    assert "'city' doesn't exist in 'msgstr'" in result.stderr


def test_msgfmt_accepts_a_downloaded_po_with_every_placeholder(
    client, draft_translation, translator, tmp_path
):
    client.force_login(translator)
    po = download(client, draft_translation)
    script = po.find("Hello {official}, I am {first_name} from {city}. Please release the family.")
    script.msgstr = "Hola {official}, soy {first_name} de {city}. Liberen a la familia."
    result = msgfmt_check(tmp_path, po)
    assert result.returncode == 0, result.stderr


def test_po_download_stays_closed_to_strangers(client, draft_translation, django_user_model):
    stranger = django_user_model.objects.create_user("nobody", password="x")
    client.force_login(stranger)
    response = client.get(reverse("wagtail_localize:download_pofile", args=[draft_translation.id]))
    assert response.status_code in (302, 403)
    assert b"msgid" not in response.content


def test_locale_fixture_sanity(english, spanish):
    assert Locale.objects.count() == 2
