"""A real SMTP server for tests (aiosmtpd), whose messages are read with Python's `email`."""

import contextlib
import email
import email.policy

from aiosmtpd.controller import Controller

from tests.ports import free_port


class Inbox:
    def __init__(self):
        self.envelopes = []

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"

    @property
    def messages(self):
        return [
            email.message_from_bytes(e.original_content, policy=email.policy.default)
            for e in self.envelopes
        ]

    def to(self, address):
        """Messages whose envelope was addressed to `address`."""
        return [
            email.message_from_bytes(e.original_content, policy=email.policy.default)
            for e in self.envelopes
            if address in e.rcpt_tos
        ]


@contextlib.contextmanager
def smtp_server(settings):
    """Run an SMTP server and point Django's SMTP backend at it for the block."""
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 10
    try:
        yield inbox
    finally:
        controller.stop()
