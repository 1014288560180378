"""RSS and Atom feeds of case updates, one per language (served by each CaseIndexPage)."""

import datetime

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from wagtail.rich_text import expand_db_html

from stories.models import CaseStoryPage, CaseUpdate

FEED_LENGTH = 30


class CaseUpdatesRssFeed(Feed):
    """The latest updates of the live stories under one index, in that index's language.

    Each item links to the update's anchor on the story, so a reader lands on the entry.
    """

    def __init__(self, index):
        super().__init__()
        self.index = index
        self.language = index.locale.language_code

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return _("%(title)s: latest updates") % {"title": self.index.title}

    def link(self):
        return self.index.get_url(request=self.request)

    def description(self):
        return self.index.intro or _("Dated updates on the people in our case stories.")

    def feed_url(self):
        return self.index.feed_urls(self.request)["rss"]

    def items(self):
        stories = CaseStoryPage.objects.child_of(self.index).live().public()
        return (
            CaseUpdate.objects.filter(page__in=stories)
            .select_related("page")
            .order_by("-date", "-sort_order", "-pk")[:FEED_LENGTH]
        )

    def item_title(self, item):
        return f"{item.page.display_name}: {item.headline}"

    def item_description(self, item):
        return expand_db_html(item.body) if item.body else item.page.summary

    def item_link(self, item):
        return f"{item.page.get_url(request=self.request)}#{item.anchor}"

    def item_guid(self, item):
        return f"{item.page.get_full_url(request=self.request)}#{item.anchor}"

    item_guid_is_permalink = True

    def item_pubdate(self, item):
        return timezone.make_aware(datetime.datetime.combine(item.date, datetime.time(12)))

    def item_updateddate(self, item):
        return self.item_pubdate(item)

    def item_categories(self, item):
        return [item.page.get_category_display()]


class CaseUpdatesAtomFeed(CaseUpdatesRssFeed):
    feed_type = Atom1Feed

    def subtitle(self):
        return self.description()

    def feed_url(self):
        return self.index.feed_urls(self.request)["atom"]
