"""PO files translators download, made checkable by gettext tools.

wagtail-localize's export has no `Language` or `Plural-Forms` header and no flags, so
`msgfmt -c` and Poedit cannot tell a translator that a `{placeholder}` was dropped or
renamed. Here the export gets those headers, every entry with placeholders gets the
`python-brace-format` flag (which makes `msgfmt -c` compare placeholders), and repeated
strings with the same context are merged, as gettext tools refuse duplicates.
"""

import polib
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.text import slugify

from translation.placeholders import placeholders

# Both of Haven's languages have one singular and one plural form.
PLURAL_FORMS = {
    "en": "nplurals=2; plural=(n != 1);",
    "es": "nplurals=2; plural=(n != 1);",
}


def checkable_po(translation):
    """The translation's PO file (wagtail-localize's export) with headers and flags."""
    exported = translation.export_po()
    language = translation.target_locale.language_code
    po = polib.POFile(wrapwidth=200)
    po.metadata = {
        "Project-Id-Version": "Haven",
        "Language": language,
        "Plural-Forms": PLURAL_FORMS.get(language, "nplurals=2; plural=(n != 1);"),
        "X-Source-Language": translation.source.locale.language_code,
        **exported.metadata,
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
    }
    seen = set()
    for entry in exported:
        key = (entry.msgctxt, entry.msgid, entry.obsolete)
        if key in seen:
            continue  # the same string twice in one field: one translation serves both
        seen.add(key)
        if placeholders(entry.msgid) and "python-brace-format" not in entry.flags:
            entry.flags.append("python-brace-format")
        po.append(entry)
    return po


def download_pofile(request, translation_id):
    """wagtail-localize's "Download PO file", with `checkable_po`'s headers and flags."""
    from wagtail_localize.models import Translation
    from wagtail_localize.views.edit_translation import user_can_edit_instance

    translation = get_object_or_404(Translation, id=translation_id)
    if not user_can_edit_instance(request.user, translation.get_target_instance()):
        raise PermissionDenied
    response = HttpResponse(
        str(checkable_po(translation)), content_type="text/x-gettext-translation"
    )
    name = slugify(translation.source.object_repr)
    response["Content-Disposition"] = (
        f"attachment; filename={name}-{translation.target_locale.language_code}.po"
    )
    return response
