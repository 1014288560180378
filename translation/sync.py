"""Keep the translator's previous Spanish when the English changes.

After a sync, a changed English string is a new string with no translation, and
wagtail-localize's editor shows an empty box. Where the change is unambiguous (one
field, or one rich-text field, where exactly one old string was replaced by exactly one
new one) the old Spanish is put in the box, flagged as needing review: it is neither
counted as translated nor used on the page until the translator saves it.

The same goes for a script or message translated as one text before it was offered line
by line (translation/segments.py): when the old Spanish has as many lines as the new
segments, each line is put in its box.
"""

from collections import defaultdict

from django.utils.translation import gettext
from wagtail_localize.models import StringTranslation
from wagtail_localize.strings import StringValue

from translation.segments import text_lines


def carry_over_previous_translations(translation):
    """Prefill changed strings with their previous Spanish; returns how many were added."""
    locale_id = translation.target_locale_id
    segments = list(translation.source.stringsegment_set.select_related("string").order_by("order"))
    if not segments:
        return 0
    used = {(s.string_id, s.context_id) for s in segments}
    contexts = {s.context_id for s in segments}
    existing = list(
        StringTranslation.objects.filter(locale_id=locale_id, context_id__in=contexts).only(
            "translation_of_id", "context_id", "data"
        )
    )
    present = {(t.translation_of_id, t.context_id) for t in existing}
    untranslated = defaultdict(list)
    for segment in segments:
        if (segment.string_id, segment.context_id) not in present:
            untranslated[segment.context_id].append(segment)
    stale = defaultdict(list)
    for string_translation in existing:
        if (string_translation.translation_of_id, string_translation.context_id) not in used:
            stale[string_translation.context_id].append(string_translation)

    added = 0
    for context_id, waiting in untranslated.items():
        previous = stale.get(context_id, [])
        if len(previous) != 1:
            continue  # ambiguous: leave the box empty rather than guess
        if len(waiting) == 1:
            prefills = [previous[0].data]
        else:
            lines = text_lines(StringValue(previous[0].data).render_text())
            if len(lines) != len(waiting):
                continue
            prefills = [StringValue.from_plaintext(line).data for line in lines]
        for segment, data in zip(waiting, prefills, strict=True):
            StringTranslation.objects.create(
                translation_of_id=segment.string_id,
                context_id=context_id,
                locale_id=locale_id,
                data=data,
                translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
                has_error=True,
                field_error=gettext(
                    "The English changed. Your previous Spanish is shown: update it and save."
                ),
            )
            added += 1
    return added
