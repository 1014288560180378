"""No enumeration: a stranger cannot learn from the answer whether an address had signed.

Timing equality is measured by benchmarks/enumeration_timing.py, not here.
"""

import datetime

import pytest
import time_machine
from django.test import Client

from actions.models import ActionResponse
from tests.actions_helpers import *  # noqa: F403  (fixtures)
from tests.actions_helpers import sign_data

pytestmark = pytest.mark.django_db


def _thanks_html(action, email):
    client = Client()
    client.get(action.url)  # a reader reads before signing (and warms the shared count)
    response = client.post(action.url + "sign/", sign_data(**{"sign-email": email}))
    assert response.status_code == 303
    return response["Location"], client.get(response["Location"]).content.decode()


def test_first_and_repeat_signature_get_identical_thank_you_pages_count_included(action):
    Client().post(action.url + "sign/", sign_data(**{"sign-email": "victim@example.org"}))
    with time_machine.travel(datetime.datetime(2026, 11, 3, 14, 0, tzinfo=datetime.UTC)) as clock:
        repeat_location, repeat_html = _thanks_html(action, "victim@example.org")
        # Seconds later, within the count's cache time: a fresh recount would now show 2.
        clock.shift(2)
        first_location, first_html = _thanks_html(action, "newcomer@example.org")
    assert ActionResponse.objects.count() == 2  # the newcomer was recorded, the repeat not
    assert first_location == repeat_location
    assert "<strong data-count>1</strong>" in first_html
    assert first_html == repeat_html


def test_repeat_with_a_disguised_address_is_also_indistinguishable(action):
    Client().post(action.url + "sign/", sign_data(**{"sign-email": "victim@gmail.com"}))
    with time_machine.travel(datetime.datetime(2026, 11, 3, 14, 0, tzinfo=datetime.UTC)) as clock:
        _, repeat_html = _thanks_html(action, "Vic.Tim+petition@googlemail.com")
        clock.shift(2)
        _, first_html = _thanks_html(action, "someone.else@gmail.com")
    assert first_html == repeat_html
