"""When mail goes wrong the queue keeps moving and probes say so: a server that stops
answering mid-message costs that email one timeout while the next one is still delivered,
and `/healthz` answers 503 when the database does not."""

from datetime import timedelta
from unittest import mock

import pytest
from django.db import OperationalError
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from supporters.mail import queue_email
from supporters.models import OutboxEmail
from supporters.tests.smtp_helpers import *  # noqa: F403 (fixtures)
from supporters.tests.smtp_helpers import work

pytestmark = pytest.mark.django_db(transaction=True)


def _queue(name, subject="Case update: hearing moved"):
    return queue_email(
        dedupe_key=f"update:fail:{name}",
        kind=OutboxEmail.Kind.CASE_UPDATE,
        topic="update:fail",
        recipient=f"{name}@example.org",
        canonical_email=f"{name}@example.org",
        language="en",
        subject=subject,
        body_text="The hearing moved to March.",
    )


def test_hung_smtp_server_costs_one_timeout_not_the_queue(home, real_smtp, settings):
    settings.EMAIL_TIMEOUT = 1
    real_smtp.stall_next_data = True  # the server stops answering mid-message
    first = _queue("ana")
    second = _queue("luis")

    work()  # one worker pass: must come back, having sent what it could

    first.refresh_from_db()
    second.refresh_from_db()
    assert second.status == OutboxEmail.Status.SENT
    assert [e.rcpt_tos for e in real_smtp.delivered] == [["luis@example.org"]]
    # The hung one cost one attempt and waits for its retry, not held by anyone.
    assert first.status == OutboxEmail.Status.QUEUED
    assert first.attempts == 1
    assert first.last_error in {"SMTPServerDisconnected", "TimeoutError"}
    assert first.lease_until is None
    retry = DBTaskResult.objects.get(status="READY")
    assert retry.run_after > timezone.now() + timedelta(seconds=30)


def test_healthz_answers_503_when_the_database_does_not(client):
    with mock.patch("django.db.connection.cursor", side_effect=OperationalError("down")):
        down = client.get("/healthz")
    assert down.status_code == 503
    assert down.content == b"database unavailable\n"
    assert down["Cache-Control"] == "no-store"
