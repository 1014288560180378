"""Signal handlers of the actions app (connected in ActionsConfig.ready)."""

from actions.permissions import ensure_campaign_managers_group


def create_groups(sender, **kwargs):
    # Ours and Wagtail admin's permissions must both exist; they are made per app.
    if sender.label in {"actions", "wagtailadmin"}:
        ensure_campaign_managers_group()
