"""Template tags for the site chrome: language switcher and hreflang alternates."""

from django import template

from home import i18n

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context, page=None):
    return i18n.language_links(context["request"], page)


@register.simple_tag(takes_context=True)
def hreflang_alternates(context, page=None):
    return i18n.hreflang_alternates(context["request"], page)
