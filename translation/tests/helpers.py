"""Helpers for translation tests, shared with the stories and actions test modules.

`translatable_segments(instance)` is what a translator would see for `instance` in
wagtail-localize's editor: use it to pin an allowlist, so a new field that leaks into
(or drops out of) translation fails a test.
"""

from wagtail.models import Page
from wagtail_localize.models import TranslationSource


def translatable_segments(instance):
    """Sorted (field path, source string) pairs of `instance`'s translatable segments."""
    if isinstance(instance, Page):
        instance = instance.specific
    source, _ = TranslationSource.update_or_create_from_instance(instance)
    return sorted(
        (segment.context.path, segment.string.data)
        for segment in source.stringsegment_set.select_related("context", "string")
    )


def translatable_paths(instance):
    """Just the field paths of `translatable_segments`, for allowlists of fields."""
    return sorted({path for path, _string in translatable_segments(instance)})


def synchronised_paths(instance):
    """Field paths shown to translators as synchronised values they may override."""
    if isinstance(instance, Page):
        instance = instance.specific
    source, _ = TranslationSource.update_or_create_from_instance(instance)
    return sorted(s.context.path for s in source.overridablesegment_set.select_related("context"))


def put_string(client, translation, segment, value):
    """Save one string through wagtail-localize's editor API, as the editor's JS does."""
    from urllib.parse import urlencode

    from django.urls import reverse

    return client.put(
        reverse("wagtail_localize:edit_string_translation", args=[translation.id, segment.id]),
        urlencode({"value": value}),
        content_type="application/x-www-form-urlencoded",
    )
