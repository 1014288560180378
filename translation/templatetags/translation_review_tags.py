"""Template tags for the translation editor: the "Submit for review" button in its header,
and its actions trimmed to what a translator may do."""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder

from translation.permissions import is_translator_only
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


@register.filter
def without_offline_actions(props, user):
    """wagtail-localize's editor props minus "Convert to alias page", "Delete",
    "Unpublish" and "Publish" for a translator (they are refused server-side too).

    The editor offers "Convert to alias page" to anyone who may edit (wagtail-localize
    only checks edit permission), which takes the translated page off the Spanish site.
    """
    if not is_translator_only(user):
        return props
    data = json.loads(props)
    data.setdefault("links", {})["convertToAliasUrl"] = None
    data["links"]["deleteUrl"] = None
    perms = data.setdefault("perms", {})
    perms.update(canDelete=False, canUnpublish=False, canPublish=False)
    return json.dumps(data, cls=DjangoJSONEncoder)


@register.filter
def translator_only(user):
    """True for a translator who is not also an editor (the editor hides what they may
    not use)."""
    return is_translator_only(user)
