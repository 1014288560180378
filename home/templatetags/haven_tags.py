"""Template tags for the site chrome: language switcher and hreflang alternates."""

from django import template

from home import languages

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context, page=None):
    return languages.language_links(context["request"], page)


@register.simple_tag(takes_context=True)
def hreflang_alternates(context, page=None):
    return languages.hreflang_alternates(context["request"], page)
