"""A known supporter's address, names and ZIP never leak into pages, URLs, the count or logs."""

import datetime
import logging

import pytest
from django.core import mail

from supporters.models import OutboxEmail
from tests.actions_helpers import *  # noqa: F403  (fixtures)
from tests.actions_helpers import sign_data
from tests.factories_stories import (
    CaseIndexPageFactory,
    CaseStoryPageFactory,
    CaseUpdateFactory,
    link_action,
)

pytestmark = pytest.mark.django_db

ADDRESS = "leak-check+abc@example.org"
SECRETS = [ADDRESS, "leak-check", "Zyxleakfirst", "Qwleaklast", "Leakville", "73301"]


def _assert_clean(text, where):
    for secret in SECRETS:
        assert secret.lower() not in text.lower(), f"{secret!r} leaked into {where}"


def test_sign_flow_and_update_email_leak_nothing(client, action, home, caplog):
    caplog.set_level(logging.DEBUG)
    index = CaseIndexPageFactory(parent=home)
    story = CaseStoryPageFactory(parent=index, slug="leak-story")
    link_action(story, action)
    CaseUpdateFactory(
        page=story, date=datetime.date(2026, 3, 2), headline="Hearing moved", notify_supporters=True
    )
    seen = []
    response = client.post(
        action.url + "sign/",
        sign_data(
            **{
                "sign-email": ADDRESS,
                "sign-first_name": "Zyxleakfirst",
                "sign-last_name": "Qwleaklast",
                "sign-zip_code": "73301",
                "sign-city": "Leakville",
                "sign-opt_in": "on",
            }
        ),
    )
    assert response.status_code == 303
    seen.append(("redirect", response["Location"]))
    story.save_revision().publish()  # emails the update to the supporter
    assert sorted(OutboxEmail.objects.values_list("kind", flat=True)) == [
        "case_update",
        "confirmation",
    ]
    assert {m.to[0] for m in mail.outbox} == {ADDRESS}
    for message in mail.outbox:
        seen.append(("unsubscribe link", message.extra_headers["List-Unsubscribe"]))
    for url in [action.url, action.url + "thanks/", action.url + "count/", story.url, index.url]:
        page = client.get(url, follow=True)
        assert page.status_code == 200, url
        seen.append((url, page.content.decode()))
        for redirect_url, _status in page.redirect_chain:
            seen.append(("redirect", redirect_url))
    # No public API is installed: the language redirect leads to a 404.
    for url in ("/api/", "/api/v2/pages/"):
        assert client.get(url, follow=True).status_code == 404
    seen.append(("logs", caplog.text))
    seen.append(("log messages", "\n".join(r.getMessage() for r in caplog.records)))
    for where, text in seen:
        _assert_clean(text, where)
