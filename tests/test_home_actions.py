"""The home page shows the reader's open urgent actions, soonest deadline first."""

import datetime

import pytest
from django.utils import timezone

from actions.models import UrgentActionPage
from tests.actions_helpers import *  # noqa: F403
from tests.factories_actions import ActionResponseFactory, UrgentActionPageFactory

pytestmark = pytest.mark.django_db


def test_home_lists_open_actions_with_counts_and_hides_closed_ones(client, home, action_index):
    soon = UrgentActionPageFactory(
        parent=action_index,
        title="Stop the transfer",
        slug="transfer",
        deadline=timezone.now() + datetime.timedelta(days=1),
    )
    UrgentActionPageFactory(
        parent=action_index,
        title="Later ask",
        slug="later",
        deadline=timezone.now() + datetime.timedelta(days=20),
    )
    UrgentActionPageFactory(
        parent=action_index,
        title="Finished ask",
        slug="finished",
        status=UrgentActionPage.Status.CLOSED,
    )
    UrgentActionPageFactory(
        parent=action_index,
        title="Expired ask",
        slug="expired",
        deadline=timezone.now() - datetime.timedelta(days=1),
    )
    ActionResponseFactory(action_key=soon.translation_key)
    html = client.get("/en/").content.decode()
    assert html.index("Stop the transfer") < html.index("Later ask")
    assert "Finished ask" not in html and "Expired ask" not in html
    assert "<strong data-count>1</strong> action taken of a goal of 100" in html


def test_spanish_home_shows_the_spanish_action(client, home, home_es, action_es):
    html = client.get("/es/").content.decode()
    assert "Pida al director que los libere." in html
    assert "/es/" in html and 'href="/en/actions/' not in html
