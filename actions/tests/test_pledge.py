"""A pledge / sign-up action: the editor's chosen fields, one pledge per person, counted
toward the goal, confirmed by e-mail, exported with the organisation."""

import csv
import io

import pytest
from django.core import mail
from django.core.cache import cache

from actions.counting import get_count
from actions.models import ActionResponse
from tests.actions_helpers import *  # noqa: F403  (fixtures)
from tests.factories_actions import UrgentActionPageFactory

pytestmark = pytest.mark.django_db

PLEDGE = {
    "heading": "Pledge to welcome refugees",
    "introduction": "Hundreds of cities have passed one.",
    "pledge": "I will ask my city council to pass a Refugees Welcome resolution.",
    "ask": ["city", "organisation", "title"],
    "require": ["organisation"],
    "button_label": "I pledge",
    "next_steps": "<p>We will send you a model resolution within a week.</p>",
}

PLEDGE_ES = {
    "Pledge to welcome refugees": "Comprométase a dar la bienvenida",
    "I will ask my city council to pass a Refugees Welcome resolution.": (
        "Pediré a mi concejo municipal que apruebe una resolución de bienvenida."
    ),
    "I pledge": "Me comprometo",
}


@pytest.fixture
def pledge_action(action_index):
    return UrgentActionPageFactory(
        parent=action_index,
        title="Welcome refugees in your city",
        slug="welcome",
        signature_goal=500,
        ways_to_act=[("pledge", PLEDGE)],
    )


def pledge_data(**overrides):
    from actions.forms import started_token

    data = {
        "pledge-first_name": "Ana",
        "pledge-last_name": "Pérez",
        "pledge-email": "ana.perez@gmail.com",
        "pledge-zip_code": "20001",
        "pledge-city": "Tucson",
        "pledge-organisation": "Tucson Faith Network",
        "pledge-title": "Director",
        "pledge-started": started_token(),
        "pledge-website": "",
        "pledge-opt_in": "on",
    }
    data.update(overrides)
    return data


def test_pledge_form_asks_only_for_the_fields_the_editor_picked(client, pledge_action):
    html = client.get(pledge_action.url).content.decode()
    assert "I will ask my city council" in html
    assert 'name="pledge-organisation"' in html
    assert 'name="pledge-title"' in html
    assert 'name="pledge-city"' in html
    assert 'name="pledge-phone"' not in html
    assert ">I pledge</button>" in html
    assert "0</strong> actions taken of a goal of 500" in html


def test_pledge_is_stored_counted_and_confirmed(client, pledge_action):
    response = client.post(pledge_action.url + "pledge/", pledge_data())
    assert response.status_code == 303
    assert response["Location"] == pledge_action.url + "thanks/"
    row = ActionResponse.objects.get()
    assert (row.kind, row.organisation, row.title, row.city) == (
        "pledge",
        "Tucson Faith Network",
        "Director",
        "Tucson",
    )
    assert get_count(pledge_action.translation_key) == 1
    thanks = client.get(response["Location"]).content.decode()
    assert "Thank you for your pledge" in thanks
    assert "model resolution" in thanks
    [confirmation] = mail.outbox
    assert confirmation.to == ["ana.perez@gmail.com"]


def test_a_repeat_pledge_gets_the_same_answer_and_adds_nothing(client, pledge_action):
    first = client.post(pledge_action.url + "pledge/", pledge_data())
    again = client.post(
        pledge_action.url + "pledge/", pledge_data(**{"pledge-email": "Ana.Perez+x@gmail.com"})
    )
    assert first["Location"] == again["Location"]
    assert ActionResponse.objects.count() == 1
    assert len(mail.outbox) == 1


def test_missing_required_organisation_is_a_clear_error_keeping_what_was_typed(
    client, pledge_action
):
    response = client.post(
        pledge_action.url + "pledge/", pledge_data(**{"pledge-organisation": ""})
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "This field is required." in html
    assert 'value="Tucson"' in html and 'value="Director"' in html
    assert not ActionResponse.objects.exists()


def test_pledge_in_spanish_is_spanish_and_counts_toward_one_total(
    client, pledge_action, action_index, home_es, spanish, django_capture_on_commit_callbacks
):
    from tests.actions_helpers import ACTION_ES
    from translation.builders import translate

    with django_capture_on_commit_callbacks(execute=True):
        translate(action_index, spanish, ACTION_ES)
    with django_capture_on_commit_callbacks(execute=True):
        translate(pledge_action, spanish, {**ACTION_ES, **PLEDGE_ES})
    page_es = pledge_action.get_translation(spanish).specific
    html = client.get(page_es.url).content.decode()
    assert "Pediré a mi concejo municipal" in html
    assert "Organización" in html
    response = client.post(page_es.url + "pledge/", pledge_data(**{"pledge-organisation": ""}))
    assert "Este campo es obligatorio." in response.content.decode()
    client.post(page_es.url + "pledge/", pledge_data())
    client.post(pledge_action.url + "pledge/", pledge_data(**{"pledge-email": "luis@example.org"}))
    cache.clear()  # the page views above cached the count for a few seconds
    assert get_count(pledge_action.translation_key) == 2
    assert ActionResponse.objects.filter(language="es").count() == 1


def test_pledges_are_exported_with_organisation_and_title(client, admin_user, pledge_action):
    client.post(pledge_action.url + "pledge/", pledge_data())
    client.force_login(admin_user)
    response = client.get(f"/admin/actions/{pledge_action.pk}/responses/?export=csv")
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    [row] = rows
    assert row["Kind"] == "Pledge"
    assert row["Organisation"] == "Tucson Faith Network"
    assert row["Title or role"] == "Director"


def test_pledgers_who_ask_to_be_shown_are_listed_under_a_pledge_heading(client, pledge_action):
    client.post(pledge_action.url + "pledge/", pledge_data(**{"pledge-show_publicly": "on"}))
    client.cookies.clear()
    client.post(
        pledge_action.url + "pledge/",
        pledge_data(**{"pledge-first_name": "Quiet", "pledge-email": "quiet@example.org"}),
    )
    html = client.get(pledge_action.url).content.decode()
    assert '<h2 id="signers">Who has pledged</h2>' in html
    assert "<li>Ana · Tucson</li>" in html
    assert "Quiet" not in html
