"""Releasing responses held for review (sent from a busy shared address).

A held response is stored in full but not counted and, for a signature, not yet sent its
confirmation. Releasing counts it and queues the confirmation it would have had; the
unique confirmation key keeps a second release from mailing anyone twice.
"""

from django.db import transaction

from actions import counting
from actions.models import ActionResponse


def release(responses, page):
    """Release every held response in `responses` (one action's); return how many."""
    from actions.notifications import queue_confirmation_safely

    released = 0
    held = responses.filter(held_for_review=True).order_by("pk")
    with transaction.atomic():
        for response in held.select_for_update():
            response.held_for_review = False
            response.save(update_fields=["held_for_review", "counted"])
            if response.kind == ActionResponse.Kind.SIGN:
                queue_confirmation_safely(response, page)
            released += 1
    if released:
        counting.forget(page.translation_key)
    return released
