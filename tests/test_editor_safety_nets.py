"""Editors never trip on an empty optional item, see a slug clash where they are, and
read consent records and exports in words (and in Excel)."""

import pytest
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from actions.blocks import CallBlock, EmailBlock
from home.models import StandardPage
from tests.actions_helpers import *  # noqa: F403  (fixtures)
from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


def test_empty_optional_number_and_address_items_do_not_block_publishing(client, action):
    call = CallBlock()
    value = call.to_python(
        {
            "heading": "Call",
            "recipients": "chosen",
            "script": "Hello {official}.",
            "numbers": [{"label": "", "number": ""}, {"label": "Desk", "number": "202-555-0100"}],
        }
    )
    call.clean(value)  # no "This field is required"
    email = EmailBlock()
    email.clean(
        email.to_python(
            {
                "heading": "Write",
                "recipients": "zip",
                "subject": "S",
                "body": "B",
                "addresses": [""],
            }
        )
    )
    action.ways_to_act = [("call", value)]
    action.save_revision().publish()
    html = client.get(action.url).content.decode()
    # The empty item is skipped; the filled one dials internationally.
    assert html.count('href="tel:') == 1
    assert 'href="tel:+12025550100"' in html


def test_a_number_without_a_phone_is_refused_with_a_clear_message():
    from wagtail.blocks import StructBlockValidationError

    call = CallBlock()
    value = call.to_python(
        {
            "heading": "Call",
            "recipients": "chosen",
            "script": "Hi",
            "numbers": [{"label": "Desk", "number": ""}],
        }
    )
    with pytest.raises(StructBlockValidationError) as error:
        call.clean(value)
    assert "Give the number to call." in str(error.value.as_json_data())


def test_slug_clash_with_an_autosaved_draft_is_shown_at_the_top_of_the_form(home):
    StandardPageFactory(parent=home, title="About us", slug="about", live=False)
    form_class = StandardPage.get_edit_handler().get_form_class()
    data = nested_form_data(
        {
            "title": "About us",
            "slug": "about",
            "body": rich_text("<p>Hello</p>"),
            "comments": inline_formset([]),
        }
    )
    form = form_class(data, instance=StandardPage(), parent_page=home)
    assert not form.is_valid()
    top = " ".join(form.non_field_errors())
    assert "“about”" in top and "“About us”" in top and "Promote tab" in top


def test_consent_record_is_named_in_words_and_the_editor_returns_to_the_story(admin_client, home):
    import datetime

    from stories.models import ConsentRecord
    from tests.factories_stories import CaseIndexPageFactory, CaseStoryPageFactory

    story = CaseStoryPageFactory(
        parent=CaseIndexPageFactory(parent=home), title="Rosa's story", consent=False
    )
    response = admin_client.post(
        f"/admin/consent_records/new/?story={story.pk}",
        {
            "story": story.pk,
            "given_by_role": "person",
            "given_by": "R.",
            "given_on": "2026-03-03",
            "covers_story": "on",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == f"/admin/pages/{story.pk}/edit/"
    record = ConsentRecord.objects.get()
    assert str(record) == "Consent for Rosa's story (given March 3, 2026)"
    assert record.given_on == datetime.date(2026, 3, 3)
    listing = admin_client.get("/admin/consent_records/").content.decode()
    assert ">Yes<" in listing.replace("\n", "").replace(" ", "") or "Yes" in listing
    assert "True" not in listing and "False" not in listing


def test_csv_export_opens_right_in_excel(admin_client, action):
    from tests.factories_actions import ActionResponseFactory

    ActionResponseFactory(
        action_key=action.translation_key, page=action, last_name="Pérez", first_name="=HYPERLINK"
    )
    response = admin_client.get(f"/admin/actions/{action.pk}/responses/?export=csv")
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    assert "Pérez" in body
    assert "'=HYPERLINK" in body
    # Local time to the second: no microseconds, no UTC offset.
    import re

    stamps = re.findall(r"\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d[^,]*", body)
    assert stamps and all(re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", s) for s in stamps)
