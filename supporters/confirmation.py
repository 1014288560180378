"""The confirmation email a signer receives: the letter they signed and how to follow the case.

The signing request only queues `build_confirmation` (one task, in the transaction that
stores the signature, so a signature that fails to save sends nothing and a repeat queues
nothing); the worker builds the letter, demands and story links, then writes the email to
the outbox with `supporters.mail.queue_email`.
"""

import logging

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task
from wagtail.rich_text import expand_db_html

from actions.models import ActionResponse
from home.links import absolutise_html, html_to_text, page_url
from supporters.mail import queue_email, unsubscribe_url
from supporters.models import OutboxEmail

logger = logging.getLogger(__name__)


@task(backend="email")
def build_confirmation(response_id):
    """The worker's half of signing: build and queue the signer's confirmation email."""
    response = ActionResponse.objects.select_related("page").filter(pk=response_id).first()
    if response is None or response.page is None or not response.email:
        return None  # erased or anonymised since, or the action page is gone
    email = queue_confirmation_safely(response, response.page.specific)
    return email.pk if email is not None else None


def queue_confirmation_safely(response, page):
    """Queue the confirmation in a savepoint: an email that cannot be built must never cost
    the reader their signature (it is logged without personal data instead)."""
    try:
        with transaction.atomic():
            return queue_confirmation(response, page)
    except Exception as exc:
        logger.error(
            "Confirmation email for response #%s not queued (%s)", response.pk, type(exc).__name__
        )
        return None


def _letter(page):
    block = page.block_of_kind("sign")
    if block is None:
        return None
    value = block.value
    letter_html = expand_db_html(value.get("letter").source) if value.get("letter") else ""
    letter_html = absolutise_html(letter_html)  # read in a mail client, away from the site
    return {
        "heading": value.get("heading", ""),
        "letter_html": letter_html,
        "letter_text": html_to_text(letter_html),
        "demands": list(value.get("demands") or []),
        "closing": value.get("closing", ""),
    }


def queue_confirmation(response, page):
    """Queue the confirmation for one freshly saved signature (call inside its transaction)."""
    if not response.email:
        return None
    language = response.language or "en"
    stories = page.get_case_stories()
    # "This case" is the stories the action is for; an action on no story has no case
    # to leave, so its email offers only "stop all emails".
    case_keys = [story.translation_key for story in stories]
    with translation.override(language):
        subject = _("Thank you for signing: %(title)s") % {"title": page.title}
        context = {
            "subject": subject,
            "language": language,
            "first_name": response.first_name,
            "action": page,
            "action_url": page_url(page),
            "letter": _letter(page),
            "stories": [{"title": story.title, "url": page_url(story)} for story in stories],
            "opt_in": response.opt_in,
            "unsubscribe_url": (
                unsubscribe_url(response.email_canonical, language, case_keys) if case_keys else ""
            ),
            "unsubscribe_all_url": unsubscribe_url(response.email_canonical, language),
        }
        body_text = render_to_string("emails/confirmation.txt", context)
        body_html = render_to_string("emails/confirmation.html", context)
    return queue_email(
        dedupe_key=f"confirm:{response.pk}",
        kind=OutboxEmail.Kind.CONFIRMATION,
        recipient=response.email,
        canonical_email=response.email_canonical,
        language=language,
        subject=subject,
        body_text=body_text,
        body_html=body_html,
        topic=f"confirm:{page.translation_key}",
        case_keys=case_keys,
    )
