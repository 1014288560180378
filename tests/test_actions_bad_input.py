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


def test_missing_csrf_token_and_origin_gets_friendly_spanish_page(action_es):
    """A POST with neither Origin nor Referer falls back to Django's token check."""
    csrf_client = Client(enforce_csrf_checks=True)
    response = csrf_client.post(action_es.url + "sign/", sign_data())
    html = response.content.decode()
    assert response.status_code == 403
    assert "Por favor envíe el formulario de nuevo" in html
    assert f'href="{action_es.url}"' in html
    assert ActionResponse.objects.count() == 0


def test_cross_site_post_is_refused_in_the_readers_language(action_es):
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(action_es.url + "sign/", sign_data(), HTTP_ORIGIN="https://evil.example")
    assert response.status_code == 403
    assert "Por favor envíe el formulario de nuevo" in response.content.decode()
    assert ActionResponse.objects.count() == 0


def test_cross_site_referer_without_origin_is_refused(action):
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(
        action.url + "sign/", sign_data(), HTTP_REFERER="https://evil.example/page"
    )
    assert response.status_code == 403
    assert ActionResponse.objects.count() == 0


@pytest.mark.parametrize(
    "headers",
    [{"HTTP_ORIGIN": "http://testserver"}, {"HTTP_REFERER": "http://testserver/en/"}],
)
def test_same_site_post_without_any_cookie_is_accepted(action, headers):
    strict = Client(enforce_csrf_checks=True)
    page = strict.get(action.url)
    assert not page.cookies, "the action page must set no cookie"
    response = strict.post(action.url + "sign/", sign_data(), **headers)
    assert response.status_code == 303
    assert ActionResponse.objects.count() == 1


def test_other_forms_keep_djangos_token_check_even_from_this_site(home):
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(
        "/admin/login/",
        {"username": "x", "password": "y"},
        HTTP_ORIGIN="http://testserver",
    )
    assert response.status_code == 403


def test_honeypot_filled_stores_nothing_but_looks_like_success(client, action):
    response = client.post(action.url + "sign/", sign_data(**{"sign-website": "http://spam"}))
    assert response.status_code == 303
    assert ActionResponse.objects.count() == 0
    # Without a real signature the thank-you step sends the bot back to the action.
    assert client.get(response["Location"]).status_code == 302


def _confirm_token(html):
    import re

    return re.search(r'name="sign-started" value="([^"]+)"', html).group(1)


def test_form_sent_too_fast_asks_to_confirm_and_keeps_everything(client, action, settings):
    settings.ACTIONS_MIN_FILL_SECONDS = 30
    settings.ACTIONS_CONFIRM_MIN_SECONDS = 0
    response = client.post(action.url + "sign/", sign_data(**{"sign-started": started_token()}))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Please confirm your signature" in html
    assert "The form was sent very quickly" in html
    assert 'value="Ana"' in html and 'value="ana.perez@example.org"' in html
    assert "Confirm my signature" in html
    assert response["Cache-Control"] == "private, no-store"
    assert ActionResponse.objects.count() == 0
    confirmed = client.post(
        action.url + "sign/", sign_data(**{"sign-started": _confirm_token(html)})
    )
    assert confirmed.status_code == 303
    assert ActionResponse.objects.count() == 1


def test_javascript_off_signs_with_one_more_click_in_spanish(action_es, settings):
    """No script: no token at all. The reader confirms once and the signature counts."""
    settings.ACTIONS_CONFIRM_MIN_SECONDS = 0
    browser = Client(enforce_csrf_checks=True, HTTP_ORIGIN="http://testserver")
    first = browser.post(action_es.url + "sign/", sign_data(**{"sign-started": ""}))
    html = first.content.decode()
    assert first.status_code == 200
    assert "Por favor confirme su firma" in html
    assert 'value="Ana"' in html
    assert ActionResponse.objects.count() == 0
    second = browser.post(
        action_es.url + "sign/", sign_data(**{"sign-started": _confirm_token(html)})
    )
    assert second.status_code == 303
    assert ActionResponse.objects.get().language == "es"


def test_reused_token_is_not_accepted_twice_but_asks_to_confirm(action, settings):
    settings.ACTIONS_CONFIRM_MIN_SECONDS = 0
    token = started_token()
    one, two = Client(), Client()
    assert one.post(action.url + "sign/", sign_data(**{"sign-started": token})).status_code == 303
    replay = two.post(
        action.url + "sign/",
        sign_data(**{"sign-started": token, "sign-email": "someone.else@example.org"}),
    )
    html = replay.content.decode()
    assert replay.status_code == 200
    assert "This form had already been sent once." in html
    assert 'value="someone.else@example.org"' in html
    assert ActionResponse.objects.count() == 1


def test_token_issued_with_a_page_is_single_use_too(action, settings):
    settings.ACTIONS_CONFIRM_MIN_SECONDS = 0
    token = started_token("page")
    first = Client().post(action.url + "sign/", sign_data(**{"sign-started": token}))
    assert first.status_code == 303
    again = Client().post(action.url + "sign/", sign_data(**{"sign-started": token}))
    assert "Please confirm your signature" in again.content.decode()


def test_forged_token_asks_to_confirm(client, action):
    response = client.post(action.url + "sign/", sign_data(**{"sign-started": "123:forged"}))
    html = response.content.decode()
    assert "The form&#x27;s automatic check could not be read." in html
    assert 'value="Ana"' in html
    assert ActionResponse.objects.count() == 0


def test_form_token_endpoint_is_never_cached(client):
    response = client.get("/form-token/")
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert response.json()["token"]
    assert not response.cookies


# A frozen clock: the limit's fixed one-hour window cannot end in the middle of the test.
@time_machine.travel("2026-03-02 12:00:10+00:00", tick=False)
def test_flood_answers_429_in_spanish_with_retry_after(action_es, settings):
    settings.ACTIONS_FLOOD_PER_HOUR = 3
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
    assert int(response["Retry-After"]) == 3590  # until the hour ends
    assert ActionResponse.objects.count() == 3


@time_machine.travel("2026-03-02 12:00:10+00:00", tick=False)
def test_busy_address_limit_is_per_ip_and_holds_rather_than_refuses(action, settings):
    settings.ACTIONS_RATE_LIMITS = [(1, 60)]
    one = Client(REMOTE_ADDR="198.51.100.1")
    two = Client(REMOTE_ADDR="198.51.100.2")
    assert one.post(action.url + "sign/", sign_data()).status_code == 303
    second = sign_data(**{"sign-email": "b@example.org"})
    assert one.post(action.url + "sign/", second).status_code == 303
    third = sign_data(**{"sign-email": "c@example.org"})
    assert two.post(action.url + "sign/", third).status_code == 303
    held = dict(ActionResponse.objects.values_list("email", "held_for_review"))
    assert held == {"ana.perez@example.org": False, "b@example.org": True, "c@example.org": False}


def test_get_on_a_post_route_goes_back_to_the_action(client, action):
    response = client.get(action.url + "sign/")
    assert response.status_code == 302
    assert response["Location"] == action.url
