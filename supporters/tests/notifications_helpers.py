"""Shared fixture and helpers for the case-update email tests."""

import datetime

import pytest
from django.utils import timezone

from tests.factories_actions import ActionResponseFactory
from tests.factories_stories import (
    ACTIONS_ES,
    INDEX_ES,
    ActionIndexPageFactory,
    CaseIndexPageFactory,
    CaseStoryPageFactory,
    CaseUpdateFactory,
    UrgentActionPageFactory,
    link_action,
)
from tests.factories_stories import translate_page as translate_page

# Star-imported by the test modules so pytest sees the fixture.
__all__ = ["case"]

UPDATE_ES = {
    "Released on parole": "Liberada bajo palabra",
    "She is home with her children.": "Está en casa con sus hijos.",
}


@pytest.fixture
def case(home, home_es, spanish, django_capture_on_commit_callbacks):
    actions = ActionIndexPageFactory(parent=home)
    translate_page(actions, spanish, ACTIONS_ES, django_capture_on_commit_callbacks)
    first = UrgentActionPageFactory(parent=actions, slug="release-rosa")
    second = UrgentActionPageFactory(parent=actions, slug="call-rosa")
    index = CaseIndexPageFactory(parent=home)
    translate_page(index, spanish, INDEX_ES, django_capture_on_commit_callbacks)
    story = CaseStoryPageFactory(parent=index, slug="rosa", title="Rosa")
    link_action(story, first)
    link_action(story, second, 1)
    update = CaseUpdateFactory(
        page=story,
        date=datetime.date(2026, 3, 2),
        headline="Released on parole",
        body="<p>She is home with her children.</p>",
        notify_supporters=True,
    )
    return {"story": story, "update": update, "actions": [first, second]}


def _supporter(action, email, language="en", opt_in=True):
    return ActionResponseFactory(
        action_key=action.translation_key,
        email=email,
        email_canonical=email,
        language=language,
        opt_in=opt_in,
        consent_at=timezone.now() if opt_in else None,
    )


def _publish(page):
    page.save_revision().publish()
