"""Translating content through wagtail-localize from code.

The demo loader (and tests) use this so that the Spanish site is made of real translation
records, exactly as if a translator had typed each string into the translation editor.
"""

import json

from wagtail.models import Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource
from wagtail_localize.strings import StringValue


class Glossary(dict):
    """English → Spanish pairs collected while demo content is written.

    Content is written once with `g("English", "Español")`, which returns the English for
    the page and remembers the Spanish for the translation step.
    """

    def __call__(self, english, spanish):
        self[english] = spanish
        return english


def _with_lines(strings):
    """`strings` plus the line-by-line pairs of its multi-line entries.

    Scripts and messages reach translators one line at a time (translation/segments.py);
    content written as whole texts ("Hello…\n\nI live…") is matched line by line when
    both languages have the same number of lines.
    """
    from translation.segments import text_lines

    expanded = dict(strings)
    for source, target in strings.items():
        if "\n" not in source:
            continue
        source_lines, target_lines = text_lines(source), text_lines(target)
        if len(source_lines) == len(target_lines):
            for line, translated in zip(source_lines, target_lines, strict=True):
                expanded.setdefault(line, translated)
    return expanded


def _lookup(strings, data):
    """The translation of a segment's string, also when it was written as plain text.

    A plain-text segment is stored as escaped HTML (wagtail-localize turns "&" into
    "&amp;" and line breaks into `<br/>`); content written as plain text (e-mail
    templates, call scripts) is matched through its plain-text form.
    """
    if data in strings:
        return strings[data]
    plain = strings.get(StringValue(data).render_text())
    if plain is not None:
        return StringValue.from_plaintext(plain).data
    return None


def translate(instance, locale, strings, *, publish=True, user=None):
    """Create or refresh the `locale` translation of `instance` from `strings` (source → target).

    Strings missing from `strings` stay untranslated, so a page can be left "in progress"
    with `publish=False`. Nothing is saved when neither the source nor a string changed,
    so running the demo loader twice adds no revisions. Returns the Translation record.

    wagtail-localize publishes pages in `transaction.on_commit`: inside a test's
    transaction wrap the call in `django_capture_on_commit_callbacks(execute=True)`.
    """
    if isinstance(instance, Page):
        instance = instance.specific
    strings = _with_lines(strings)
    source, source_changed = _source_for(instance)
    translation, created = Translation.objects.get_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    changed = source_changed or created
    segments = StringSegment.objects.filter(source=source).select_related("string", "context")
    for segment in segments:
        target = _lookup(strings, segment.string.data)
        if target is None:
            continue
        existing = StringTranslation.objects.filter(
            translation_of=segment.string, locale=locale, context=segment.context
        ).first()
        if existing is not None and existing.data == target:
            continue
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={
                "data": target,
                "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
                "last_translated_by": user,
            },
        )
        changed = True
    target_instance = instance.get_translation_or_none(locale)
    if target_instance is None:
        changed = True
    elif publish and isinstance(target_instance, Page) and not target_instance.live:
        changed = True
    if changed:
        if publish:
            translation.save_target(user=user, publish=True)
        else:
            # A draft must never reach the live Spanish page with English stand-ins.
            from translation.review import save_draft_revision

            save_draft_revision(translation, user)
    return translation


def _source_for(instance):
    """The translation source of `instance`, refreshed; True when it is new or changed."""
    # Compare against the stored object, not an in-memory copy whose revision fields
    # may lag behind the database and make an unchanged page look changed.
    instance = type(instance).objects.get(pk=instance.pk)
    existing = TranslationSource.objects.get_for_instance_or_none(instance)
    if existing is None:
        source, _ = TranslationSource.get_or_create_from_instance(instance)
        return source, True
    before = _content(existing.content_json)
    source, _ = TranslationSource.update_or_create_from_instance(instance)
    return source, _content(source.content_json) != before


# Tree and revision bookkeeping that changes when pages are added elsewhere, not content.
_VOLATILE = {
    "numchild",
    "path",
    "depth",
    "url_path",
    "latest_revision",
    "latest_revision_created_at",
    "live_revision",
    "last_published_at",
    "has_unpublished_changes",
    "draft_title",
}


def _content(content_json):
    return {k: v for k, v in json.loads(content_json).items() if k not in _VOLATILE}


def missing_strings(instance, locale):
    """Source strings of `instance` with no translation into `locale` (for tests and checks)."""
    source = TranslationSource.objects.get_for_instance(instance)
    segments = StringSegment.objects.filter(source=source).annotate_translation(locale)
    return [s.string.data for s in segments.select_related("string") if s.translation is None]
