"""The XML sitemap: every live page once per language it exists in, with hreflang
alternates, so search engines send Spanish readers to the Spanish page.

Wagtail's own sitemap has no alternates; Django's framework does, given items that know
their languages. An item here is a translation group (one page and its translations).
"""

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.utils import translation
from wagtail.models import Page

from home.links import site_domain_and_scheme


class PageSitemap(Sitemap):
    i18n = True
    alternates = True
    # Django's x-default points at an unprefixed URL; ours is the English page, as in
    # the hreflang links of every page (home/languages.py). Added in _urls below.
    x_default = False

    def get_domain(self, site=None):
        # The Site record, like every other absolute link (home/links.py), not the
        # request's Host header that Django's sitemap would use.
        return site_domain_and_scheme()[0]

    def get_protocol(self, protocol=None):
        return site_domain_and_scheme()[1]

    def items(self):
        pages = (
            Page.objects.live()
            .public()
            .filter(depth__gt=1)
            .select_related("locale", "alias_of")
            .order_by("path")
        )
        groups = {}
        for page in pages:
            if page.alias_of_id and page.alias_of.locale_id != page.locale_id:
                continue  # "Sync from" aliases show another language's text.
            groups.setdefault(page.translation_key, {})[page.locale.language_code] = page
        return list(groups.values())

    def get_languages_for_item(self, item):
        return [code for code, _name in settings.LANGUAGES if code in item]

    def location(self, item):
        page = item[translation.get_language()]
        return page.get_url_parts()[2]

    def lastmod(self, item):
        # Django passes the group without its language here: the latest of its versions.
        return max(
            (p.last_published_at for p in item.values() if p.last_published_at), default=None
        )

    def _urls(self, page, protocol, domain):
        urls = super()._urls(page, protocol, domain)
        for url in urls:
            default = [a for a in url["alternates"] if a["lang_code"] == settings.LANGUAGE_CODE]
            if default:
                url["alternates"].append(
                    {"location": default[0]["location"], "lang_code": "x-default"}
                )
        return urls


SITEMAPS = {"pages": PageSitemap}
