"""The confirmation email after signing: the letter, how to follow the case, in the signer's
language; once per person; never sent when the signature does not save."""

import pytest
from django.core import mail
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from actions.models import ActionResponse
from actions.views import record_signature
from supporters.models import OutboxEmail
from tests.actions_helpers import *  # noqa: F403  (fixtures)
from tests.actions_helpers import sign_data

pytestmark = pytest.mark.django_db


def test_english_signer_gets_the_letter_and_a_link_to_the_action(client, action):
    client.post(action.url + "sign/", sign_data(**{"sign-opt_in": "on"}))
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == ["ana.perez@example.org"]
    assert sent.subject == f"Thank you for signing: {action.title}"
    assert "Dear Ana," in sent.body
    assert "We ask you to act." in sent.body
    assert "1. Release the family." in sent.body
    assert "2. Restore access to counsel." in sent.body
    assert action.get_full_url() in sent.body
    assert "we will email you when something happens" in sent.body
    assert "/en/unsubscribe/" in sent.body
    html = sent.alternatives[0][0]
    assert "<li>Restore access to counsel.</li>" in html
    assert sent.extra_headers["List-Unsubscribe"].startswith("<http://")


def test_spanish_signer_gets_the_email_in_spanish(client, action_es):
    client.post(action_es.url + "sign/", sign_data())
    sent = mail.outbox[0]
    assert sent.subject == f"Gracias por firmar: {action_es.title}"
    assert "Estimada/o Ana:" in sent.body
    assert "Siga el caso" in sent.body
    assert action_es.get_full_url() in sent.body
    assert "/es/unsubscribe/" in sent.body
    assert OutboxEmail.objects.get().language == "es"


def test_repeat_signer_gets_no_second_email_and_the_same_answer(client, action):
    first = client.post(action.url + "sign/", sign_data())
    again = client.post(
        action.url + "sign/", sign_data(**{"sign-email": "Ana.Perez+x@example.org"})
    )
    assert (first.status_code, first["Location"]) == (again.status_code, again["Location"])
    assert len(mail.outbox) == 1
    assert OutboxEmail.objects.count() == 1


def test_no_email_when_the_signature_rolls_back(action, settings):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
        "email": {"BACKEND": "django_tasks_db.DatabaseBackend"},
    }
    data = {"first_name": "Ana", "last_name": "P", "email": "ana@example.org", "zip_code": ""}
    with pytest.raises(RuntimeError), transaction.atomic():
        record_signature(action, data, "en")
        raise RuntimeError("the request failed after saving")
    assert ActionResponse.objects.count() == 0
    assert OutboxEmail.objects.count() == 0
    assert DBTaskResult.objects.count() == 0
    assert mail.outbox == []


def test_an_email_that_cannot_be_built_never_costs_the_signature(client, action, caplog):
    from unittest import mock

    with mock.patch("supporters.confirmation.render_to_string", side_effect=ValueError("boom")):
        response = client.post(action.url + "sign/", sign_data())
    assert response.status_code == 303
    assert ActionResponse.objects.count() == 1
    assert OutboxEmail.objects.count() == 0
    assert "not queued (ValueError)" in caplog.text
    assert "ana.perez" not in caplog.text
