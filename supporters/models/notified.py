"""Which case updates have already been emailed to supporters."""

from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["NotifiedUpdate"]


class NotifiedUpdate(models.Model):
    """One row per update (all languages) once its supporters were emailed.

    Why: a republished story must not email an update again, and a supporter who acts
    after the update went out must not receive old news on the next publish. The per-
    recipient dedupe key in the outbox is the second guard.
    """

    update_key = models.UUIDField(unique=True)
    notified_at = models.DateTimeField(auto_now_add=True)
    recipients = models.PositiveIntegerField(default=0)

    class Meta:
        db_table = "stories_notifiedupdate"  # kept from `stories`: moved without copying rows
        verbose_name = _("notified case update")

    def __str__(self):
        return f"Notified update {self.update_key}"
