"""The ways to act on an urgent action, as StreamField blocks the editor orders.

Each block only describes content (the letter, the script, the prepared message); the
forms that go with it come from the page's context, so a block's template can be previewed
in the admin without a request.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from translation.segments import SynchronisedChildrenMixin

RECIPIENT_CHOICES = [
    ("zip", _("The reader's two senators and representative, found by ZIP code")),
    ("chosen", _("The officials chosen on this action")),
    ("both", _("Both")),
]

PLACEHOLDER_HELP = _(
    "You may use {first_name}, {city}, {state} and {official}; they are filled in for each reader."
)


class PhoneNumberBlock(SynchronisedChildrenMixin, blocks.StructBlock):
    # Translators translate who answers, never the number.
    synchronised_children = ("number",)

    # Both optional: an item left empty is skipped, never a reason to refuse publishing.
    label = blocks.CharBlock(label=_("who answers"), max_length=120, required=False)
    number = blocks.CharBlock(label=_("phone number"), max_length=40, required=False)

    class Meta:
        icon = "mobile-alt"
        label = _("Number to call")
        template = "components/blocks/phone_number_block.html"
        description = _("A phone number readers may call, and who answers it.")
        preview_value = {"label": "Agency comment line", "number": "202-555-0100"}

    def clean(self, value):
        value = super().clean(value)
        if value.get("label") and not value.get("number"):
            raise blocks.StructBlockValidationError(
                block_errors={"number": ValidationError(_("Give the number to call."))}
            )
        return value


class SignLetterBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("heading"), max_length=120, default="Sign the letter")
    introduction = blocks.TextBlock(label=_("introduction"), required=False)
    letter = blocks.RichTextBlock(
        label=_("letter"), features=["bold", "italic", "link"], help_text=_("Greeting and body.")
    )
    demands = blocks.ListBlock(blocks.TextBlock(label=_("demand")), label=_("demands"), min_num=0)
    closing = blocks.TextBlock(label=_("closing"), required=False)

    class Meta:
        icon = "form"
        label = _("Sign the letter")
        template = "components/blocks/sign_letter_block.html"
        description = _("An open letter with numbered demands that readers add their name to.")
        preview_value = {
            "heading": "Sign the letter",
            "introduction": "Add your name before the hearing on Friday.",
            "letter": "<p>Dear Director,</p><p>We write about a family held for 200 days.</p>",
            "demands": ["Release the family on parole.", "Restore their access to counsel."],
            "closing": "Sincerely,",
        }


class ContactOfficialsBlock(blocks.StructBlock):
    """What calling and writing share: a heading, whom to contact, and one text with
    placeholders (`message_field`) filled in for each reader by the same view
    (actions.views.two_step)."""

    heading = blocks.CharBlock(label=_("heading"), max_length=120)
    recipients = blocks.ChoiceBlock(choices=RECIPIENT_CHOICES, default="zip")

    message_field = None


class CallBlock(ContactOfficialsBlock):
    heading = blocks.CharBlock(label=_("heading"), max_length=120, default="Call your officials")
    recipients = blocks.ChoiceBlock(
        choices=RECIPIENT_CHOICES, default="zip", label=_("whom to call")
    )
    message_field = "script"
    script = blocks.TextBlock(label=_("call script"), help_text=PLACEHOLDER_HELP)
    numbers = blocks.ListBlock(
        PhoneNumberBlock(),
        label=_("other numbers to call"),
        min_num=0,
        help_text=_("For offices that are not members of Congress, such as an agency."),
    )

    class Meta:
        icon = "mobile-alt"
        label = _("Call")
        template = "components/blocks/call_block.html"
        description = _("A call script filled in for each reader, with the numbers to call.")
        preview_value = {
            "heading": "Call your officials",
            "recipients": "zip",
            "script": "Hello {official}, my name is {first_name} and I live in {city}, {state}.",
            "numbers": [{"label": "Agency comment line", "number": "202-555-0100"}],
        }


class EmailBlock(SynchronisedChildrenMixin, ContactOfficialsBlock):
    # Agency inboxes are the same in every language: copied, not offered to translators.
    synchronised_children = ("addresses",)

    heading = blocks.CharBlock(label=_("heading"), max_length=120, default="Email your officials")
    recipients = blocks.ChoiceBlock(
        choices=RECIPIENT_CHOICES, default="zip", label=_("whom to write to")
    )
    message_field = "body"
    subject = blocks.CharBlock(label=_("subject"), max_length=150)
    body = blocks.TextBlock(label=_("message"), help_text=PLACEHOLDER_HELP)
    addresses = blocks.ListBlock(
        # Optional: an empty item is skipped, never a reason to refuse publishing.
        blocks.EmailBlock(label=_("address"), required=False),
        label=_("other addresses"),
        min_num=0,
        help_text=_("Public inboxes to write to, such as an agency's."),
    )

    class Meta:
        icon = "mail"
        label = _("Email")
        template = "components/blocks/email_block.html"
        description = _("A prepared message the reader can edit before sending it.")
        preview_value = {
            "heading": "Email your officials",
            "recipients": "zip",
            "subject": "Please act for the family in detention",
            "body": "Dear {official},\n\nI live in {city}, {state}. Please act now.\n\n"
            "{first_name}",
            "addresses": [],
        }


class WaysToActBlock(blocks.StreamBlock):
    sign = SignLetterBlock()
    call = CallBlock()
    email = EmailBlock()

    class Meta:
        block_counts = {"sign": {"max_num": 1}, "call": {"max_num": 1}, "email": {"max_num": 1}}


def phone_numbers(value):
    """The call block's numbers an editor actually filled in (empty items are skipped)."""
    return [n for n in (value.get("numbers") or []) if (n.get("number") or "").strip()]


def email_addresses(value):
    """The email block's addresses an editor actually filled in."""
    return [a for a in (value.get("addresses") or []) if (a or "").strip()]


def fill_placeholders(text, values):
    """Fill {first_name}-style placeholders without str.format (which editors' braces break).

    A value the reader did not give leaves no stray comma or space behind
    ("in Tucson, ." becomes "in Tucson.").
    """
    for key in ("first_name", "city", "state", "official"):
        text = text.replace("{" + key + "}", values.get(key) or "")
    text = re.sub(r"[ \t]*,[ \t]*(?=[.,;:!?)])", "", text)
    text = re.sub(r"[ \t]+(?=[.,;:!?])", "", text)
    text = re.sub(r"(?<=\S)[ \t]{2,}", " ", text)
    return text
