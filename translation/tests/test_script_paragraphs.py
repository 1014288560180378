"""Call scripts and messages keep their paragraphs through translation, and translators
never see markup: each line is its own string in the translation editor and PO file."""

import pytest
from django.urls import reverse
from wagtail_localize.models import String, StringSegment, StringTranslation, TranslationSource
from wagtail_localize.strings import StringValue

from actions.forms import started_token
from actions.models import UrgentActionPage
from tests.factories_actions import EMAIL, LETTER
from tests.factories_stories import (
    ACTIONS_ES,
    ActionIndexPageFactory,
    UrgentActionPageFactory,
    translate_page,
)
from translation.builders import translate
from translation.sync import carry_over_previous_translations
from translation.tests.helpers import put_string

pytestmark = pytest.mark.django_db

SCRIPT = (
    "Hello {official}, my name is {first_name}.\n\n"
    "I live in Baltimore, MD.\n"
    "I am calling because Ana has been detained for 200 days."
)
LINES = [
    "Hello {official}, my name is {first_name}.",
    "I live in Baltimore, MD.",
    "I am calling because Ana has been detained for 200 days.",
]
LINES_ES = [
    "Hola, {official}. Me llamo {first_name}.",
    "Vivo en Baltimore, MD.",
    "Llamo porque Ana lleva 200 días detenida.",
]
CALL = {"heading": "Call", "recipients": "chosen", "script": SCRIPT, "numbers": []}


@pytest.fixture
def action(home, settings):
    settings.ACTIONS_MIN_FILL_SECONDS = 0
    index = ActionIndexPageFactory(parent=home)
    page = UrgentActionPageFactory(
        parent=index,
        title="Free Ana",
        slug="free-ana",
        ways_to_act=[("sign", LETTER), ("call", CALL), ("email", EMAIL)],
    )
    return UrgentActionPage.objects.get(pk=page.pk)


@pytest.fixture
def draft_es(action, home_es, spanish, django_capture_on_commit_callbacks):
    translate_page(action.get_parent(), spanish, ACTIONS_ES, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        translate(action, spanish, {"Free Ana": "Liberen a Ana"}, publish=False)
    return TranslationSource.objects.get_for_instance(action).translations.get(
        target_locale=spanish
    )


def script_segments(translation):
    return list(
        StringSegment.objects.filter(
            source=translation.source, context__path__endswith=".script"
        ).order_by("order")
    )


def test_translators_get_one_line_per_string_and_no_markup(client, draft_es, translator):
    segments = script_segments(draft_es)
    assert [s.string.data for s in segments] == LINES
    client.force_login(translator)
    po = client.get(reverse("wagtail_localize:download_pofile", args=[draft_es.id]))
    text = po.content.decode()
    assert "<br" not in text
    for line in LINES:
        assert f'msgid "{line}"' in text


def test_spanish_script_keeps_its_paragraphs_on_the_call_step(
    client, action, draft_es, translator, spanish, django_capture_on_commit_callbacks
):
    client.force_login(translator)
    for segment, spanish_line in zip(script_segments(draft_es), LINES_ES, strict=True):
        assert put_string(client, draft_es, segment, spanish_line).json()["error"] is None
    with django_capture_on_commit_callbacks(execute=True):
        translate(action, spanish, {}, publish=True)
    es = UrgentActionPage.objects.get(translation_key=draft_es.source.object_id, locale=spanish)
    assert es.block_of_kind("call").value["script"] == "\n".join(
        [LINES_ES[0], "", LINES_ES[1], LINES_ES[2]]
    )
    data = {"zip": "20001", "first_name": "Rosa", "city": "Tucson", "started": started_token()}
    html = client.post(es.url + "call/", {**data, "step": "zip"}).content.decode()
    assert "Me llamo Rosa.<br><br>Vivo en Baltimore, MD.<br>Llamo porque Ana lleva 200 días" in html
    assert "MD.Llamo" not in html


def test_a_script_translated_as_one_text_is_offered_back_line_by_line(draft_es, spanish):
    """Sites upgrading from whole-text scripts keep their Spanish, flagged for review."""
    segments = script_segments(draft_es)
    context = segments[0].context
    whole = String.from_value(draft_es.source.locale, StringValue.from_plaintext(SCRIPT))
    StringTranslation.objects.create(
        translation_of=whole,
        context=context,
        locale=spanish,
        data="<br/>".join([LINES_ES[0], "", LINES_ES[1], LINES_ES[2]]),
    )
    assert carry_over_previous_translations(draft_es) == 3
    prefilled = [
        StringTranslation.objects.get(translation_of=s.string, context=context, locale=spanish)
        for s in segments
    ]
    assert [p.data for p in prefilled] == LINES_ES
    assert all(p.has_error for p in prefilled)  # shown for review, not yet used
