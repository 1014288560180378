"""Demo: supporter emails for `manage.py load_demo` (runs after the stories demo)."""

from django.apps import apps
from django.utils import timezone

from actions.models import ActionResponse


def build(ctx):
    """Demo: fictional example.org signers ask for news and the first featured story's
    newest update notifies them, so the worker prints the emails (idempotent: the marker
    and dedupe keys stop repeats)."""
    from translation.builders import translate

    featured = ctx.extra.get("demo_stories") or []
    if not featured:
        return
    story = apps.get_model("stories", "CaseStoryPage").objects.get(pk=featured[0].pk)
    keys = [link.action.translation_key for link in story.linked_actions.select_related("action")]
    ActionResponse.objects.filter(
        action_key__in=keys,
        kind=ActionResponse.Kind.SIGN,
        email__endswith="@example.org",
        opt_in=False,
    ).update(opt_in=True, consent_text="Send me news about this case", consent_at=timezone.now())
    updates = list(story.updates.all())
    if not updates:
        return
    newest = max(updates, key=lambda u: (u.date, u.sort_order or 0))
    if newest.notify_supporters:
        return
    newest.notify_supporters = True
    story.updates = updates
    story.save_revision().publish()  # page_published queues the emails
    translate(story, ctx.spanish, ctx.glossary)
