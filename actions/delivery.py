"""Delivering a sign-on letter: each office gets its own letter version and only its own
constituents' names, and each delivery is recorded.

The organiser starts it with "Deliver now" in the admin, or the scheduled task does it at
the deadline. Sending goes through the outbox: `actions` announces each message with the
`letter_delivery` signal and the supporters app, which owns the outbox, queues it (data
flows one way; `actions` never imports `supporters`).
"""

import csv
import html
import io
import re

from django.db import IntegrityError, transaction
from django.dispatch import Signal
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from actions.blocks import fill_placeholders

# Sent once per office: kwargs `message` (a dict: to, subject, body, reply_to, attachments,
# language, dedupe_key). A receiver queues it and returns the outbox row's id.
letter_delivery = Signal()

CONGRESS_CHAMBERS = {"senate", "house"}


class NoOutbox(RuntimeError):
    """Nothing is listening for deliveries: refuse rather than record a delivery never sent."""


def html_to_text(value):
    """Rich text as plain e-mail text: paragraphs and list items on their own lines."""
    text = str(value or "")
    text = re.sub(r"(?i)<br\s*/?>", "\n", text)
    text = re.sub(r"(?i)<li[^>]*>", "\n- ", text)
    text = re.sub(r"(?i)</(p|h[1-6]|ul|ol)>", "\n\n", text)
    text = re.sub(r"<[^>]+>", "", text)
    text = html.unescape(text)
    text = re.sub(r"[ \t]+\n", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def audience_of(target):
    return "congress" if getattr(target, "chamber", "") in CONGRESS_CHAMBERS else "chosen"


def version_for(page, target):
    """The letter version written for this office's group, else None (the page's letter)."""
    wanted = audience_of(target)
    for version in page.letter_versions.all():
        if version.audience == wanted:
            return version
    return None


def office_name(target):
    return f"{getattr(target, 'display_title', '')} {getattr(target, 'full_name', '')}".strip()


def letter_text(page, target):
    """The letter as this office receives it: its version's greeting and text (or the
    page's letter), the demands, the closing."""
    block = page.block_of_kind("sign")
    value = block.value if block else {}
    version = version_for(page, target)
    values = {
        "official": office_name(target),
        "the_official": getattr(target, "name_in_sentence", "") or office_name(target),
    }
    parts = []
    if version is not None:
        parts.append(fill_placeholders(version.greeting, values))
        parts.append(html_to_text(version.body))
        demands = value.get("demands") or [] if version.include_demands else []
    else:
        parts.append(fill_placeholders(html_to_text(value.get("letter")), values))
        demands = value.get("demands") or []
    parts.extend(f"{number}. {demand}" for number, demand in enumerate(demands, start=1))
    if value.get("closing"):
        parts.append(value["closing"])
    return "\n\n".join(part for part in parts if part)


def constituents_csv(signers):
    """The names an office receives: its own constituents only, and never an e-mail address.

    Organisation and title are included when the signer gave them (a letter "from" groups).
    """
    from actions.reports import neutralise

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(
        [
            _("First name"),
            _("Last name"),
            _("City"),
            _("State"),
            _("District"),
            _("Title"),
            _("Organisation"),
        ]
    )
    for signer in signers:
        writer.writerow(
            [
                neutralise(value)
                for value in (
                    signer.first_name,
                    signer.last_name,
                    signer.city,
                    signer.state,
                    signer.district,
                    signer.title,
                    signer.organisation,
                )
            ]
        )
    return buffer.getvalue()


def deliver(page, *, user=None, trigger="manual"):
    """Send the letter to every recipient office with an e-mail address not yet delivered.

    Returns the new `LetterDelivery` rows. Offices without an address (members of Congress
    take web forms only) are left to the printable delivery packet and reported back.
    """
    from actions.models import LetterDelivery
    from actions.reports import _signers_for, packet_targets

    if not letter_delivery.receivers:
        raise NoOutbox("No outbox is connected to the letter_delivery signal.")
    done = set(
        LetterDelivery.objects.filter(action_key=page.translation_key).values_list(
            "recipient_email", flat=True
        )
    )
    language = page.locale.language_code
    created = []
    for target in packet_targets(page):
        address = (getattr(target, "email", "") or "").strip()
        if not address or address.lower() in done:
            continue
        signers = list(_signers_for(page, target))
        if not signers:
            continue
        with translation.override(language):
            subject = _("%(title)s — signed by %(count)s of your constituents") % {
                "title": page.title,
                "count": len(signers),
            }
            body = (
                letter_text(page, target)
                + "\n\n"
                + _("The names of the %(count)s people who signed are attached (CSV).")
                % {"count": len(signers)}
            )
            attachment = constituents_csv(signers)
        message = {
            "to": address,
            "subject": subject,
            "body": body,
            "reply_to": [],
            "attachments": [(f"signatures-{page.slug}.csv", attachment, "text/csv")],
            "language": language,
            "dedupe_key": f"letter:{page.translation_key}:{address.lower()}",
            "topic": f"letter:{page.translation_key}",
        }
        try:
            with transaction.atomic():
                delivery = LetterDelivery.objects.create(
                    action_key=page.translation_key,
                    target=target if getattr(target, "pk", None) else None,
                    recipient_name=office_name(target),
                    recipient_email=address.lower(),
                    signatures=len(signers),
                    delivered_by=user,
                    trigger=trigger,
                )
                results = letter_delivery.send(sender=type(page), message=message)
                ids = [result for _receiver, result in results if result is not None]
                if not ids:
                    raise NoOutbox("The outbox did not accept the letter.")
                delivery.outbox_id = getattr(ids[0], "pk", ids[0])
                delivery.save(update_fields=["outbox_id"])
        except IntegrityError:
            continue  # another "Deliver now" got there first
        created.append(delivery)
    return created


def due_for_delivery(now=None):
    """Published actions with a sign-on letter whose deadline has passed and that asked to
    be delivered automatically."""
    from actions.models import UrgentActionPage

    now = now or timezone.now()
    return [
        page
        for page in UrgentActionPage.objects.live().filter(
            deadline__lte=now, deliver_at_deadline=True
        )
        if page.locale.is_default and page.block_of_kind("sign") is not None
    ]
