"""Letter versions for each group of recipients, and the record of each delivery.

A sign-on letter often goes to two kinds of office with two different texts: the
President-Elect is asked to act, members of Congress are asked to press for it. Each
version is a translatable orderable of the action, so a senator never receives the
President-Elect's greeting, and each language has its own words.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField

from translation.placeholders import unknown_placeholder_errors

__all__ = ["LetterVersion", "LetterDelivery"]


class LetterVersion(TranslatableMixin, Orderable):
    class Audience(models.TextChoices):
        CHOSEN = "chosen", _("The officials chosen on this action")
        CONGRESS = "congress", _("Each signer's senators and representative")

    page = ParentalKey(
        "actions.UrgentActionPage", on_delete=models.CASCADE, related_name="letter_versions"
    )
    audience = models.CharField(_("sent to"), max_length=10, choices=Audience.choices)
    greeting = models.CharField(
        _("greeting"),
        max_length=200,
        help_text=_(
            "E.g. “Dear {official},”: {official} becomes the office's title and name "
            "(“Dear Senator Ana López,”); inside a sentence use {the_official}."
        ),
    )
    body = RichTextField(
        _("letter"),
        features=["bold", "italic", "link", "ol", "ul"],
        help_text=_("The text this group receives, before the demands and the signatures."),
    )
    include_demands = models.BooleanField(
        _("include the numbered demands"),
        default=True,
        help_text=_("The demands of the letter on the page, after this text."),
    )

    panels = [
        FieldPanel("audience"),
        FieldPanel("greeting"),
        FieldPanel("body"),
        FieldPanel("include_demands"),
    ]

    override_translatable_fields = [
        SynchronizedField("audience", overridable=False),
        SynchronizedField("include_demands", overridable=False),
        TranslatableField("greeting"),
        TranslatableField("body"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("letter version")
        verbose_name_plural = _("letter versions")

    def __str__(self):
        return self.get_audience_display()

    # One letter goes to an office with every signer's name: only the office is filled in.
    PLACEHOLDERS = ("official", "the_official")

    def clean(self):
        """Refuse a misspelt placeholder ({officail}) before an office receives it literally."""
        super().clean()
        errors = {
            name: " ".join(problems)
            for name in ("greeting", "body")
            if (problems := unknown_placeholder_errors(getattr(self, name), self.PLACEHOLDERS))
        }
        if errors:
            raise ValidationError(errors)


class LetterDelivery(models.Model):
    """One office's copy of a sign-on letter, sent with its constituents' names.

    Keyed by the action's translation key, like responses: one delivery for the letter in
    every language. The office's address is public data (from the officials' records);
    the names went in the attachment and are not kept here.
    """

    class Trigger(models.TextChoices):
        MANUAL = "manual", _("“Deliver now” in the admin")
        DEADLINE = "deadline", _("Automatically at the deadline")

    action_key = models.UUIDField(_("action"), db_index=True, editable=False)
    target = models.ForeignKey(
        "officials.Target",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("office"),
    )
    recipient_name = models.CharField(_("office"), max_length=255)
    recipient_email = models.EmailField(_("sent to"), max_length=254)
    signatures = models.PositiveIntegerField(_("names"), default=0)
    delivered_at = models.DateTimeField(_("delivered"), auto_now_add=True)
    delivered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("delivered by"),
    )
    trigger = models.CharField(_("how"), max_length=10, choices=Trigger.choices)
    outbox_id = models.PositiveIntegerField(null=True, blank=True, editable=False)
    # Set by the outbox (supporters) when the office's mail server accepted the letter:
    # until then it is queued, and no page says it was delivered.
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("letter delivery")
        verbose_name_plural = _("letter deliveries")
        ordering = ["-delivered_at", "recipient_name"]
        constraints = [
            # One copy per office: a second "Deliver now" only reaches offices not yet sent.
            models.UniqueConstraint(
                fields=["action_key", "recipient_email"], name="actions_one_delivery_per_office"
            )
        ]

    def __str__(self):
        return f"{self.recipient_name} ({self.delivered_at:%Y-%m-%d})"
