"""Link cards: what search engines and link previews read about a page.

One `LinkCard` per rendered page gives base.html its description, canonical address,
Open Graph and Twitter/X card, locales and JSON-LD. Every address comes from home.links,
the one source of absolute URLs. A page model adds its own JSON-LD (an article for a story,
an event for an urgent action) with `structured_data(card)`.
"""

import json
from dataclasses import dataclass, field

from django.conf import settings
from django.templatetags.static import static
from django.utils import translation
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from wagtail.models import Page

from home import languages
from home.links import absolute_url, page_url, site_root_url

# Open Graph locale names for the site's languages (og:locale wants language_TERRITORY).
OG_LOCALES = {"en": "en_US", "es": "es_US"}
# Shown when a page has no picture of its own: the organisation's square mark.
DEFAULT_IMAGE = "img/haven-share.png"
DEFAULT_IMAGE_SIZE = (512, 512)
SOCIAL_RENDITION = "fill-1200x630"
DESCRIPTION_LENGTH = 160


def plain_text(value, length=DESCRIPTION_LENGTH):
    """Rich text or long text as one line short enough for a description."""
    text = " ".join(strip_tags(str(value or "")).split())
    return Truncator(text).chars(length)


@dataclass
class LinkCard:
    title: str
    description: str
    url: str
    locale: str
    locale_alternates: list
    site_name: str = ""
    og_type: str = "website"
    image_url: str = ""
    image_alt: str = ""
    image_width: int | None = None
    image_height: int | None = None
    # True when the image is the page's own (a wide picture), not the default mark.
    own_image: bool = False
    json_ld: list = field(default_factory=list)

    @property
    def twitter_card(self):
        return "summary_large_image" if self.own_image else "summary"

    @property
    def json_ld_script(self):
        """JSON-LD as text safe inside <script type="application/ld+json">: `<`, `>` and `&`
        are escaped so no value can close the element."""
        if not self.json_ld:
            return ""
        data = self.json_ld[0] if len(self.json_ld) == 1 else self.json_ld
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
        return mark_safe(text)  # noqa: S308 - escaped above


def organisation_data(organisation, language):
    """schema.org Organization for the publisher of every page."""
    root = site_root_url()
    data = {
        "@type": "Organization",
        "@id": f"{root}/#organisation",
        "name": organisation.name if organisation else settings.WAGTAIL_SITE_NAME,
        "url": f"{root}/{language}/",
        "logo": absolute_url(static(DEFAULT_IMAGE)),
    }
    return data


def _page_image(page):
    """(image, alt text) a page is shared with, or (None, "")."""
    image = getattr(page, "og_image", None) or getattr(page, "social_image", None)
    if image is None:
        return None, ""
    alt = getattr(page, "og_image_alt", None)
    if alt is None:
        alt = image.default_alt_text
    return image, alt or image.title


def link_card(request, page=None, organisation=None, title=""):
    """The card of `page` (a Wagtail page) or of a plain view (page=None) at this address."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    site_name = organisation.name if organisation else settings.WAGTAIL_SITE_NAME
    alternates = [
        OG_LOCALES.get(code, code)
        for code, _url in languages.hreflang_alternates(request, page)
        if code not in ("x-default", language)
    ]
    if isinstance(page, Page):
        url = page_url(page, request)
        specific = page.specific if type(page) is Page else page
        page = specific
        if hasattr(page, "social_title"):
            title = page.social_title(organisation)
        else:
            title = page.seo_title or page.title
        if hasattr(page, "get_social_description"):
            description = page.get_social_description()
        else:
            description = page.search_description
    else:
        url = absolute_url(request.path)
        description = ""
    if not description and organisation is not None:
        description = organisation.tagline
    card = LinkCard(
        title=title,
        description=plain_text(description),
        url=url,
        locale=OG_LOCALES.get(language, language),
        locale_alternates=alternates,
        site_name=site_name,
    )
    if isinstance(page, Page):
        card.og_type = getattr(page, "og_type", "website")
    image, alt = _page_image(page) if isinstance(page, Page) else (None, "")
    if image is not None:
        rendition = image.get_rendition(SOCIAL_RENDITION)
        card.image_url = absolute_url(rendition.url)
        card.image_alt = alt
        card.image_width, card.image_height = rendition.width, rendition.height
        card.own_image = True
    else:
        card.image_url = absolute_url(static(DEFAULT_IMAGE))
        card.image_alt = site_name
        card.image_width, card.image_height = DEFAULT_IMAGE_SIZE
    publisher = organisation_data(organisation, language)
    if isinstance(page, Page) and hasattr(page, "structured_data"):
        card.json_ld = page.structured_data(card, publisher)
    else:
        card.json_ld = [
            {
                "@context": "https://schema.org",
                "@type": "WebPage",
                "name": title,
                "url": url,
                "inLanguage": language,
                "publisher": publisher,
            }
        ]
    return card


def webpage_data(card, publisher, page, type_="WebPage", **extra):
    """A schema.org WebPage-like node for `page`, with its language and publisher."""
    data = {
        "@context": "https://schema.org",
        "@type": type_,
        "name": card.title,
        "url": card.url,
        "inLanguage": page.locale.language_code,
        "publisher": publisher,
    }
    if card.description:
        data["description"] = card.description
    data.update(extra)
    return data
