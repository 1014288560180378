"""Signing an action, the thank-you step, the shared count and duplicate folding."""

import pytest
from django.core.cache import cache

from actions.counting import canonical_email, get_count
from actions.models import ActionResponse
from tests.actions_helpers import *  # noqa: F403  (fixtures)
from tests.actions_helpers import sign_data
from tests.factories_actions import UrgentActionPageFactory

pytestmark = pytest.mark.django_db


def test_action_page_shows_letter_demands_and_sign_form(client, action):
    response = client.get(action.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Restore access to counsel." in html
    assert 'name="sign-email"' in html
    assert "0</strong> actions taken of a goal of 100" in html


def test_signing_in_english_redirects_to_thanks_with_count(client, action):
    response = client.post(action.url + "sign/", sign_data())
    assert response.status_code == 303
    assert response["Location"] == action.url + "thanks/"
    thanks = client.get(response["Location"])
    html = thanks.content.decode()
    assert "Thank you for adding your name" in html
    assert "<strong data-count>1</strong>" in html
    row = ActionResponse.objects.get()
    assert (row.kind, row.language, row.first_name, row.zip_code) == ("sign", "en", "Ana", "20001")
    assert row.action_key == action.translation_key
    assert not row.opt_in and row.consent_at is None


def test_signing_in_spanish_shows_spanish_thanks_and_records_language(client, action_es):
    response = client.post(action_es.url + "sign/", sign_data())
    assert response.status_code == 303
    html = client.get(response["Location"]).content.decode()
    assert "Gracias por agregar su nombre" in html
    assert ActionResponse.objects.get().language == "es"


def test_redirect_after_signing_carries_no_personal_data(client, action):
    response = client.post(action.url + "sign/", sign_data())
    assert "ana" not in response["Location"].lower()
    assert "20001" not in response["Location"]


def test_spanish_signature_counts_toward_english_total(client, action, action_es):
    client.post(action.url + "sign/", sign_data())
    client.post(action_es.url + "sign/", sign_data(**{"sign-email": "luis@example.com"}))
    cache.clear()
    assert get_count(action.translation_key) == 2
    for page in (action, action_es):
        html = client.get(page.url).content.decode()
        assert "<strong data-count>2</strong>" in html


def test_opt_in_stores_consent_text_and_time(client, action):
    client.post(action.url + "sign/", sign_data(**{"sign-opt_in": "on"}))
    row = ActionResponse.objects.get()
    assert row.opt_in and row.consent_at is not None
    assert row.consent_text == "Send me news about this case"


def test_thanks_without_acting_goes_back_to_the_action(client, action):
    response = client.get(action.url + "thanks/")
    assert response.status_code == 302
    assert response["Location"] == action.url


@pytest.mark.parametrize(
    "address, canonical",
    [
        ("Ana.Perez+news@Gmail.com", "anaperez@gmail.com"),
        ("a.n.a.perez@googlemail.com", "anaperez@gmail.com"),
        ("Ana.Perez+x@Example.org", "ana.perez@example.org"),
        ("ANA@EXAMPLE.ORG", "ana@example.org"),
    ],
)
def test_canonical_email_folds_case_dots_and_tags(address, canonical):
    assert canonical_email(address) == canonical


def test_repeat_signature_with_folded_address_adds_no_row_and_answers_identically(
    action, client, django_user_model
):
    from django.test import Client

    first, second = Client(), Client()
    a = first.post(action.url + "sign/", sign_data(**{"sign-email": "ana.perez@gmail.com"}))
    first_thanks = first.get(a["Location"]).content
    cache.clear()
    b = second.post(
        action.url + "sign/", sign_data(**{"sign-email": "AnaPerez+again@googlemail.com"})
    )
    second_thanks = second.get(b["Location"]).content
    assert ActionResponse.objects.count() == 1
    assert (a.status_code, a["Location"]) == (b.status_code, b["Location"])
    assert first_thanks == second_thanks


def test_double_submitted_form_adds_one_row(client, action):
    data = sign_data()
    client.post(action.url + "sign/", data)
    client.post(action.url + "sign/", data)
    assert ActionResponse.objects.count() == 1


def test_closed_action_refuses_signatures_and_keeps_count_visible(client, action_index):
    closed = UrgentActionPageFactory(parent=action_index, slug="closed", status="closed")
    response = client.post(closed.url + "sign/", sign_data())
    html = response.content.decode()
    assert response.status_code == 409
    assert ActionResponse.objects.count() == 0
    assert "This action has closed" in html
    assert 'name="sign-email"' not in html
    assert "actions taken" in html


def test_action_past_its_deadline_refuses_signatures(client, action_index):
    import datetime

    from django.utils import timezone

    late = UrgentActionPageFactory(
        parent=action_index, slug="late", deadline=timezone.now() - datetime.timedelta(hours=1)
    )
    response = client.post(late.url + "sign/", sign_data())
    assert response.status_code == 409
    assert ActionResponse.objects.count() == 0


def test_won_action_shows_outcome_message_in_spanish(client, action, action_es):
    action.status = "won"
    action.outcome_message = "<p>The family is free.</p>"
    action.save_revision().publish()
    action_es.status = "won"
    action_es.save_revision().publish()
    html = client.get(action_es.url).content.decode()
    assert "Ganamos" in html
    assert 'name="sign-email"' not in html


def test_live_count_endpoint_is_cacheable_json(client, action):
    client.post(action.url + "sign/", sign_data())
    cache.clear()
    response = client.get(action.url + "count/")
    assert response.json()["count"] == 1
    assert response.json()["goal"] == 100
    assert "public" in response["Cache-Control"]
    assert "stale-while-revalidate" in response["Cache-Control"]
    assert "Cookie" not in response.get("Vary", "")


def test_attach_counts_uses_constant_queries(action_index, django_assert_max_num_queries):
    from actions.models import UrgentActionPage

    pages = [UrgentActionPageFactory(parent=action_index) for _ in range(5)]
    # One query for the shared campaign state of all five, one for their counts.
    with django_assert_max_num_queries(2):
        UrgentActionPage.attach_counts(pages)
    assert [p.response_count for p in pages] == [0] * 5


def test_only_signers_who_asked_are_shown_with_first_name_only(client, action):
    client.post(
        action.url + "sign/", sign_data(**{"sign-show_publicly": "on", "sign-city": "Tucson"})
    )
    client.post(
        action.url + "sign/",
        sign_data(**{"sign-first_name": "Hidden", "sign-email": "h@example.org"}),
    )
    html = client.get(action.url).content.decode()
    assert "Recent signers" in html
    assert "<li>Ana · Tucson</li>" in html
    assert "Hidden" not in html and "Pérez" not in html


def test_a_held_signature_is_not_listed_publicly_until_released(client, action):
    from actions.models import ActionResponse

    client.post(
        action.url + "sign/", sign_data(**{"sign-show_publicly": "on", "sign-city": "Tucson"})
    )
    ActionResponse.objects.update(held_for_review=True)
    html = client.get(action.url).content.decode()
    assert "Ana · Tucson" not in html
    ActionResponse.objects.update(held_for_review=False)
    assert "<li>Ana · Tucson</li>" in client.get(action.url).content.decode()
