"""The ways to act on an urgent action, as StreamField blocks the editor orders.

Each block only describes content (the letter, the script, the prepared message); the
forms that go with it come from the page's context, so a block's template can be previewed
in the admin without a request.
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from translation.placeholders import unknown_placeholder_errors
from translation.segments import SynchronisedChildrenMixin

RECIPIENT_CHOICES = [
    ("zip", _("The reader's two senators and representative, found by ZIP code")),
    ("chosen", _("The officials chosen on this action")),
    ("both", _("Both")),
]

# What `fill_placeholders` fills in for each reader; anything else in braces is refused.
# {official} addresses the person ("Dear Senator Ana López", "Buenos días, Senadora Ana
# López:"); {the_official} names them inside a sentence, where Spanish needs an article
# and a lower-case title ("Llamo a la senadora Ana López"). English fills both alike.
PLACEHOLDER_NAMES = (
    "first_name",
    "city",
    "state",
    "official",
    "the_official",
    "title",
    "organisation",
)

PLACEHOLDER_HELP = _(
    "You may use {first_name}, {city}, {state}, {official}, {title} and {organisation}; they "
    "are filled in for each reader. Inside a sentence, {the_official} names the official as "
    "the sentence needs (in Spanish “la senadora …”)."
)

# The reader fields an editor may add to a sign or pledge form (phone never required).
READER_FIELD_CHOICES = [
    ("city", _("City")),
    ("organisation", _("Organisation")),
    ("title", _("Title or role")),
    ("phone", _("Phone (always optional)")),
]


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


class SignLetterBlock(SynchronisedChildrenMixin, blocks.StructBlock):
    # Translated line by line, so their paragraphs survive translation.
    paragraph_children = ("introduction", "closing")

    heading = blocks.CharBlock(label=_("heading"), max_length=120, default="Sign the letter")
    introduction = blocks.TextBlock(label=_("introduction"), required=False)
    letter = blocks.RichTextBlock(
        label=_("letter"), features=["bold", "italic", "link"], help_text=_("Greeting and body.")
    )
    demands = blocks.ListBlock(blocks.TextBlock(label=_("demand")), label=_("demands"), min_num=0)
    closing = blocks.TextBlock(label=_("closing"), required=False)
    ask_organisation = blocks.BooleanBlock(
        label=_("ask for a title and organisation"),
        required=False,
        help_text=_(
            "For letters signed on behalf of groups. Both stay optional; they go to the "
            "offices with the names and are never shown publicly."
        ),
    )

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
    # Children whose {placeholders} are filled in per reader, so checked when saved.
    placeholder_fields = ()

    def clean(self, value):
        """Refuse an unknown or misspelt placeholder ({officail}) in any language, naming
        it and listing the ones that exist; readers would otherwise see it literally."""
        value = super().clean(value)
        errors = {}
        for name in self.placeholder_fields:
            problems = unknown_placeholder_errors(value.get(name) or "", PLACEHOLDER_NAMES)
            if problems:
                errors[name] = ValidationError(" ".join(problems))
        if errors:
            raise blocks.StructBlockValidationError(block_errors=errors)
        return value


class CallBlock(SynchronisedChildrenMixin, ContactOfficialsBlock):
    # The script reaches translators line by line: its paragraphs survive translation.
    paragraph_children = ("script",)

    heading = blocks.CharBlock(label=_("heading"), max_length=120, default="Call your officials")
    recipients = blocks.ChoiceBlock(
        choices=RECIPIENT_CHOICES, default="zip", label=_("whom to call")
    )
    message_field = "script"
    placeholder_fields = ("script",)
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
    paragraph_children = ("body",)

    heading = blocks.CharBlock(label=_("heading"), max_length=120, default="Email your officials")
    recipients = blocks.ChoiceBlock(
        choices=RECIPIENT_CHOICES, default="zip", label=_("whom to write to")
    )
    message_field = "body"
    placeholder_fields = ("subject", "body")
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


class PledgeBlock(SynchronisedChildrenMixin, blocks.StructBlock):
    # Which fields the form asks for is the same in every language.
    synchronised_children = ("ask", "require")

    heading = blocks.CharBlock(label=_("heading"), max_length=120, default="Make the pledge")
    introduction = blocks.TextBlock(label=_("introduction"), required=False)
    pledge = blocks.TextBlock(
        label=_("pledge"),
        help_text=_(
            "What readers commit to, in the first person, e.g. “I will ask my city council "
            "to pass a Refugees Welcome resolution.”"
        ),
    )
    ask = blocks.MultipleChoiceBlock(
        choices=READER_FIELD_CHOICES,
        required=False,
        default=["city"],
        label=_("also ask for"),
        widget=forms.CheckboxSelectMultiple,
    )
    require = blocks.MultipleChoiceBlock(
        choices=READER_FIELD_CHOICES[:3],
        required=False,
        default=[],
        label=_("required"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Of the fields above, those readers must fill in. A phone never is."),
    )
    button_label = blocks.CharBlock(label=_("button label"), max_length=60, default="I pledge")
    next_steps = blocks.RichTextBlock(
        label=_("what happens next"),
        features=["bold", "italic", "link", "ol", "ul"],
        required=False,
        help_text=_("Shown after the pledge and in the confirmation e-mail."),
    )

    class Meta:
        icon = "tick-inverse"
        label = _("Pledge or sign up")
        template = "components/blocks/pledge_block.html"
        description = _(
            "A commitment readers sign up to, with the fields you choose, counted toward the goal."
        )
        preview_value = {
            "heading": "Make the pledge",
            "pledge": "I will ask my city council to pass a Refugees Welcome resolution.",
            "ask": ["city", "organisation"],
            "require": [],
            "button_label": "I pledge",
        }


class WaysToActBlock(blocks.StreamBlock):
    sign = SignLetterBlock()
    pledge = PledgeBlock()
    call = CallBlock()
    email = EmailBlock()

    class Meta:
        block_counts = {
            "sign": {"max_num": 1},
            "pledge": {"max_num": 1},
            "call": {"max_num": 1},
            "email": {"max_num": 1},
        }


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
    # Spanish contracts "a el" and "de el" ("Llamo al senador …", "la oficina del
    # director …"); {the_official} is the only value that starts with the article.
    official = values.get("the_official") or ""
    if official.startswith("el "):
        contracted = {"a": "al", "A": "Al", "de": "del", "De": "Del"}
        text = re.sub(
            r"\b([Aa]|[Dd]e) \{the_official\}",
            lambda m: f"{contracted[m.group(1)]} {official[3:]}",
            text,
        )
    for key in PLACEHOLDER_NAMES:
        text = text.replace("{" + key + "}", values.get(key) or "")
    text = re.sub(r"[ \t]*,[ \t]*(?=[.,;:!?)])", "", text)
    text = re.sub(r"[ \t]+(?=[.,;:!?])", "", text)
    text = re.sub(r"(?<=\S)[ \t]{2,}", " ", text)
    return text
