"""Supporter email goes through the outbox and the task queue: once, atomically, retried."""

import smtplib
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from supporters.mail import queue_email
from supporters.models import OutboxEmail

pytestmark = pytest.mark.django_db

DB_TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "email": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}


def _queue(key="update:1:a", kind=OutboxEmail.Kind.CASE_UPDATE, language="en"):
    return queue_email(
        dedupe_key=key,
        kind=kind,
        topic="update:1",
        recipient="Ana.Example+haven@example.org",
        canonical_email="ana.example@example.org",
        language=language,
        subject="News about the case you acted on",
        body_text="The hearing moved to March.",
    )


def test_queued_email_is_sent_with_one_click_unsubscribe_headers(home):
    email = _queue()
    email.refresh_from_db()
    assert email.status == OutboxEmail.Status.SENT
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == ["Ana.Example+haven@example.org"]
    assert sent.extra_headers["List-Unsubscribe"].startswith("<http://testserver/en/unsubscribe/")
    assert sent.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    # The link identifies a preference, never the address.
    assert "ana" not in sent.extra_headers["List-Unsubscribe"].lower()


def test_same_event_never_sends_twice(home):
    _queue()
    _queue()
    assert OutboxEmail.objects.count() == 1
    assert len(mail.outbox) == 1


def test_enqueueing_rolls_back_with_its_transaction(home, settings):
    settings.TASKS = DB_TASKS
    with pytest.raises(RuntimeError), transaction.atomic():
        _queue()
        assert DBTaskResult.objects.count() == 1
        raise RuntimeError("the signature failed to save")
    assert OutboxEmail.objects.count() == 0
    assert DBTaskResult.objects.count() == 0
    assert mail.outbox == []


@pytest.mark.django_db(transaction=True)
def test_committed_email_waits_for_the_worker_then_is_sent(home, settings):
    # Transactional: the real worker closes and reopens database connections, which a
    # test wrapped in one transaction cannot survive on PostgreSQL.
    settings.TASKS = DB_TASKS
    _queue()
    assert mail.outbox == []  # nothing is sent inside the request
    call_command("db_worker", "--backend", "email", "--batch", "--no-startup-delay", verbosity=0)
    assert len(mail.outbox) == 1
    assert OutboxEmail.objects.get().status == OutboxEmail.Status.SENT


def test_temporary_smtp_failure_is_retried(home):
    real_send = mail.EmailMultiAlternatives.send
    calls = []

    def flaky(self, *args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise smtplib.SMTPServerDisconnected("connection dropped")
        return real_send(self, *args, **kwargs)

    with mock.patch.object(mail.EmailMultiAlternatives, "send", flaky):
        email = _queue()
    email.refresh_from_db()
    assert email.status == OutboxEmail.Status.SENT
    assert email.attempts == 2
    assert len(mail.outbox) == 1


def test_permanent_smtp_failure_is_recorded_not_retried(home):
    refused = smtplib.SMTPRecipientsRefused({"ana@example.org": (550, b"No such user")})
    with mock.patch.object(mail.EmailMultiAlternatives, "send", side_effect=refused):
        email = _queue()
    email.refresh_from_db()
    assert email.status == OutboxEmail.Status.FAILED
    assert email.attempts == 1
    assert email.last_error == "SMTPRecipientsRefused"
    assert "ana" not in email.last_error


def test_repeated_temporary_failures_end_as_failed(home, settings):
    with mock.patch.object(
        mail.EmailMultiAlternatives, "send", side_effect=smtplib.SMTPServerDisconnected("down")
    ):
        email = _queue()
    email.refresh_from_db()
    assert email.status == OutboxEmail.Status.FAILED
    assert email.attempts == 5
