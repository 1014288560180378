"""Template tag for the "Submit for review" button in the translation editor's header."""

from django import template

from translation.review import review_button

register = template.Library()


@register.simple_tag(takes_context=True)
def translation_review_url(context, page):
    """The submit-for-review URL when the current user may send `page` for review, else ""."""
    request = context.get("request")
    if request is None or page is None or getattr(page, "pk", None) is None:
        return ""
    button = review_button(page, request.user)
    return button.url if button is not None else ""
