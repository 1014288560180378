"""Releasing responses held for review (sent from a busy shared address).

A held response is stored in full but not counted and, for a signature, not yet sent its
confirmation. Releasing counts it and queues the confirmation it would have had (the
supporters app's unique confirmation key keeps anyone from being mailed twice).
"""

from django.db import transaction

from actions import counting
from actions.models import ActionResponse
from actions.signals import action_taken


def release(responses, page):
    """Release every held response in `responses` (one action's); return how many.

    Each released response is announced as if it had just been made (`action_taken`), so
    the supporters app sends the confirmation it holds back for held signatures."""
    released = 0
    held = responses.filter(held_for_review=True).order_by("pk")
    with transaction.atomic():
        for response in held.select_for_update():
            response.held_for_review = False
            response.save(update_fields=["held_for_review", "counted"])
            action_taken.send(sender=ActionResponse, response=response, page=page)
            released += 1
    if released:
        counting.forget(page.translation_key)
    return released
