"""Outgoing email to supporters, and their choice to hear no more.

Every email a supporter receives is first written here, in the same database transaction
as the event that caused it, then sent by a background task. The row is the record
editors report on (sent, failed) and what erasure removes.
"""

import hashlib
import hmac

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["CaseOptOut", "EmailPreference", "OutboxEmail", "email_digest"]


def email_digest(canonical_email):
    """A keyed hash of an address: lets us honour an unsubscribe without keeping the address."""
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, canonical_email.encode(), hashlib.sha256).hexdigest()


class OutboxEmail(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        CANCELLED = "cancelled", _("Cancelled")

    class Kind(models.TextChoices):
        CONFIRMATION = "confirmation", _("Confirmation")
        CASE_UPDATE = "case_update", _("Case update")
        LETTER = "letter", _("Letter to an office")
        MESSAGE = "message", _("Reader's message to an official")

    # Written to an office, not to a supporter: no unsubscribe link, never suppressed by one.
    TO_OFFICES = (Kind.LETTER, Kind.MESSAGE)

    # Makes "never two emails for the same event" a database guarantee, e.g.
    # "update:<update key>:<address digest>".
    dedupe_key = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    # Groups emails for reporting (e.g. the case update's key); never personal data.
    topic = models.CharField(max_length=100, blank=True, db_index=True)
    recipient = models.EmailField(max_length=254)
    recipient_digest = models.CharField(max_length=64, db_index=True)
    language = models.CharField(max_length=10)
    subject = models.CharField(max_length=255)
    body_text = models.TextField()
    body_html = models.TextField(blank=True)
    unsubscribe_url = models.URLField(max_length=500, blank=True)
    # A reader's message goes out from the site's address with the reader as Reply-To.
    reply_to = models.EmailField(max_length=254, blank=True)
    # A letter's signatures for one office (CSV text), erased with the rest after retention.
    attachment_name = models.CharField(max_length=120, blank=True)
    attachment = models.TextField(blank=True)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.QUEUED, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        # The table keeps the name it had in `actions` (moved without copying rows).
        db_table = "actions_outboxemail"
        verbose_name = _("outgoing email")
        verbose_name_plural = _("outgoing emails")
        indexes = [models.Index(fields=["topic", "status"], name="actions_out_topic_e95bff_idx")]

    def __str__(self):
        # No address here: str() ends up in logs and admin history.
        return f"{self.get_kind_display()} #{self.pk} ({self.get_status_display()})"


class EmailPreference(models.Model):
    """One row per address that has asked for no more email; the address itself is not kept."""

    digest = models.CharField(max_length=64, unique=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "actions_emailpreference"
        verbose_name = _("email preference")

    def __str__(self):
        return f"Email preference #{self.pk}"

    @property
    def is_unsubscribed(self):
        return self.unsubscribed_at is not None


class CaseOptOut(models.Model):
    """An address that asked for no more emails about one case (a story's translation key,
    the same in every language); emails about other cases still reach them."""

    preference = models.ForeignKey(
        EmailPreference, on_delete=models.CASCADE, related_name="case_opt_outs"
    )
    case_key = models.UUIDField(db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("case opt-out")
        constraints = [
            models.UniqueConstraint(fields=["preference", "case_key"], name="one_opt_out_per_case")
        ]

    def __str__(self):
        return f"Case opt-out #{self.pk}"
