"""Keep `{placeholders}` intact through translation.

Call scripts and email templates are filled in per reader ("Dear {official}, I live in
{city}"). A Spanish string that drops, renames or adds a placeholder would send a broken
script, so such a translation is stored flagged as an error (wagtail-localize then shows
the message next to the string in its editor and leaves it out of the page) and a
translation holding one cannot be published or submitted for review.

The rule is generic: any source string containing `{name}` placeholders, on any model,
translated from either language. The source text itself is checked where it is written
(`unknown_placeholder_errors`, used by the blocks that fill placeholders in).
"""

import difflib
import re

from django.utils.translation import gettext

PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


def placeholders(text):
    return {f"{{{name}}}" for name in PLACEHOLDER.findall(text or "")}


# Placeholders that stand for the same value in another grammatical form: a translation
# may use either where the source has one ("Calling {official}" → "Llamo a {the_official}").
SAME_VALUE = {"{the_official}": "{official}"}


def _comparable(found):
    return {SAME_VALUE.get(name, name) for name in found}


def _source_messages(source_language):
    """The two messages, naming the language the translation is made from."""
    if source_language == "es":
        return (
            gettext("The placeholder %(name)s is missing. Copy it exactly from the Spanish text."),
            gettext(
                "The placeholder %(name)s is not in the Spanish text. Use only the "
                "placeholders of the Spanish text."
            ),
        )
    return (
        gettext("The placeholder %(name)s is missing. Copy it exactly from the English text."),
        gettext(
            "The placeholder %(name)s is not in the English text. Use only the placeholders "
            "of the English text."
        ),
    )


def placeholder_problems(source, translated, source_language="en"):
    """Messages for each placeholder the translation lost or invented, in a stable order.

    `source_language` is the language code of the text translated from: either language
    can come first.
    """
    expected, found = _comparable(placeholders(source)), _comparable(placeholders(translated))
    missing, invented = _source_messages((source_language or "en").split("-")[0])
    problems = [missing % {"name": name} for name in sorted(expected - found)]
    problems += [invented % {"name": name} for name in sorted(found - expected)]
    return problems


def unknown_placeholder_errors(text, known):
    """Messages for `{placeholders}` in `text` that are not among `known` (names without
    braces): a typo such as {officail} would otherwise reach readers literally."""
    allowed = [f"{{{name}}}" for name in known]
    errors = []
    for name in sorted(placeholders(text) - set(allowed)):
        guess = difflib.get_close_matches(name, allowed, n=1)
        message = gettext(
            "%(name)s is not a placeholder. The placeholders you can use are: %(known)s."
        ) % {"name": name, "known": ", ".join(allowed)}
        if guess:
            message += " " + gettext("Did you mean %(guess)s?") % {"guess": guess[0]}
        errors.append(message)
    return errors


def flag_placeholder_mismatch(sender, instance, raw=False, update_fields=None, **kwargs):
    """pre_save on StringTranslation: store a mismatching translation as an error.

    Runs for the editor's string API, PO uploads, machine translation and code alike,
    because all of them save StringTranslation rows.
    """
    if raw or (update_fields is not None and "data" not in update_fields):
        return
    source = instance.translation_of
    problems = placeholder_problems(source.data, instance.data, _language_of(source.locale_id))
    if problems:
        instance.has_error = True
        instance.field_error = " ".join(problems)


def _language_of(locale_id):
    from wagtail.models import Locale

    return Locale.objects.filter(pk=locale_id).values_list("language_code", flat=True).first()


def translation_placeholder_errors(translation):
    """Placeholder problems in the saved strings of one Translation (source + locale)."""
    segments = (
        translation.source.stringsegment_set.annotate_translation(
            translation.target_locale_id, include_errors=True
        )
        .select_related("string")
        .order_by("order")
    )
    source_language = translation.source.locale.language_code
    errors = []
    for segment in segments:
        if segment.translation:
            errors += placeholder_problems(
                segment.string.data, segment.translation, source_language
            )
    return errors
