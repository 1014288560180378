"""Keep `{placeholders}` intact through translation.

Call scripts and email templates are filled in per reader ("Dear {official}, I live in
{city}"). A Spanish string that drops, renames or adds a placeholder would send a broken
script, so such a translation is stored flagged as an error (wagtail-localize then shows
the message next to the string in its editor and leaves it out of the page) and a
translation holding one cannot be published or submitted for review.

The rule is generic: any source string containing `{name}` placeholders, on any model.
"""

import re

from django.utils.translation import gettext

PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


def placeholders(text):
    return {f"{{{name}}}" for name in PLACEHOLDER.findall(text or "")}


def placeholder_problems(source, translated):
    """Messages for each placeholder the translation lost or invented, in a stable order."""
    expected, found = placeholders(source), placeholders(translated)
    problems = [
        gettext("The placeholder %(name)s is missing. Copy it exactly from the English text.")
        % {"name": name}
        for name in sorted(expected - found)
    ]
    problems += [
        gettext(
            "The placeholder %(name)s is not in the English text. Use only the placeholders "
            "of the English text."
        )
        % {"name": name}
        for name in sorted(found - expected)
    ]
    return problems


def flag_placeholder_mismatch(sender, instance, raw=False, update_fields=None, **kwargs):
    """pre_save on StringTranslation: store a mismatching translation as an error.

    Runs for the editor's string API, PO uploads, machine translation and code alike,
    because all of them save StringTranslation rows.
    """
    if raw or (update_fields is not None and "data" not in update_fields):
        return
    problems = placeholder_problems(instance.translation_of.data, instance.data)
    if problems:
        instance.has_error = True
        instance.field_error = " ".join(problems)


def translation_placeholder_errors(translation):
    """Placeholder problems in the saved strings of one Translation (source + locale)."""
    segments = (
        translation.source.stringsegment_set.annotate_translation(
            translation.target_locale_id, include_errors=True
        )
        .select_related("string")
        .order_by("order")
    )
    errors = []
    for segment in segments:
        if segment.translation:
            errors += placeholder_problems(segment.string.data, segment.translation)
    return errors
