"""A worker killed mid-send (kill -9, as an OOM kill or a deploy does) loses no email and
sends none twice: a real worker process, a real SMTP server, a real SIGKILL, then the
reaper after the lease and a worker again."""

import signal
from datetime import timedelta

import pytest
from django_tasks_db.models import DBTaskResult

from supporters.mail import queue_email
from supporters.models import OutboxEmail
from supporters.tests.smtp_helpers import *  # noqa: F403 (fixtures)
from supporters.tests.smtp_helpers import start_worker_process, work

# Transactional: a second process must see the rows, and the worker reopens connections.
pytestmark = pytest.mark.django_db(transaction=True)

STALL_WAIT = 60  # seconds to wait for the worker to reach the server (a bound, not a speed)


def _queue(n=1):
    return queue_email(
        dedupe_key=f"update:lease:{n}",
        kind=OutboxEmail.Kind.CASE_UPDATE,
        topic="update:lease",
        recipient=f"person{n}@example.org",
        canonical_email=f"person{n}@example.org",
        language="en",
        subject="Case update: hearing moved",
        body_text="The hearing moved to March.",
    )


def _kill_when_stalled(worker, handler):
    try:
        assert handler.stalled.wait(STALL_WAIT), "the worker never reached the SMTP server"
    finally:
        worker.send_signal(signal.SIGKILL)
        worker.wait(STALL_WAIT)
    assert worker.returncode == -signal.SIGKILL


def _lease_runs_out():
    """Time passes beyond the lease (as in test_smtp_retry, the clock is moved, not waited)."""
    settings = pytest_settings()
    longest = max(settings.HAVEN_EMAIL_LEASE_SECONDS, settings.HAVEN_TASK_LEASE_SECONDS)
    past = timedelta(seconds=longest + 1)
    for task in DBTaskResult.objects.filter(status="RUNNING"):
        DBTaskResult.objects.filter(pk=task.pk).update(started_at=task.started_at - past)
    for row in OutboxEmail.objects.exclude(lease_until=None):
        OutboxEmail.objects.filter(pk=row.pk).update(lease_until=row.lease_until - past)


def pytest_settings():
    from django.conf import settings

    return settings


def test_email_abandoned_by_a_killed_worker_is_sent_once_after_the_lease(home, real_smtp):
    real_smtp.stall_next_data = True  # the server takes the message and never answers
    email = _queue()
    worker = start_worker_process(real_smtp.port)
    _kill_when_stalled(worker, real_smtp)

    # What the kill leaves: a task RUNNING forever and a row queued, nothing delivered.
    email.refresh_from_db()
    assert email.status == OutboxEmail.Status.QUEUED
    assert email.accepted_at is None
    assert email.lease_until is not None
    assert DBTaskResult.objects.get().status == "RUNNING"
    assert real_smtp.delivered == []

    # Within the lease a new worker leaves it alone (the old one might still be sending).
    work()
    assert real_smtp.delivered == []
    assert DBTaskResult.objects.get().status == "RUNNING"

    _lease_runs_out()
    work()  # the reaper puts it back, the worker sends it
    work()  # and a second pass finds nothing more to send

    email.refresh_from_db()
    assert email.status == OutboxEmail.Status.SENT
    assert email.attempts == 2
    assert [e.rcpt_tos for e in real_smtp.delivered] == [["person1@example.org"]]
    assert not DBTaskResult.objects.filter(status__in=["RUNNING", "READY"]).exists()


def test_email_accepted_by_smtp_before_the_kill_is_not_sent_again(home, real_smtp):
    # The server accepts the message (250) and then hangs on QUIT: the worker is killed
    # after acceptance, before it could record the email as sent.
    real_smtp.stall_next_quit = True
    email = _queue()
    worker = start_worker_process(real_smtp.port)
    _kill_when_stalled(worker, real_smtp)

    email.refresh_from_db()
    assert len(real_smtp.delivered) == 1
    assert email.status == OutboxEmail.Status.QUEUED  # never marked sent ...
    assert email.accepted_at is not None  # ... but its acceptance was recorded first

    _lease_runs_out()
    work()
    work()

    email.refresh_from_db()
    assert email.status == OutboxEmail.Status.SENT
    assert email.sent_at is not None
    assert len(real_smtp.delivered) == 1  # exactly once
