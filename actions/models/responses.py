"""What readers send: signatures, pledges, logged calls and sent emails.

Responses are keyed by the action's `translation_key`, not by one language's page, so
every translation of an action shares one count and one list of signers. Personal fields
are never translation segments and are only shown to campaign managers.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

__all__ = ["ActionResponse"]


class ActionResponse(models.Model):
    class Kind(models.TextChoices):
        SIGN = "sign", _("Signature")
        PLEDGE = "pledge", _("Pledge")
        CALL = "call", _("Call")
        EMAIL = "email", _("Email")

    # Kinds one person can do only once per action (same answer for a repeat).
    ONCE_PER_PERSON = (Kind.SIGN, Kind.PLEDGE)

    class Outcome(models.TextChoices):
        TALKED = "talked", _("Talked to staff")
        VOICEMAIL = "voicemail", _("Left a voicemail")
        BUSY = "busy", _("Line busy or unavailable")
        SKIPPED = "skipped", _("Skipped")

    # Outcomes that count as done: an unanswered or skipped call is logged but not counted.
    COUNTED_OUTCOMES = {Outcome.TALKED, Outcome.VOICEMAIL}

    action_key = models.UUIDField(_("action"), db_index=True, editable=False)
    page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("page responded on"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    counted = models.BooleanField(_("counted"), default=True, editable=False)
    # Sent from a busy shared address (an office, a church hall, a carrier's NAT): kept,
    # but not counted publicly or mailed until an organiser releases it (actions/ratelimit.py).
    held_for_review = models.BooleanField(_("held for review"), default=False, db_index=True)
    language = models.CharField(_("language"), max_length=10)
    created_at = models.DateTimeField(_("date"), auto_now_add=True, db_index=True)

    first_name = models.CharField(_("first name"), max_length=60, blank=True)
    last_name = models.CharField(_("last name"), max_length=80, blank=True)
    email = models.EmailField(_("email"), max_length=254, blank=True)
    email_canonical = models.CharField(max_length=254, blank=True, editable=False)
    zip_code = models.CharField(_("ZIP code"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=80, blank=True)
    state = models.CharField(_("state"), max_length=2, blank=True)
    district = models.CharField(_("district"), max_length=4, blank=True)
    # For people writing on behalf of an organisation ("I am [TITLE] of [ORGANIZATION]").
    title = models.CharField(_("title or role"), max_length=120, blank=True)
    organisation = models.CharField(_("organisation"), max_length=160, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    show_publicly = models.BooleanField(_("name shown publicly"), default=False)
    opt_in = models.BooleanField(_("wants news of this case"), default=False)
    consent_text = models.TextField(_("consent text"), blank=True)
    consent_at = models.DateTimeField(_("consent given at"), null=True, blank=True)

    outcome = models.CharField(
        _("call outcome"), max_length=10, choices=Outcome.choices, blank=True
    )
    official = models.CharField(_("official"), max_length=160, blank=True)
    # A one-time token from the form, so a resubmitted call or email form adds no row.
    submission_token = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        verbose_name = _("action response")
        verbose_name_plural = _("action responses")
        ordering = ["-created_at"]
        permissions = [
            ("view_personal_data", _("Can see and export the people who responded")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["action_key", "email_canonical"],
                condition=Q(kind__in=["sign", "pledge"]),
                name="actions_one_signature_per_person",
            ),
            models.UniqueConstraint(
                fields=["action_key", "submission_token"],
                condition=~Q(submission_token=""),
                name="actions_one_row_per_submission",
            ),
        ]
        indexes = [models.Index(fields=["action_key", "counted"], name="actions_count_idx")]

    def __str__(self):
        return f"{self.get_kind_display()} #{self.pk}"

    def save(self, *args, **kwargs):
        self.counted = not self.held_for_review
        if self.kind == self.Kind.CALL:
            self.counted = self.counted and self.outcome in self.COUNTED_OUTCOMES
        return super().save(*args, **kwargs)

    @property
    def full_name(self):
        return f"{self.first_name} {self.last_name}".strip()
