"""Factories for urgent actions and their responses."""

import datetime
import uuid

import factory
import wagtail_factories
from django.utils import timezone

from actions.models import ActionIndexPage, ActionResponse, UrgentActionPage

LETTER = {
    "heading": "Sign the letter",
    "introduction": "Add your name before Friday.",
    "letter": "<p>Dear Director,</p><p>We ask you to act.</p>",
    "demands": ["Release the family.", "Restore access to counsel."],
    "closing": "Sincerely,",
}
CALL = {
    "heading": "Call the field office",
    "recipients": "chosen",
    "script": "Hello {official}, I am {first_name} from {city}. Please release the family.",
    "numbers": [{"label": "Field office", "number": "(202) 555-0100"}],
}
EMAIL = {
    "heading": "Email the director",
    "recipients": "chosen",
    "subject": "Release the family",
    "body": "Dear {official},\n\nI am {first_name} from {city}. Please act.",
    "addresses": ["director@example.org"],
}


class ActionIndexPageFactory(wagtail_factories.PageFactory):
    title = "Urgent actions"
    slug = "actions"

    class Meta:
        model = ActionIndexPage


class UrgentActionPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Free the family {n}")
    summary = "Ask the director to release them."
    deadline = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))
    signature_goal = 100
    ways_to_act = factory.LazyFunction(lambda: [("sign", LETTER), ("call", CALL), ("email", EMAIL)])

    class Meta:
        model = UrgentActionPage


class ActionResponseFactory(factory.django.DjangoModelFactory):
    action_key = factory.LazyFunction(uuid.uuid4)
    kind = ActionResponse.Kind.SIGN
    language = "en"
    first_name = "Ana"
    last_name = factory.Sequence(lambda n: f"Signer{n}")
    email = factory.Sequence(lambda n: f"signer{n}@example.org")
    email_canonical = factory.SelfAttribute("email")
    zip_code = "20001"

    class Meta:
        model = ActionResponse
