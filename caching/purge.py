"""Tell the shared cache when pages change: publish, unpublish or close.

Wagtail's frontend cache purges the one page that was published, before the publish is
committed. A reader arriving in between would put the old page back in the cache, and the
listings and translations showing the page would stay stale for `s-maxage`. Here a change
purges, once the transaction has committed:

- the page in every language (each translation has its own slug), with its cached
  sub-paths (an action's live count);
- the ancestors of each translation (the home pages and indexes that list it);
- the pages that link to it and the pages it links to, from Wagtail's reference index
  (the stories that link to an action, the action that lists those stories, the home
  page that features a story).

`purge_page_group(page)` is the one entry point for anything else that changes what a page
shows without publishing it (an action closed by its shared status, for example).
"""

import logging

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from wagtail.contrib.frontend_cache import signal_handlers as wagtail_handlers
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Page, ReferenceIndex
from wagtail.signals import page_published, page_unpublished

logger = logging.getLogger(__name__)


def pages_to_purge(page):
    """Every live page whose cached copy may show `page` (including `page` itself)."""
    group = list(Page.objects.filter(translation_key=page.translation_key))
    ids = {p.pk for p in group}
    paths = set()
    for member in group:
        # Ancestors below the tree root: home pages and indexes listing this page.
        depth_two = Page.steplen * 2
        paths.update(member.path[:n] for n in range(depth_two, len(member.path), Page.steplen))
    page_ct = ContentType.objects.get_for_model(Page)
    group_ids = [str(pk) for pk in ids]
    linking = ReferenceIndex.objects.filter(
        base_content_type=page_ct, to_content_type=page_ct, to_object_id__in=group_ids
    ).values_list("object_id", flat=True)
    linked = ReferenceIndex.objects.filter(
        base_content_type=page_ct, to_content_type=page_ct, object_id__in=group_ids
    ).values_list("to_object_id", flat=True)
    related_ids = {int(i) for i in [*linking, *linked] if str(i).isdigit()} - ids
    # The related pages and their own translations (a Spanish story may link the English
    # action; its Spanish counterpart lists the Spanish one).
    related_keys = Page.objects.filter(pk__in=related_ids).values("translation_key")
    others = Page.objects.live().filter(Q(path__in=paths) | Q(translation_key__in=related_keys))
    return group + [p for p in others if p.pk not in ids]


def purge_page_group(page):
    """Purge `page`, its translations and what lists or links to it, after commit."""
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return

    def _purge():
        try:
            batch = PurgeBatch()
            batch.add_pages(pages_to_purge(page))
            batch.purge()
        except Exception:  # a cache that cannot be reached must never fail a publish
            logger.exception("Purging the page cache failed")

    transaction.on_commit(_purge)


def _on_change(sender, instance, **kwargs):
    purge_page_group(instance)


def connect():
    """Replace Wagtail's own handlers (one page, before commit) with ours, for every page
    model."""
    from django.apps import apps

    page_models = [m for m in apps.get_models() if issubclass(m, Page)]
    for model in page_models:
        page_published.disconnect(wagtail_handlers.page_published_signal_handler, sender=model)
        page_unpublished.disconnect(wagtail_handlers.page_unpublished_signal_handler, sender=model)
        page_published.connect(_on_change, sender=model, dispatch_uid=f"haven-purge-pub-{model}")
        page_unpublished.connect(
            _on_change, sender=model, dispatch_uid=f"haven-purge-unpub-{model}"
        )
