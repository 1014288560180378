"""Template tags for the site chrome: language switcher and hreflang alternates."""

import re

from django import template

from home import languages

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context, page=None):
    return languages.language_links(context["request"], page)


@register.simple_tag(takes_context=True)
def hreflang_alternates(context, page=None):
    return languages.hreflang_alternates(context["request"], page)


@register.simple_tag(takes_context=True)
def link_card(context, page=None, title=""):
    """The page's link card (description, canonical, Open Graph, X card, JSON-LD)."""
    from home.seo import link_card as build

    return build(context["request"], page, context.get("organisation"), title=str(title))


@register.filter
def absolute(url):
    """A site-relative URL made absolute from the one site root (home/links.py)."""
    from home.links import absolute_url

    return absolute_url(str(url)) if url else url


@register.filter
def tel(phone):
    """`{{ number|tel }}`: an E.164 `tel:` URL for a typed phone number ("" if undiallable)."""
    from home.links import tel_url

    return tel_url(phone)


_LEADING_ARTICLE = re.compile(r"^(The|La|El|Los|Las)(?=\s+\S)")


@register.filter
def mid_sentence(name):
    """A name as it reads inside a sentence: "The K. family" → "the K. family",
    "La familia K." → "la familia K." (so "Actúe por la familia K.", never "por La")."""
    return _LEADING_ARTICLE.sub(lambda m: m.group(1).lower(), str(name or ""))
