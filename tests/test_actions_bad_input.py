"""Bad and hostile input: a clear localised answer next to the field, never a 500."""

import pytest
import time_machine
from django.core.cache import cache
from django.test import Client

from actions.forms import started_token
from actions.models import ActionResponse
from tests.actions_helpers import *  # noqa: F403  (fixtures)
from tests.actions_helpers import sign_data

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("sign-first_name", "", "This field is required."),
        ("sign-first_name", "   ", "This field is required."),
        ("sign-first_name", "x" * 500, "Ensure this value has at most 60 characters"),
        ("sign-last_name", "\u202e\u200f", "This field is required."),
        ("sign-last_name", "12345", "Please enter a name using letters."),
        ("sign-email", "not-an-address", "Enter a valid email address."),
        ("sign-email", "a@b", "Enter a valid email address."),
        ("sign-zip_code", "2000", "Enter a 5-digit ZIP code"),
        ("sign-zip_code", "ABCDE", "Enter a 5-digit ZIP code"),
        ("sign-zip_code", "<script>", "Enter a 5-digit ZIP code"),
    ],
)
def test_invalid_field_gets_message_next_to_it_and_keeps_the_rest(
    client, action, field, value, message
):
    response = client.post(action.url + "sign/", sign_data(**{field: value}))
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert ActionResponse.objects.count() == 0
    # The other fields keep what the reader typed.
    if field != "sign-email":
        assert 'value="ana.perez@example.org"' in html
    if field != "sign-first_name":
        assert 'value="Ana"' in html


def test_spanish_form_errors_are_in_spanish(client, action_es):
    response = client.post(action_es.url + "sign/", sign_data(**{"sign-first_name": ""}))
    html = response.content.decode()
    assert "Este campo es obligatorio." in html
    assert "Por favor corrija los campos marcados" in html


def test_script_in_name_is_stored_as_text_and_shown_escaped(client, action, admin_client):
    hostile = "<script>alert(1)</script>Ana"
    client.post(action.url + "sign/", sign_data(**{"sign-first_name": hostile}))
    row = ActionResponse.objects.get()
    assert row.first_name == hostile
    report = admin_client.get(f"/admin/actions/{action.pk}/responses/").content.decode()
    assert "<script>alert(1)</script>" not in report
    assert "&lt;script&gt;alert(1)&lt;/script&gt;Ana" in report


def test_control_and_direction_override_characters_are_removed(client, action):
    client.post(
        action.url + "sign/",
        sign_data(**{"sign-first_name": "An\u202ea\x00\x07", "sign-last_name": "P\u200bérez"}),
    )
    row = ActionResponse.objects.get()
    assert (row.first_name, row.last_name) == ("Ana", "Pérez")


def test_zip_plus_four_is_accepted_and_normalised(client, action):
    client.post(action.url + "sign/", sign_data(**{"sign-zip_code": "200011234"}))
    assert ActionResponse.objects.get().zip_code == "20001-1234"


def test_huge_body_is_refused_without_a_500(client, action):
    response = client.post(action.url + "sign/", sign_data(**{"sign-last_name": "x" * 3_000_000}))
    assert response.status_code in (400, 413)
    assert ActionResponse.objects.count() == 0


def test_missing_csrf_token_gets_friendly_spanish_page(action_es):
    csrf_client = Client(enforce_csrf_checks=True)
    response = csrf_client.post(action_es.url + "sign/", sign_data())
    html = response.content.decode()
    assert response.status_code == 403
    assert "Por favor envíe el formulario de nuevo" in html
    assert f'href="{action_es.url}"' in html
    assert ActionResponse.objects.count() == 0


def test_replayed_csrf_token_from_another_session_is_refused(action):
    first = Client(enforce_csrf_checks=True)
    first.get(action.url)
    token = first.cookies["csrftoken"].value
    second = Client(enforce_csrf_checks=True)
    response = second.post(action.url + "sign/", sign_data(csrfmiddlewaretoken=token))
    assert response.status_code == 403
    assert ActionResponse.objects.count() == 0


def test_honeypot_filled_stores_nothing_but_looks_like_success(client, action):
    response = client.post(action.url + "sign/", sign_data(**{"sign-website": "http://spam"}))
    assert response.status_code == 303
    assert ActionResponse.objects.count() == 0
    # Without a real signature the thank-you step sends the bot back to the action.
    assert client.get(response["Location"]).status_code == 302


def test_form_sent_too_fast_is_shown_again_with_an_explanation(client, action, settings):
    settings.ACTIONS_MIN_FILL_SECONDS = 30
    response = client.post(action.url + "sign/", sign_data(**{"sign-started": started_token()}))
    html = response.content.decode()
    assert "That was very fast" in html
    assert 'value="Ana"' in html
    assert ActionResponse.objects.count() == 0


def test_forged_start_time_is_refused(client, action):
    response = client.post(action.url + "sign/", sign_data(**{"sign-started": "123:forged"}))
    assert "Something went wrong with this form" in response.content.decode()
    assert ActionResponse.objects.count() == 0


# A frozen clock: the limit's fixed one-minute window cannot end in the middle of the test.
@time_machine.travel("2026-03-02 12:00:10+00:00", tick=False)
def test_rate_limit_answers_429_in_spanish_with_retry_after(action_es, settings):
    settings.ACTIONS_RATE_LIMITS = [(3, 60)]
    cache.clear()
    client = Client()
    statuses = []
    for n in range(5):
        response = client.post(
            action_es.url + "sign/", sign_data(**{"sign-email": f"p{n}@example.org"})
        )
        statuses.append(response.status_code)
    assert statuses == [303, 303, 303, 429, 429]
    assert "Por favor intente de nuevo en un momento" in response.content.decode()
    assert int(response["Retry-After"]) == 50  # until the minute ends
    assert ActionResponse.objects.count() == 3


@time_machine.travel("2026-03-02 12:00:10+00:00", tick=False)
def test_rate_limit_is_per_ip(action, settings):
    settings.ACTIONS_RATE_LIMITS = [(1, 60)]
    cache.clear()  # hits left by an earlier test from these addresses must not count
    one = Client(REMOTE_ADDR="198.51.100.1")
    two = Client(REMOTE_ADDR="198.51.100.2")
    assert one.post(action.url + "sign/", sign_data()).status_code == 303
    assert one.post(action.url + "sign/", sign_data()).status_code == 429
    assert two.post(action.url + "sign/", sign_data()).status_code == 303


def test_get_on_a_post_route_goes_back_to_the_action(client, action):
    response = client.get(action.url + "sign/")
    assert response.status_code == 302
    assert response["Location"] == action.url
