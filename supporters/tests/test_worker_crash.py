"""At least once, duplicated never in practice, with the real parts: PostgreSQL, the
`db_worker` process, and an SMTP server (aiosmtpd).

- A worker SIGKILLed in the middle of a send leaves its task RUNNING and the outbox row
  queued; after the lease, the next worker sends that email exactly once.
- An SMTP server that accepts connections and never answers costs each email one
  EMAIL_TIMEOUT, not the whole queue.
"""

import asyncio
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from datetime import timedelta
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from django.conf import settings as django_settings
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from supporters.mail import queue_email
from supporters.models import OutboxEmail

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

STALL_PORT = 8393
HUNG_PORT = 8394
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (set DATABASE_URL): the worker is a separate process")


class StallFirstHandler:
    """Never answers the first message (the worker is killed while waiting), accepts the rest."""

    def __init__(self):
        self.stalled = threading.Event()
        self.stall = True
        self.delivered = []

    async def handle_DATA(self, server, session, envelope):
        if self.stall:
            self.stalled.set()
            await asyncio.sleep(3600)
        self.delivered.append(envelope)
        return "250 2.0.0 OK"


def _email(n):
    return queue_email(
        dedupe_key=f"confirm:crash:{n}",
        kind=OutboxEmail.Kind.CONFIRMATION,
        topic="confirm:crash",
        recipient=f"person{n}@example.org",
        canonical_email=f"person{n}@example.org",
        language="en",
        subject="Thank you for signing",
        body_text="Your name is on the letter.",
    )


@pytest.fixture
def database_queue(settings):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
        "email": {"BACKEND": "django_tasks_db.DatabaseBackend"},
    }


def _worker(port, **env):
    """`manage.py db_worker` as its own process, on this test database."""
    db = django_settings.DATABASES["default"]
    url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
        "DEBUG": "0",
        "DATABASE_URL": url,
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(port),
        "EMAIL_TIMEOUT": "60",
        "HAVEN_EMAIL_LEASE_SECONDS": "2",
        "HAVEN_TASK_LEASE_SECONDS": "3",
        "HAVEN_REAP_INTERVAL_SECONDS": "1",
        **env,
    }
    return subprocess.Popen(  # noqa: S603 - our own manage.py, fixed arguments
        [sys.executable, "manage.py", "db_worker", "--backend", "email", "--interval", "0.2",
         "--no-startup-delay", "--no-reload"],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip


def _wait_for(condition, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def test_email_abandoned_by_a_killed_worker_is_sent_exactly_once_after_the_lease(
    home, database_queue
):
    handler = StallFirstHandler()
    controller = Controller(handler, hostname="127.0.0.1", port=STALL_PORT)
    controller.start()
    first = second = None
    try:
        row = _email(1)
        first = _worker(STALL_PORT)
        assert handler.stalled.wait(60), "the worker never reached the SMTP server"
        first.send_signal(signal.SIGKILL)  # as an OOM kill or a deploy would
        first.wait(10)
        row.refresh_from_db()
        assert row.status == OutboxEmail.Status.QUEUED and row.accepted_at is None
        task = DBTaskResult.objects.get()
        assert task.status == "RUNNING"  # what django-tasks-db leaves behind

        handler.stall = False
        second = _worker(STALL_PORT)
        assert _wait_for(lambda: len(handler.delivered) >= 1, 60), "never sent again"
        # Give a duplicate every chance to happen: several more leases and reaper rounds.
        time.sleep(8)
    finally:
        for process in (first, second):
            if process and process.poll() is None:
                process.terminate()
                process.wait(10)
        controller.stop()
    row.refresh_from_db()
    assert len(handler.delivered) == 1
    assert handler.delivered[0].rcpt_tos == ["person1@example.org"]
    assert row.status == OutboxEmail.Status.SENT
    assert row.accepted_at is not None and row.lease_until is None
    assert row.attempts == 2
    assert not DBTaskResult.objects.filter(status="RUNNING").exists()


def test_hung_smtp_server_costs_one_timeout_per_email_not_the_queue(home, database_queue, settings):
    listener = socket.socket()
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", HUNG_PORT))
    listener.listen(16)
    held = []

    def accept_and_say_nothing():
        while True:
            try:
                held.append(listener.accept()[0])
            except OSError:
                return

    threading.Thread(target=accept_and_say_nothing, daemon=True).start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", HUNG_PORT
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 1
    rows = [_email(n) for n in range(3)]
    try:
        # Without a timeout this call would never return.
        call_command(
            "db_worker", "--backend", "email", "--batch", "--no-startup-delay", verbosity=0
        )
    finally:
        listener.close()
        for sock in held:
            sock.close()
    for row in rows:
        row.refresh_from_db()
        assert row.status == OutboxEmail.Status.QUEUED
        assert row.attempts == 1
        assert row.last_error.startswith(("SMTPServerDisconnected", "TimeoutError", "timeout"))
    # Each is waiting for a later retry, not lost.
    retries = DBTaskResult.objects.filter(status="READY")
    assert retries.count() == 3
    assert all(r.run_after > timezone.now() + timedelta(seconds=30) for r in retries)


def test_email_timeout_is_set_by_default():
    assert django_settings.EMAIL_TIMEOUT == 10
