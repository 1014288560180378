"""One-click unsubscribe: a signed link, confirmed by POST, honoured by later emails."""

import re

import pytest
from django.core import mail

from supporters.mail import queue_email
from supporters.models import OutboxEmail

pytestmark = pytest.mark.django_db


def _update_email(key, language="en"):
    return queue_email(
        dedupe_key=key,
        kind=OutboxEmail.Kind.CASE_UPDATE,
        topic="update:7",
        recipient="luis@example.org",
        canonical_email="luis@example.org",
        language=language,
        subject="Update",
        body_text="Released on parole.",
    )


def _path(email):
    return re.sub(r"^https?://[^/]+", "", email.unsubscribe_url)


def test_link_asks_first_and_post_unsubscribes(client, home, home_es):
    email = _update_email("update:7:luis", language="es")
    path = _path(email)
    assert path.startswith("/es/unsubscribe/")
    page = client.get(path)
    assert page.status_code == 200
    assert "¿Quiere dejar de recibir" in page.content.decode()
    # A GET (e.g. a mail scanner following the link) unsubscribes nobody.
    assert _update_email("update:8:luis") is not None

    done = client.post(path)
    assert done.status_code == 200
    assert "No recibirá más" in done.content.decode()
    assert done["Cache-Control"] == "private, no-store"


def test_unsubscribed_address_gets_no_more_case_updates(client, home):
    email = _update_email("update:7:luis")
    client.post(_path(email))
    mail.outbox.clear()
    assert _update_email("update:9:luis") is None
    assert mail.outbox == []


def test_one_click_post_needs_no_csrf_token(home):
    from django.test import Client

    email = _update_email("update:7:luis")
    strict = Client(enforce_csrf_checks=True)
    assert strict.post(_path(email), {"List-Unsubscribe": "One-Click"}).status_code == 200
    assert _update_email("update:10:luis") is None


def test_forged_token_gets_a_clear_localised_error(client, home, home_es):
    response = client.get("/es/unsubscribe/not-a-real-token/")
    assert response.status_code == 400
    assert "no es válido" in response.content.decode()
