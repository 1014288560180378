"""Calling and emailing: the personalised script, logged outcomes, and "I sent it"."""

import re

import pytest
from django.core.cache import cache

from actions.counting import get_count
from actions.forms import started_token
from actions.models import ActionResponse
from tests.actions_helpers import *  # noqa: F403  (fixtures)

pytestmark = pytest.mark.django_db


def zip_step(client, page, kind, **extra):
    data = {
        "zip": "20001",
        "first_name": "Rosa",
        "city": "Tucson",
        "started": started_token(),
        "step": "zip",
    }
    data.update(extra)
    return client.post(page.url + f"{kind}/", data)


def hidden(html, name):
    return re.search(rf'name="{name}" value="([^"]*)"', html).group(1)


def test_call_step_fills_the_script_and_links_the_number(client, action):
    html = zip_step(client, action, "call").content.decode()
    assert "Hello Field office, I am Rosa from Tucson." in html
    assert 'href="tel:+12025550100"' in html  # E.164: dials from any phone
    assert 'name="log-outcome"' in html


def test_call_outcomes_are_counted_per_outcome(client, action):
    for outcome in ["talked", "voicemail", "busy", "skipped"]:
        html = zip_step(client, action, "call").content.decode()
        client.post(
            action.url + "call/",
            {
                "step": "log",
                "log-outcome": outcome,
                "log-token": hidden(html, "log-token"),
                "log-zip": "20001",
                "log-started": started_token(),
            },
        )
    rows = ActionResponse.objects.filter(kind="call")
    assert sorted(rows.values_list("outcome", flat=True)) == [
        "busy",
        "skipped",
        "talked",
        "voicemail",
    ]
    assert rows.filter(counted=True).count() == 2
    cache.clear()
    assert get_count(action.translation_key) == 2


def test_unanswered_call_is_not_counted_and_does_not_thank(client, action):
    html = zip_step(client, action, "call").content.decode()
    response = client.post(
        action.url + "call/",
        {
            "step": "log",
            "log-outcome": "busy",
            "log-token": hidden(html, "log-token"),
            "log-started": started_token(),
        },
    )
    assert response["Location"].endswith("#act-call")
    page = client.get(response["Location"].split("#")[0]).content.decode()
    assert "That call is not counted yet" in page
    assert client.get(action.url + "thanks/").status_code == 302


def test_answered_call_in_spanish_thanks_in_spanish(client, action_es):
    html = zip_step(client, action_es, "call").content.decode()
    response = client.post(
        action_es.url + "call/",
        {
            "step": "log",
            "log-outcome": "talked",
            "log-token": hidden(html, "log-token"),
            "log-started": started_token(),
        },
    )
    assert response["Location"] == action_es.url + "thanks/"
    assert "Gracias por llamar" in client.get(response["Location"]).content.decode()
    assert ActionResponse.objects.get().language == "es"


def test_resubmitted_call_log_adds_one_row(client, action):
    html = zip_step(client, action, "call").content.decode()
    data = {
        "step": "log",
        "log-outcome": "talked",
        "log-token": hidden(html, "log-token"),
        "log-started": started_token(),
    }
    client.post(action.url + "call/", data)
    client.post(action.url + "call/", data)
    assert ActionResponse.objects.count() == 1


def test_call_without_outcome_is_asked_again(client, action):
    html = zip_step(client, action, "call").content.decode()
    response = client.post(
        action.url + "call/",
        {"step": "log", "log-token": hidden(html, "log-token"), "log-started": started_token()},
    )
    assert "This field is required." in response.content.decode()
    assert ActionResponse.objects.count() == 0


def test_call_zip_step_with_bad_zip_shows_message(client, action):
    response = zip_step(client, action, "call", zip="99")
    assert "Enter a 5-digit ZIP code" in response.content.decode()


def test_email_step_prepares_editable_message_and_mailto(client, action):
    html = zip_step(client, action, "email").content.decode()
    assert "I am Rosa from Tucson. Please act." in html
    assert 'href="mailto:director@example.org?subject=Release%20the%20family' in html
    assert 'name="sent-body"' in html


def test_email_i_sent_it_counts_once(client, action):
    html = zip_step(client, action, "email").content.decode()
    data = {
        "step": "sent",
        "sent-subject": "Hi",
        "sent-body": "<b>edited</b> text",
        "sent-token": hidden(html, "sent-token"),
        "sent-started": started_token(),
    }
    first = client.post(action.url + "email/", data)
    client.post(action.url + "email/", data)
    assert first["Location"] == action.url + "thanks/"
    assert ActionResponse.objects.filter(kind="email", counted=True).count() == 1
    assert "Thank you for writing" in client.get(first["Location"]).content.decode()


def test_closed_action_refuses_calls_and_emails(client, action):
    action.status = "closed"
    action.save_revision().publish()
    assert zip_step(client, action, "call").status_code == 409
    response = client.post(action.url + "email/", {"step": "sent", "sent-token": "x"})
    assert response.status_code == 409
    assert ActionResponse.objects.count() == 0


def test_a_way_to_act_the_page_does_not_offer_is_refused(client, action_index):
    from tests.factories_actions import LETTER, UrgentActionPageFactory

    sign_only = UrgentActionPageFactory(
        parent=action_index, slug="sign-only", ways_to_act=[("sign", LETTER)]
    )
    response = client.post(
        sign_only.url + "email/",
        {
            "step": "sent",
            "sent-subject": "x",
            "sent-body": "y",
            "sent-token": "t" * 20,
            "sent-started": started_token(),
        },
    )
    assert response.status_code == 302
    assert ActionResponse.objects.count() == 0


@pytest.mark.parametrize(
    "template, values, expected",
    [
        ("I live in {city}, {state}. Bye", {"city": "Tucson"}, "I live in Tucson. Bye"),
        ("vivo en {city}, {state}.", {"city": "Yuma", "state": "AZ"}, "vivo en Yuma, AZ."),
        ("Hello {official}, I am {first_name}.", {"official": "Sen. Roe"}, "Hello Sen. Roe, I am."),
        ("Dear {official},\n\n{first_name}", {}, "Dear,\n\n"),
        ("Keep {unknown} braces", {}, "Keep {unknown} braces"),
    ],
)
def test_placeholders_leave_no_stray_punctuation(template, values, expected):
    from actions.blocks import fill_placeholders

    assert fill_placeholders(template, values) == expected


def test_calling_chosen_officials_needs_no_zip_code(client, action):
    html = zip_step(client, action, "call", zip="").content.decode()
    assert "Hello Field office, I am Rosa from Tucson." in html
    assert 'name="log-outcome"' in html


def test_calling_your_own_members_needs_a_zip_code_in_spanish(client, action_es):
    from tests.factories_actions import CALL

    action_es.ways_to_act = [("call", {**CALL, "recipients": "zip"})]
    action_es.save_revision().publish()
    html = zip_step(client, action_es, "call", zip="").content.decode()
    assert "Este campo es obligatorio." in html
    assert 'name="log-outcome"' not in html


@pytest.mark.parametrize(
    ("lang", "prompt"),
    [("en", "i am [your name] from [your city]."), ("es", "[su nombre] from [su ciudad].")],
)
def test_a_script_shows_a_prompt_where_the_reader_left_out_their_name(
    client, action, action_es, lang, prompt
):
    page = {"en": action, "es": action_es}[lang]
    html = client.post(
        page.url + "call/",
        {"step": "zip", "zip": "20001", "first_name": "", "city": "", "started": started_token()},
    ).content.decode()
    assert prompt in html.lower()
