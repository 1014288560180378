"""What translators see of a real story and a real urgent action: exactly their copy.

The allowlists below fail when a field or block child starts (or stops) reaching the
translation editor, so names of officials, phone numbers, e-mail addresses, images,
video URLs, dates, goals, codes and consent records never leak to translators unnoticed.
"""

import datetime
import io
import re

import polib
import pytest
from django.urls import reverse
from wagtail_localize.models import StringSegment, StringTranslation, TranslationSource

from actions.models import ActionTarget, UrgentActionPage
from stories.models import CaseStoryPage
from tests.factories_actions import LETTER
from tests.factories_officials import TargetFactory
from tests.factories_stories import (
    ACTIONS_ES,
    INDEX_ES,
    ActionIndexPageFactory,
    CaseIndexPageFactory,
    CaseStoryPageFactory,
    CaseUpdateFactory,
    ConsentRecordFactory,
    UrgentActionPageFactory,
    link_action,
    make_image,
    translate_page,
)
from translation.builders import translate
from translation.tests.helpers import put_string, synchronised_paths, translatable_segments

pytestmark = pytest.mark.django_db

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")

SCRIPT = "Hello {official}, I am {first_name} from {city}. Please release Ana."
SCRIPT_ES = "Hola {official}, soy {first_name} de {city}. Por favor, liberen a Ana."
EMAIL_BODY = "Dear {official},\n\nI am {first_name} from {city}. Please act."
# Messages reach translators one line at a time, without markup (translation/segments.py).
EMAIL_GREETING = "Dear {official},"
EMAIL_GREETING_ES = "Estimado/a {official}:"
EMAIL_BODY_SEGMENT = "I am {first_name} from {city}. Please act."
EMAIL_BODY_ES = "Soy {first_name} de {city}. Actúe, por favor."
CALL = {
    "heading": "Call the field office",
    "recipients": "chosen",
    "script": SCRIPT,
    "numbers": [{"label": "Field office", "number": "(202) 555-0100"}],
}
EMAIL = {
    "heading": "Email the director",
    "recipients": "chosen",
    "subject": "Release Ana",
    "body": EMAIL_BODY,
    "addresses": ["director@example.org"],
}

ACTION_ES = {
    "Free Ana": "Liberen a Ana",
    "free-ana": "liberen-a-ana",
    "Ask the field office to release her.": "Pida a la oficina local que la libere.",
    'She is <a id="a1">at risk</a>.': 'Ella <a id="a1">corre peligro</a>.',
    "The field office director": "El director de la oficina local",
    "She was released.": "Fue liberada.",
    "Free Ana now": "Liberen a Ana ya",
    "A plea for Ana": "Un llamado por Ana",
    "Sign the letter": "Firme la carta",
    "Add your name before Friday.": "Agregue su nombre antes del viernes.",
    "Dear Director,": "Estimado director:",
    "We ask you to act.": "Le pedimos que actúe.",
    "Release the family.": "Libere a la familia.",
    "Restore access to counsel.": "Restablezca el acceso a su abogado.",
    "Sincerely,": "Atentamente,",
    "Call the field office": "Llame a la oficina local",
    "Field office": "Oficina local",
    SCRIPT: SCRIPT_ES,
    "Email the director": "Escriba al director",
    "Release Ana": "Liberen a Ana",
    EMAIL_GREETING: EMAIL_GREETING_ES,
    EMAIL_BODY_SEGMENT: EMAIL_BODY_ES,
}


def normalised(segments):
    """Segments with block ids replaced, in a stable order."""
    return sorted((UUID.sub("<id>", path), text) for path, text in segments)


@pytest.fixture
def action(home):
    actions = ActionIndexPageFactory(parent=home)
    action = UrgentActionPageFactory(
        parent=actions,
        title="Free Ana",
        slug="free-ana",
        seo_title="Free Ana now",
        search_description="A plea for Ana",
        social_image=make_image("Social"),
        why_it_matters='<p>She is <a href="https://example.org/report">at risk</a>.</p>',
        recipients="both",
        recipients_note="The field office director",
        deadline=datetime.datetime(2027, 8, 16, 21, tzinfo=datetime.UTC),
        deadline_timezone="America/New_York",
        signature_goal=5000,
        outcome_message="<p>She was released.</p>",
        ways_to_act=[("sign", LETTER), ("call", CALL), ("email", EMAIL)],
    )
    official = TargetFactory(first_name="Zora", last_name="Quillfeather", phone="202-555-0199")
    ActionTarget.objects.create(page=action, target=official, sort_order=0)
    return UrgentActionPage.objects.get(pk=action.pk)


@pytest.fixture
def story(home, action):
    index = CaseIndexPageFactory(parent=home)
    picture = make_image("Drawing")
    story = CaseStoryPageFactory(
        parent=index,
        title="Rosa waits for a hearing",
        slug="rosa",
        seo_title="Rosa's case",
        search_description="Rosa has waited a year.",
        display_name="Rosa",
        identity_protected=True,
        country_of_origin="HN",
        current_location="A detention centre in Texas",
        category=CaseStoryPage.Category.DETENTION,
        summary="Held for months without a hearing.",
        hero_image=picture,
        hero_image_alt="A drawing of an open door",
        social_image=make_image("Card"),
        body=[
            ("paragraph", '<p>Read <a href="https://example.org/rights">her rights</a>.</p>'),
            ("quote", {"quote": "I want to be safe.", "attribution": "Rosa"}),
            (
                "image",
                {
                    "image": picture,
                    "alt_text": "A door opening onto a field",
                    "caption": "An illustration.",
                    "credit": "Haven",
                },
            ),
            (
                "video",
                {"video": "https://www.youtube.com/watch?v=abc123", "caption": "Her lawyer."},
            ),
            ("key_fact", {"figure": "14 months", "label": "in detention", "source": "Court file"}),
        ],
        consent__photo=True,
    )
    CaseUpdateFactory(
        page=story,
        date=datetime.date(2026, 8, 16),
        headline="Hearing set",
        body="<p>The judge set a date.</p>",
        notify_supporters=True,
    )
    link_action(story, action)
    ConsentRecordFactory(story=story, given_by="Zyxwv Qoph", notes="Signed form in drawer 7")
    return CaseStoryPage.objects.get(pk=story.pk)


# The allowlists ---------------------------------------------------------------------


def test_a_story_offers_translators_exactly_its_copy(story):
    assert normalised(translatable_segments(story)) == [
        ("body.<id>", 'Read <a id="a1">her rights</a>.'),
        ("body.<id>.alt_text", "A door opening onto a field"),
        ("body.<id>.attribution", "Rosa"),
        ("body.<id>.caption", "An illustration."),
        ("body.<id>.caption", "Her lawyer."),
        ("body.<id>.credit", "Haven"),
        ("body.<id>.figure", "14 months"),
        ("body.<id>.label", "in detention"),
        ("body.<id>.quote", "I want to be safe."),
        ("body.<id>.source", "Court file"),
        ("current_location", "A detention centre in Texas"),
        ("display_name", "Rosa"),
        ("hero_image_alt", "A drawing of an open door"),
        ("search_description", "Rosa has waited a year."),
        ("seo_title", "Rosa's case"),
        ("slug", "rosa"),
        ("summary", "Held for months without a hearing."),
        ("title", "Rosa waits for a hearing"),
        ("updates.<id>.body", "The judge set a date."),
        ("updates.<id>.headline", "Hearing set"),
    ]


def test_a_story_hides_images_video_dates_and_codes_from_translators(story):
    # Only the target of a link inside translated prose may be pointed at a Spanish
    # edition; the pictures (covered by photo consent) and the video are never swapped.
    assert [UUID.sub("<id>", p) for p in synchronised_paths(story)] == [
        "body.<id>.'https://example.org/rights'"
    ]


def test_an_action_offers_translators_exactly_its_copy(action):
    assert normalised(translatable_segments(action)) == [
        ("outcome_message", "She was released."),
        ("recipients_note", "The field office director"),
        ("search_description", "A plea for Ana"),
        ("seo_title", "Free Ana now"),
        ("slug", "free-ana"),
        ("summary", "Ask the field office to release her."),
        ("title", "Free Ana"),
        ("ways_to_act.<id>.body", EMAIL_GREETING),
        ("ways_to_act.<id>.body", EMAIL_BODY_SEGMENT),
        ("ways_to_act.<id>.closing", "Sincerely,"),
        ("ways_to_act.<id>.demands.<id>", "Release the family."),
        ("ways_to_act.<id>.demands.<id>", "Restore access to counsel."),
        ("ways_to_act.<id>.heading", "Call the field office"),
        ("ways_to_act.<id>.heading", "Email the director"),
        ("ways_to_act.<id>.heading", "Sign the letter"),
        ("ways_to_act.<id>.introduction", "Add your name before Friday."),
        ("ways_to_act.<id>.letter", "Dear Director,"),
        ("ways_to_act.<id>.letter", "We ask you to act."),
        ("ways_to_act.<id>.numbers.<id>.label", "Field office"),
        ("ways_to_act.<id>.script", SCRIPT),
        ("ways_to_act.<id>.subject", "Release Ana"),
        ("why_it_matters", 'She is <a id="a1">at risk</a>.'),
    ]


def test_an_action_hides_officials_numbers_addresses_and_settings_from_translators(action):
    assert synchronised_paths(action) == ["why_it_matters.'https://example.org/report'"]
    source = TranslationSource.objects.get_for_instance(action)
    strings = set(source.stringsegment_set.values_list("string__data", flat=True))
    for internal in ["(202) 555-0100", "director@example.org", "Quillfeather", "5000", "2027"]:
        assert not any(internal in s for s in strings), internal


def test_spanish_action_keeps_the_english_numbers_addresses_and_officials(
    action, home_es, spanish, django_capture_on_commit_callbacks
):
    translate_page(action.get_parent(), spanish, ACTIONS_ES, django_capture_on_commit_callbacks)
    es = translate_page(action, spanish, ACTION_ES, django_capture_on_commit_callbacks)
    call = es.block_of_kind("call").value
    assert call["script"] == SCRIPT_ES
    assert [(n["label"], n["number"]) for n in call["numbers"]] == [
        ("Oficina local", "(202) 555-0100")
    ]
    assert list(es.block_of_kind("email").value["addresses"]) == ["director@example.org"]
    assert [t.full_name for t in es.get_chosen_targets()] == ["Zora Quillfeather"]
    assert (es.signature_goal, es.deadline, es.recipients) == (5000, action.deadline, "both")
    assert es.social_image_id == action.social_image_id


# Consent records never reach translators --------------------------------------------


def test_consent_records_are_absent_from_the_source_the_po_file_and_the_editor(
    client, story, home_es, spanish, translator, django_capture_on_commit_callbacks
):
    translate_page(story.get_parent(), spanish, INDEX_ES, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        translate(story, spanish, {}, publish=False)
    source = TranslationSource.objects.get_for_instance(story)
    translation = source.translations.get(target_locale=spanish)
    po = str(translation.export_po())
    client.force_login(translator)
    editor = client.get(
        reverse("wagtailadmin_pages:edit", args=[story.get_translation(spanish).id])
    )
    assert editor.status_code == 200
    for secret in ["Zyxwv Qoph", "drawer 7", "consent"]:
        assert secret not in source.content_json
        assert secret not in po
        assert secret not in editor.content.decode()


# Placeholders in the real call script and email ------------------------------------


@pytest.fixture
def draft_es(action, home_es, spanish, django_capture_on_commit_callbacks):
    translate_page(action.get_parent(), spanish, ACTIONS_ES, django_capture_on_commit_callbacks)
    strings = {
        k: v for k, v in ACTION_ES.items() if k not in (SCRIPT, EMAIL_GREETING, EMAIL_BODY_SEGMENT)
    }
    with django_capture_on_commit_callbacks(execute=True):
        translate(action, spanish, strings, publish=False)
    source = TranslationSource.objects.get_for_instance(action)
    return source.translations.get(target_locale=spanish)


BROKEN = [
    (SCRIPT, "Hola {official}, soy {first_name}. Por favor, liberen a Ana.", "{city}"),
    (SCRIPT, "Hola {oficial}, soy {first_name} de {city}.", "{oficial}"),
    (SCRIPT, SCRIPT_ES + " {zip}", "{zip}"),
    (EMAIL_GREETING, "Estimado/a:", "{official}"),
    (EMAIL_BODY_SEGMENT, EMAIL_BODY_ES.replace("{city}", "{ciudad}"), "{ciudad}"),
    (EMAIL_BODY_SEGMENT, EMAIL_BODY_ES + " {state}", "{state}"),
]


@pytest.mark.parametrize(("source_text", "spanish_text", "named"), BROKEN)
def test_editor_refuses_a_script_or_email_that_breaks_a_placeholder(
    client, draft_es, translator, source_text, spanish_text, named
):
    segment = StringSegment.objects.get(source=draft_es.source, string__data=source_text)
    client.force_login(translator)
    response = put_string(client, draft_es, segment, spanish_text)
    assert named in response.json()["error"]
    saved = StringTranslation.objects.get(
        translation_of=segment.string, locale=draft_es.target_locale
    )
    assert saved.has_error
    total, done = draft_es.get_progress()
    assert done < total


@pytest.mark.parametrize(("source_text", "spanish_text", "named"), BROKEN)
def test_po_upload_refuses_a_script_or_email_that_breaks_a_placeholder(
    client, draft_es, translator, spanish, source_text, spanish_text, named
):
    client.force_login(translator)
    po = polib.pofile(
        client.get(reverse("wagtail_localize:download_pofile", args=[draft_es.id])).content.decode()
    )
    for entry in po:
        if entry.msgid == source_text:
            entry.msgstr = spanish_text
    upload = io.BytesIO(str(po).encode())
    upload.name = "free-ana-es.po"
    es = UrgentActionPage.objects.get(translation_key=draft_es.source.object_id, locale=spanish)
    response = client.post(
        reverse("wagtail_localize:upload_pofile", args=[draft_es.id]),
        {"file": upload, "next": reverse("wagtailadmin_pages:edit", args=[es.id])},
    )
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any(named in m for m in messages), messages
    assert StringTranslation.objects.get(translation_of__data=source_text, locale=spanish).has_error


def test_correct_spanish_script_publishes_and_is_personalised_on_the_call_step(
    client, draft_es, translator, editor, spanish, settings, django_capture_on_commit_callbacks
):
    from actions.forms import started_token

    settings.ACTIONS_MIN_FILL_SECONDS = 0

    client.force_login(translator)
    for source_text, spanish_text in [
        (SCRIPT, SCRIPT_ES),
        (EMAIL_GREETING, EMAIL_GREETING_ES),
        (EMAIL_BODY_SEGMENT, EMAIL_BODY_ES),
    ]:
        segment = StringSegment.objects.get(source=draft_es.source, string__data=source_text)
        assert put_string(client, draft_es, segment, spanish_text).json()["error"] is None
    assert draft_es.get_progress()[0] == draft_es.get_progress()[1]

    es = UrgentActionPage.objects.get(translation_key=draft_es.source.object_id, locale=spanish)
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("wagtailadmin_pages:edit", args=[es.id]), {"action": "publish"})
    es.refresh_from_db()
    assert es.live
    data = {"zip": "20001", "first_name": "Rosa", "city": "Tucson", "started": started_token()}
    html = client.post(es.url + "call/", {**data, "step": "zip"}).content.decode()
    assert "Hola Oficina local, soy Rosa de Tucson. Por favor, liberen a Ana." in html
    html = client.post(es.url + "email/", {**data, "step": "zip"}).content.decode()
    # The message keeps its blank line between greeting and body.
    assert re.search(r"Estimado/a [^<:]+:\n\nSoy Rosa de Tucson\. Actúe, por favor\.", html)
