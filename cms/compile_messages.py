"""Compile every locale/**/django.po into django.mo with polib.

Django's compilemessages needs GNU gettext's msgfmt, which a fresh machine may lack; polib
is pure Python, so `make demo` works with nothing but Python. It also refuses to compile
a catalogue with untranslated or fuzzy entries when called with --strict (used by CI).
"""

import sys
from pathlib import Path

import polib

BASE_DIR = Path(__file__).resolve().parent.parent


def catalogues():
    return sorted(BASE_DIR.glob("locale/*/LC_MESSAGES/django.po"))


def problems(po):
    """Untranslated and fuzzy entries, described for a person to fix."""
    found = []
    for entry in po:
        if entry.obsolete:
            continue
        if "fuzzy" in entry.flags:
            found.append(f"fuzzy: {entry.msgid!r}")
        elif not entry.translated():
            found.append(f"untranslated: {entry.msgid!r}")
    return found


def main(argv):
    strict = "--strict" in argv
    failed = False
    for path in catalogues():
        po = polib.pofile(str(path))
        issues = problems(po)
        if strict and issues:
            failed = True
            print(f"{path.relative_to(BASE_DIR)} has {len(issues)} problem(s):")
            for issue in issues:
                print(f"  {issue}")
        po.save_as_mofile(str(path.with_suffix(".mo")))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
