"""What supporters hear when `actions` or `stories` announce something (see apps.py).

Each receiver runs inside the announcing request, so it does the least it can: it queues
one task and returns. The worker builds the emails.
"""

import logging

from django.db import transaction

logger = logging.getLogger(__name__)


def on_action_taken(sender, response, page, **kwargs):
    """A new signature with an address gets a confirmation, built by the worker."""
    from supporters.confirmation import build_confirmation

    if response.kind != "sign" or not response.email:
        return
    try:
        # A savepoint: whatever goes wrong queueing must never cost the reader their
        # signature (logged without personal data instead).
        with transaction.atomic():
            build_confirmation.enqueue(response.pk)
    except Exception as exc:
        logger.error(
            "Confirmation email for response #%s not queued (%s)", response.pk, type(exc).__name__
        )


def on_update_published(sender, page, updates, **kwargs):
    """A story published with ticked updates: one task fans the emails out in batches."""
    from supporters.updates import notify_story_updates

    notify_story_updates.enqueue(page.pk)


def on_letter_delivery(sender, message, **kwargs):
    """An office's copy of a sign-on letter, with its constituents' names attached."""
    from supporters.mail import queue_to_office
    from supporters.models import OutboxEmail

    [(name, content, _mimetype)] = message["attachments"] or [("", "", "")]
    return queue_to_office(
        dedupe_key=message["dedupe_key"],
        kind=OutboxEmail.Kind.LETTER,
        recipient=message["to"],
        person_email=message["to"],
        language=message["language"],
        subject=message["subject"],
        body_text=message["body"],
        attachment_name=name,
        attachment=content,
        topic=message.get("topic", ""),
    )
