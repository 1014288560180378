"""Events the actions app announces, and its own signal handlers (connected in ready()).

`action_taken` is how other apps learn that someone signed, called or emailed: `actions`
calls no other app's code when a reader acts (the `supporters` app listens and decides
which email, if any, follows).
"""

from django.dispatch import Signal

from actions.permissions import ensure_campaign_managers_group

# Sent inside the transaction that stored a new response (never for a refused repeat).
# Arguments: response (the saved ActionResponse), page (the action page it was made on).
action_taken = Signal()


def create_groups(sender, **kwargs):
    # Ours and Wagtail admin's permissions must both exist; they are made per app.
    if sender.label in {"actions", "wagtailadmin"}:
        ensure_campaign_managers_group()
