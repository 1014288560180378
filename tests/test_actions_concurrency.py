"""Signing in parallel on PostgreSQL: nothing lost, nothing doubled."""

import threading

import pytest
from django.db import connection, connections
from django.test import Client

from actions.counting import count_from_db
from actions.models import ActionResponse
from tests.actions_helpers import sign_data
from tests.factories_actions import ActionIndexPageFactory, UrgentActionPageFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def live_action(home, settings):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (set DATABASE_URL)")
    settings.ACTIONS_MIN_FILL_SECONDS = 0
    settings.ACTIONS_RATE_LIMITS = [(10_000, 60)]
    # This module tests the database's arbiter, not the burst limit on one address.
    settings.ACTIONS_RATE_PER_EMAIL = [(10_000, 600)]
    index = ActionIndexPageFactory(parent=home)
    return UrgentActionPageFactory(parent=index, slug="parallel")


def run_in_parallel(page, emails):
    barrier = threading.Barrier(len(emails))
    statuses = []

    def sign(address):
        try:
            client = Client()
            barrier.wait()
            response = client.post(page.url + "sign/", sign_data(**{"sign-email": address}))
            statuses.append(response.status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=sign, args=(address,)) for address in emails]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses


def test_distinct_signers_in_parallel_are_all_counted(live_action):
    emails = [f"person{n}@example.org" for n in range(16)]
    statuses = run_in_parallel(live_action, emails)
    assert statuses == [303] * 16
    key = str(live_action.translation_key)
    assert ActionResponse.objects.filter(action_key=live_action.translation_key).count() == 16
    assert count_from_db([key])[key] == 16


def test_same_signer_in_parallel_is_stored_once(live_action):
    emails = [f"Same.Person+{n}@gmail.com" for n in range(12)]
    statuses = run_in_parallel(live_action, emails)
    assert statuses == [303] * 12
    assert ActionResponse.objects.filter(action_key=live_action.translation_key).count() == 1
