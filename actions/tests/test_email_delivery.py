"""An email action's message reaches an official's inbox through the outbox, from the
site's address with the reader as Reply-To, only after the reader confirms; members of
Congress (web forms only) get the copy-and-open-the-form path, said plainly."""

import re

import pytest

from actions.forms import started_token
from actions.models import ActionResponse, ActionTarget
from actions.tests.smtp import smtp_server
from supporters.models import OutboxEmail
from tests.actions_helpers import *  # noqa: F403  (fixtures)
from tests.factories_actions import UrgentActionPageFactory
from tests.factories_officials import TargetFactory, ZipDistrictFactory

pytestmark = pytest.mark.django_db

EMAIL = {
    "heading": "Write to the Secretary",
    "recipients": "both",
    "subject": "Protect asylum",
    "body": "Dear {official},\n\nI am {title} of {organisation}. Please protect asylum.\n\n"
    "{first_name}",
    "addresses": [],
}


@pytest.fixture
def secretary(db):
    return TargetFactory(
        custom=True, title="Secretary", full_name="Dana Custom", email="secretary@agency.example"
    )


@pytest.fixture
def email_action(action_index, secretary):
    ZipDistrictFactory(zip_code="21201", state="MD", district=7)
    TargetFactory(
        state="MD",
        district=7,
        full_name="Cy Member",
        email="",
        website="https://cy.house.example",
        contact_form_url="https://cy.house.example/contact",
    )
    page = UrgentActionPageFactory(
        parent=action_index, slug="write", recipients="both", ways_to_act=[("email", EMAIL)]
    )
    ActionTarget.objects.create(page=page, target=secretary, sort_order=0)
    return page


def hidden(html, name):
    return re.search(rf'name="{name}" value="([^"]*)"', html).group(1)


def _zip_step(client, page):
    return client.post(
        page.url + "email/",
        {
            "zip": "21201",
            "first_name": "Rosa",
            "city": "Baltimore",
            "title": "Director",
            "organisation": "Casa Baltimore",
            "started": started_token(),
            "step": "zip",
        },
    ).content.decode()


def _review(client, page, html, **extra):
    data = {
        "step": "sent",
        "send": "1",
        "sent-subject": "Protect asylum",
        "sent-body": "My own words: please protect asylum.",
        "sent-token": hidden(html, "sent-token"),
        "sent-zip": "21201",
        "sent-state": "MD",
        "sent-district": "7",
        "sent-sender_name": "Rosa Pérez",
        "sent-sender_email": "rosa@example.org",
        "sent-started": started_token(),
    }
    data.update(extra)
    return client.post(page.url + "email/", data)


def test_organisation_title_fill_the_message_and_congress_gets_the_form_path(client, email_action):
    html = _zip_step(client, email_action)
    assert "I am Director of Casa Baltimore." in html
    assert "We can e-mail your message to:" in html and "Secretary Dana Custom" in html
    assert "We cannot send it for you" in html
    assert 'href="https://cy.house.example/contact"' in html
    assert (
        "data-copy=" in html
        and "<script" not in html.split('id="act-email"')[1].split("</section>")[0]
    )


def test_message_is_sent_only_after_the_reader_confirms_with_reply_to_the_reader(
    client, settings, email_action
):
    settings.DEFAULT_FROM_EMAIL = "Haven <actions@haven.example>"
    with smtp_server(settings) as inbox:
        html = _zip_step(client, email_action)
        review = _review(client, email_action, html)
        page = review.content.decode()
        assert review.status_code == 200
        assert "Check before we send it" in page
        assert "Nothing has been sent yet." in page
        assert "rosa@example.org" in page
        # Nothing before the confirmation: no SMTP message, no outbox row, no response.
        assert inbox.envelopes == []
        assert not OutboxEmail.objects.exists()
        assert not ActionResponse.objects.exists()

        confirm = {
            name: value
            for name, value in re.findall(
                r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page
            )
        }
        confirm.update({"step": "confirm", "sent-started": started_token()})
        done = client.post(email_action.url + "email/", confirm)
        assert done.status_code == 303 and done["Location"].endswith("/thanks/")
        # Confirming twice (a reload) sends nothing more.
        client.post(email_action.url + "email/", {**confirm, "sent-started": started_token()})

    [message] = inbox.to("secretary@agency.example")
    assert len(inbox.envelopes) == 1  # the member of Congress has no inbox: nothing faked
    assert message["Reply-To"] == "rosa@example.org"
    assert message["From"] == "Haven <actions@haven.example>"
    assert message["Subject"] == "Protect asylum"
    body = message.get_body(preferencelist=("plain",)).get_content()
    assert "My own words: please protect asylum." in body
    assert "List-Unsubscribe" not in message
    row = ActionResponse.objects.get()
    assert (row.kind, row.counted, row.email) == ("email", True, "rosa@example.org")


def test_sending_needs_a_name_and_address_and_keeps_the_edited_message(client, email_action):
    html = _zip_step(client, email_action)
    response = _review(client, email_action, html, **{"sent-sender_email": ""})
    page = response.content.decode()
    assert "This field is required." in page
    assert "My own words: please protect asylum." in page
    assert not OutboxEmail.objects.exists()


def test_the_confirm_step_is_in_spanish_on_the_spanish_page(
    client, email_action, action_index, spanish, home_es, django_capture_on_commit_callbacks
):
    from tests.actions_helpers import ACTION_ES
    from translation.builders import translate

    with django_capture_on_commit_callbacks(execute=True):
        translate(action_index, spanish, ACTION_ES)
    with django_capture_on_commit_callbacks(execute=True):
        translate(email_action, spanish, ACTION_ES)
    page_es = email_action.get_translation(spanish).specific
    html = _zip_step(client, page_es)
    assert "No podemos enviarlo por usted" in html
    review = _review(client, page_es, html).content.decode()
    assert "Revise antes de que lo enviemos" in review
    assert "Todavía no se ha enviado nada." in review
