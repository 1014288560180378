"""The delayed retry, for real: an SMTP server that says "try later" once, the database
queue, and the worker. The email is re-queued for later, not resent at once, and goes
out when its time comes."""

import email
from datetime import timedelta
from email import policy

import pytest
from aiosmtpd.controller import Controller
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from supporters.mail import queue_email
from supporters.models import OutboxEmail
from tests.ports import free_port

# Transactional: the real worker closes and reopens database connections, which a test
# wrapped in one transaction cannot survive on PostgreSQL.
pytestmark = pytest.mark.django_db(transaction=True)


class RefuseOnceHandler:
    """Answers the first message with a temporary 451 and accepts the next ones."""

    def __init__(self):
        self.refusals = 1
        self.delivered = []

    async def handle_DATA(self, server, session, envelope):
        if self.refusals:
            self.refusals -= 1
            return "451 4.3.0 Mailbox busy, try again later"
        self.delivered.append(envelope)
        return "250 2.0.0 OK"


@pytest.fixture
def smtp_server():
    handler = RefuseOnceHandler()
    handler.port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=handler.port)
    controller.start()
    try:
        yield handler
    finally:
        controller.stop()


@pytest.fixture
def real_smtp(settings, smtp_server):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = smtp_server.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 5
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
        "email": {"BACKEND": "django_tasks_db.DatabaseBackend"},
    }
    return smtp_server


def _work():
    call_command("db_worker", "--backend", "email", "--batch", "--no-startup-delay", verbosity=0)


def test_temporary_refusal_is_retried_later_by_the_worker(home, real_smtp):
    queued = queue_email(
        dedupe_key="update:retry:a",
        kind=OutboxEmail.Kind.CASE_UPDATE,
        topic="update:retry",
        recipient="Ana.Example@example.org",
        canonical_email="ana.example@example.org",
        language="es",
        subject="Novedad del caso: audiencia aplazada",
        body_text="La audiencia pasó a marzo.",
    )

    _work()  # first attempt: the server answers 451
    queued.refresh_from_db()
    assert queued.status == OutboxEmail.Status.QUEUED
    assert queued.attempts == 1
    assert queued.last_error == "SMTPDataError 451"
    assert real_smtp.delivered == []
    waiting = DBTaskResult.objects.get(status="READY")
    assert waiting.task_path == "supporters.mail.send_outbox_email"
    assert waiting.run_after > timezone.now() + timedelta(seconds=30)

    _work()  # not yet due: the worker leaves it alone
    assert real_smtp.delivered == []

    # A minute passes (the retry's run_after is now in the past).
    DBTaskResult.objects.filter(pk=waiting.pk).update(
        run_after=timezone.now() - timedelta(seconds=1)
    )
    _work()

    queued.refresh_from_db()
    assert queued.status == OutboxEmail.Status.SENT
    assert queued.attempts == 2
    assert queued.last_error == ""
    assert len(real_smtp.delivered) == 1
    envelope = real_smtp.delivered[0]
    assert envelope.rcpt_tos == ["Ana.Example@example.org"]
    message = email.message_from_bytes(envelope.content, policy=policy.default)
    assert message["Subject"] == "Novedad del caso: audiencia aplazada"
    assert message["To"] == "Ana.Example@example.org"
    assert message["List-Unsubscribe"].strip().startswith("<http://testserver/es/unsubscribe/")
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message.get_body(("plain",)).get_content().strip() == "La audiencia pasó a marzo."
