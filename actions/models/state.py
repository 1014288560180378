"""The campaign state of an urgent action: one fact for every language (home/shared_state.py)."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from home.shared_state import SharedState

__all__ = ["ActionState"]


class ActionState(SharedState):
    """Open, closed, won or lost; deadline; goal; recipients; chosen officials and phone
    numbers, as the action's source page last published them.

    The chosen officials are read from `source_page` (its live `ActionTarget` rows); the
    phone numbers of its call block are kept here, since translations keep their own
    (translated) labels in their own blocks.
    """

    FIELDS = ("status", "deadline", "deadline_timezone", "signature_goal", "recipients")

    status = models.CharField(_("status"), max_length=10, default="open")
    deadline = models.DateTimeField(_("deadline"), null=True, blank=True)
    deadline_timezone = models.CharField(_("deadline time zone"), max_length=40, blank=True)
    signature_goal = models.PositiveIntegerField(_("goal"), null=True, blank=True)
    recipients = models.CharField(_("who receives it"), max_length=10, blank=True)
    # [{"id": list item id, "label": source label, "number": "..."}] of the call block.
    call_numbers = models.JSONField(_("phone numbers"), default=list, blank=True)
    # The outcome message in the source language, and when it last changed: a translation
    # published before that shows this text, marked as not translated yet.
    source_outcome_message = models.TextField(blank=True)
    outcome_changed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("action state")
        verbose_name_plural = _("action states")

    def __str__(self):
        return f"Action state {self.translation_key} ({self.status})"

    def save(self, *args, **kwargs):
        previous = (
            type(self)
            .objects.filter(pk=self.pk)
            .values_list("source_outcome_message", flat=True)
            .first()
            if self.pk
            else None
        )
        if (previous or "") != (self.source_outcome_message or ""):
            # Set by publish_shared_state when the values were taken from the source page
            # on a translation's publish: the message changed when the source was published.
            self.outcome_changed_at = getattr(self, "values_published_at", None) or timezone.now()
        return super().save(*args, **kwargs)
