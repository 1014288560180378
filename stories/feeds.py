"""RSS and Atom feeds of case updates, one per language (served by each CaseIndexPage)."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from wagtail.models import Site
from wagtail.rich_text import expand_db_html

from home.links import absolute_url, absolutise_html, page_url
from home.models import HavenSettings
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

    def _organisation(self):
        if not hasattr(self, "_org"):
            site = Site.find_for_request(self.request)
            haven = HavenSettings.for_site(site) if site else None
            org = haven.organisation if haven and haven.organisation_id else None
            self._org = org.get_translation_or_none(self.index.locale) or org if org else None
        return self._org

    # RFC 4287 requires an author for the feed or every entry: the organisation writes both.
    def author_name(self):
        org = self._organisation()
        return org.name if org else self.index.get_site().site_name or "Haven"

    def author_link(self):
        return page_url(self.index.get_parent(), self.request)

    def item_author_name(self, item):
        return self.author_name()

    def item_author_link(self, item):
        return self.author_link()

    def title(self):
        return _("%(title)s: latest updates") % {"title": self.index.title}

    def link(self):
        # Absolute from the one site root, so Django does not prefix the request's host.
        return page_url(self.index, self.request)

    def description(self):
        return self.index.intro or _("Dated updates on the people in our case stories.")

    def feed_url(self):
        return absolute_url(self.index.feed_urls(self.request)["rss"])

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
        # Feed readers show this away from the site: links inside must be absolute.
        return absolutise_html(expand_db_html(item.body)) if item.body else item.page.summary

    def item_link(self, item):
        return f"{page_url(item.page, self.request)}#{item.anchor}"

    def item_guid(self, item):
        return self.item_link(item)

    item_guid_is_permalink = True

    def item_pubdate(self, item):
        """The update's own time (its date at the time of day it was written)."""
        return item.published_at

    def item_updateddate(self, item):
        return self.item_pubdate(item)

    def item_categories(self, item):
        return [item.page.get_category_display()]


class CaseUpdatesAtomFeed(CaseUpdatesRssFeed):
    feed_type = Atom1Feed

    def subtitle(self):
        return self.description()

    def feed_url(self):
        return absolute_url(self.index.feed_urls(self.request)["atom"])
