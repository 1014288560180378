"""Signing POSTs routed from a remembered page id (actions/fastroute.py): as right as the
tree walk, in both languages, after a move or an unpublish."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from actions.models import ActionResponse
from tests.actions_helpers import *  # noqa: F403  (fixtures)
from tests.actions_helpers import sign_data

pytestmark = pytest.mark.django_db


def _sign(client, url, email):
    with CaptureQueriesContext(connection) as queries:
        response = client.post(url + "sign/", sign_data(**{"sign-email": email}))
    client.cookies.clear()
    return response, len(queries)


def test_a_second_signature_is_routed_from_memory_with_fewer_queries(client, action):
    first, walked = _sign(client, action.url, "ana@example.org")
    second, remembered = _sign(client, action.url, "luis@example.org")
    assert first.status_code == second.status_code == 303
    assert second["Location"] == action.url + "thanks/"
    assert remembered <= walked - 3  # site, root and one query per level are skipped
    assert ActionResponse.objects.filter(action_key=action.translation_key).count() == 2


def test_each_language_remembers_its_own_page(client, action, action_es):
    _sign(client, action.url, "ana@example.org")
    _sign(client, action_es.url, "luis@example.org")
    response, _ = _sign(client, action_es.url, "eva@example.org")
    assert response["Location"] == action_es.url + "thanks/"
    rows = dict(ActionResponse.objects.values_list("email", "language"))
    assert rows == {"ana@example.org": "en", "luis@example.org": "es", "eva@example.org": "es"}


def test_an_unpublished_action_is_not_signed_through_a_remembered_route(client, action):
    _sign(client, action.url, "ana@example.org")
    url = action.url
    action.unpublish()
    response, _ = _sign(client, url, "luis@example.org")
    assert response.status_code == 404
    assert not ActionResponse.objects.filter(email="luis@example.org").exists()


def test_after_a_slug_change_the_old_address_is_gone_and_the_new_one_signs(client, action):
    old_url = action.url
    _sign(client, old_url, "ana@example.org")
    action.slug = "free-the-whole-family"
    action.save_revision().publish()
    action.refresh_from_db()
    gone, _ = _sign(client, old_url, "luis@example.org")
    assert gone.status_code == 404
    signed, _ = _sign(client, action.url, "eva@example.org")
    assert signed.status_code == 303 and signed["Location"] == action.url + "thanks/"
    assert set(ActionResponse.objects.values_list("email", flat=True)) == {
        "ana@example.org",
        "eva@example.org",
    }
