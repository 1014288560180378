"""Events the stories app announces: "a story was published with updates for supporters".

`stories` does not decide who hears about an update, or how: it says which of the
published story's updates are ticked "notify supporters", and the `supporters` app
(listening) decides the rest. Keeps the arrow one way: nothing here imports that app.
"""

from django.dispatch import Signal
from wagtail.models import Page

# Arguments: page (the live CaseStoryPage just published), updates (its CaseUpdate rows
# ticked "notify supporters", in this page's language).
update_published = Signal()


def announce_update(sender, instance, **kwargs):
    """Wagtail's page_published handler: announce ticked updates of a published story."""
    from stories.models import CaseStoryPage

    if not isinstance(instance, Page) or not isinstance(instance.specific_deferred, CaseStoryPage):
        return
    story = instance.specific
    if not story.live:
        return
    updates = [u for u in story.updates.all() if u.notify_supporters]
    if updates:
        update_published.send(sender=CaseStoryPage, page=story, updates=updates)
