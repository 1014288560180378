"""A case story's status and outcome: one fact for every language (home/shared_state.py)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from home.shared_state import SharedState

__all__ = ["StoryState"]


class StoryState(SharedState):
    """Active or resolved, the outcome and its date, as the story's source page last
    published them; every translation shows these."""

    FIELDS = ("status", "outcome", "outcome_date")

    status = models.CharField(_("status"), max_length=10, default="active")
    outcome = models.CharField(_("outcome"), max_length=20, blank=True)
    outcome_date = models.DateField(_("outcome date"), null=True, blank=True)

    class Meta:
        verbose_name = _("story state")
        verbose_name_plural = _("story states")

    def __str__(self):
        return f"Story state {self.translation_key} ({self.status})"
