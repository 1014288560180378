"""A real SMTP server (aiosmtpd) the email tests can make stall, and a real worker process.

`ControlledHandler` delivers like a normal server until told to stall: then the next
message (or the next QUIT) is never answered until the test releases it, as a hung or
overloaded mail server behaves. Stalling is what lets a test kill a worker mid-send.
"""

import asyncio
import os
import subprocess
import sys
import threading

import pytest
from aiosmtpd.controller import Controller
from django.conf import settings as django_settings
from django.core.management import call_command
from django.db import connection

from cms.settings.base import BASE_DIR
from tests.ports import free_port


class ControlledHandler:
    def __init__(self):
        self.delivered = []
        self.stall_next_data = False
        self.stall_next_quit = False
        self.refuse = set()  # recipients answered with a permanent 550
        self.stalled = threading.Event()  # set when a stall begins
        self.released = False

    async def _stall(self):
        self.stalled.set()
        while not self.released:
            await asyncio.sleep(0.05)

    async def handle_DATA(self, server, session, envelope):
        if self.stall_next_data:
            self.stall_next_data = False
            await self._stall()
            return "421 4.3.0 Closing"  # the client is long gone: nothing was accepted
        if self.refuse & set(envelope.rcpt_tos):
            return "550 5.1.1 No such user"
        self.delivered.append(envelope)
        return "250 2.0.0 OK"

    async def handle_QUIT(self, server, session, envelope):
        if self.stall_next_quit:
            self.stall_next_quit = False
            await self._stall()
        return "221 Bye"


@pytest.fixture
def smtp_handler(request):
    port = free_port()
    handler = ControlledHandler()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    handler.port = port
    try:
        yield handler
    finally:
        handler.released = True
        controller.stop()


@pytest.fixture
def real_smtp(settings, smtp_handler):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = smtp_handler.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 5
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
        "email": {"BACKEND": "django_tasks_db.DatabaseBackend"},
    }
    return smtp_handler


def work():
    """One pass of the email worker as `make serve` runs it (reaper first), in this process."""
    call_command("db_worker", "--backend", "email", "--batch", "--no-startup-delay", verbosity=0)


def shared_database_url():
    """A URL another process can open for the test database, or None (in-memory SQLite)."""
    db = connection.settings_dict
    if connection.vendor == "postgresql":
        auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
        return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    name = str(db["NAME"])
    if connection.vendor == "sqlite" and "memory" not in name:
        return f"sqlite:///{name}"
    return None


def start_worker_process(smtp_port, email_timeout=60):
    """`manage.py db_worker` as its own process: the thing a deploy or OOM kill stops."""
    url = shared_database_url()
    if url is None:
        pytest.skip(
            "needs a test database another process can open: PostgreSQL, or "
            "SQLite with HAVEN_TEST_SQLITE_FILE=<path>"
        )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "supporters.tests.worker_settings",
        "DATABASE_URL": url,
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp_port),
        "EMAIL_TIMEOUT": str(email_timeout),
        "HAVEN_EMAIL_LEASE_SECONDS": str(django_settings.HAVEN_EMAIL_LEASE_SECONDS),
        "HAVEN_TASK_LEASE_SECONDS": str(django_settings.HAVEN_TASK_LEASE_SECONDS),
    }
    env.pop("HAVEN_TEST_SQLITE_FILE", None)
    return subprocess.Popen(  # noqa: S603 - our own manage.py, fixed arguments
        [
            sys.executable,
            "manage.py",
            "db_worker",
            "--backend",
            "email",
            "--no-reload",
            "--no-startup-delay",
            "--interval",
            "0.2",
            "-v",
            "0",
        ],
        cwd=BASE_DIR,
        env=env,
    )
