"""Shared fixtures and helpers for the urgent-action tests."""

import pytest

from tests.factories_actions import ActionIndexPageFactory, UrgentActionPageFactory
from translation.builders import translate

# Star-imported by the test modules so pytest sees the fixtures.
__all__ = ["_no_fill_delay", "action", "action_es", "action_index"]

ACTION_ES = {
    "Urgent actions": "Acciones urgentes",
    "Ask the director to release them.": "Pida al director que los libere.",
    "Sign the letter": "Firme la carta",
}


@pytest.fixture(autouse=True)
def _no_fill_delay(settings):
    """Tests post forms at once; the root conftest empties the cache before each test."""
    settings.ACTIONS_MIN_FILL_SECONDS = 0


@pytest.fixture
def action_index(home):
    return ActionIndexPageFactory(parent=home)


@pytest.fixture
def action(action_index):
    return UrgentActionPageFactory(parent=action_index, slug="free-the-family")


@pytest.fixture
def action_es(action, action_index, home_es, spanish, django_capture_on_commit_callbacks):
    # One publish at a time: publishing the index after its child exists would restore
    # the index's stale child count and hide the Spanish action from routing.
    with django_capture_on_commit_callbacks(execute=True):
        translate(action_index, spanish, ACTION_ES)
    with django_capture_on_commit_callbacks(execute=True):
        translate(action, spanish, ACTION_ES)
    return action.get_translation(spanish).specific


def sign_data(**overrides):
    from actions.forms import started_token

    data = {
        "sign-first_name": "Ana",
        "sign-last_name": "Pérez",
        "sign-email": "ana.perez@example.org",
        "sign-zip_code": "20001",
        "sign-started": started_token(),
        "sign-website": "",
    }
    data.update(overrides)
    return data
