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

__all__ = [
    "CaseOptOut",
    "EmailPreference",
    "OutboxEmail",
    "adopt_legacy_digests",
    "email_digest",
    "email_hash_key",
]


def _hmac(key, canonical_email):
    return hmac.new(key.encode(), canonical_email.encode(), hashlib.sha256).hexdigest()


def email_hash_key():
    """`HAVEN_EMAIL_HASH_KEY`, its own secret so that rotating SECRET_KEY cannot silently
    re-subscribe everyone who left; SECRET_KEY only where no key was set (development)."""
    return getattr(settings, "HAVEN_EMAIL_HASH_KEY", "") or settings.SECRET_KEY


def email_digest(canonical_email):
    """A keyed hash of an address: lets us honour an unsubscribe without keeping the address."""
    return _hmac(email_hash_key(), canonical_email)


def legacy_digests(canonical_email):
    """Digests this address had under keys used before: SECRET_KEY (before
    HAVEN_EMAIL_HASH_KEY existed or was set) and SECRET_KEY_FALLBACKS (after a rotation)."""
    current = email_hash_key()
    keys = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return {_hmac(key, canonical_email) for key in keys if key and key != current}


def adopt_legacy_digests(canonical_emails):
    """Re-key preferences stored under an older key to the current one, for these
    addresses (a fixed number of queries). Run before any preference is looked up, so an
    unsubscribe made before a key change is still honoured after it."""
    old_to_new = {}
    for canonical in set(canonical_emails):
        new = email_digest(canonical)
        for old in legacy_digests(canonical):
            old_to_new[old] = new
    if not old_to_new:
        return 0
    stale = list(EmailPreference.objects.filter(digest__in=list(old_to_new)))
    if not stale:
        return 0
    taken = set(
        EmailPreference.objects.filter(
            digest__in={old_to_new[p.digest] for p in stale}
        ).values_list("digest", flat=True)
    )
    adopted = 0
    for preference in stale:
        new = old_to_new[preference.digest]
        if new in taken:
            # Both exist: keep the stricter choice on the current row, drop the old one.
            if preference.unsubscribed_at:
                EmailPreference.objects.filter(digest=new, unsubscribed_at__isnull=True).update(
                    unsubscribed_at=preference.unsubscribed_at
                )
            preference.delete()
        else:
            preference.digest = new
            preference.save(update_fields=["digest"])
            taken.add(new)
        adopted += 1
    return adopted


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
    # A sender owns the row until `lease_until` (HAVEN_EMAIL_LEASE_SECONDS); a worker killed
    # mid-send leaves an expired lease, and the row is taken up again (supporters/worker.py).
    lease_until = models.DateTimeField(null=True, blank=True, editable=False)
    # Set the moment the SMTP server accepted the message, before anything else: a retry
    # of the same row then never sends it twice.
    accepted_at = models.DateTimeField(null=True, blank=True, editable=False)

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
