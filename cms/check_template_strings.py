"""Fail when a template shows text that is not marked for translation.

Every word a reader sees must come through gettext so the Spanish site is Spanish. This
reads each project template with Django's own template lexer, keeps the literal text
outside template tags (and outside {% blocktranslate %} / {% comment %}), removes HTML
markup, and reports any remaining text with letters in it, plus the human-facing
attributes (alt, title, aria-label, placeholder, and the content of description meta
tags). Run `python -m cms.check_template_strings`; the test suite runs it too.
"""

import re
import sys
from html.parser import HTMLParser
from pathlib import Path

from django.template.base import Lexer, TokenType

BASE_DIR = Path(__file__).resolve().parent.parent
TEMPLATE_DIRS = [BASE_DIR / "templates", *sorted(BASE_DIR.glob("*/templates"))]
EXTENSIONS = {".html", ".txt"}

# Intentionally bilingual or never seen by readers.
ALLOWLIST = {
    "500.html",  # rendered without Django's i18n machinery, so it carries both languages
}
ALLOWED_PREFIXES = ("wagtailadmin/",)  # overrides of Wagtail admin screens

# Names that are the same in every language.
# Product and format names are the same in every language.
PROPER_NAMES = {"Haven", "WhatsApp", "Bluesky", "X", "Facebook", "RSS", "Atom"}
HUMAN_ATTRIBUTES = {"alt", "title", "aria-label", "placeholder"}
DESCRIPTIVE_META = {"description", "og:title", "og:description", "twitter:title"}
SKIPPED_ELEMENTS = {"script", "style"}
LETTERS = re.compile(r"[^\W\d_]")
# Stands in for {{ variables }} and {% tags %} so markup split by them still parses.
MARK = "\ue000"

OPENING_SKIPS = {
    "blocktranslate": "endblocktranslate",
    "blocktrans": "endblocktrans",
    "comment": "endcomment",
    "verbatim": "endverbatim",
}


def literal_text(source):
    """The template with template syntax replaced by MARK and translated blocks removed."""
    parts = []
    closing = None
    for token in Lexer(source).tokenize():
        if token.token_type == TokenType.BLOCK:
            name = token.contents.split(" ", 1)[0] if token.contents else ""
            if closing is not None:
                if name == closing:
                    closing = None
                continue
            if name in OPENING_SKIPS:
                closing = OPENING_SKIPS[name]
            elif name == "block" and token.contents.split()[-1].endswith(("class", "_id")):
                # {% block body_class %}page-home{% endblock %}: an attribute value.
                closing = "endblock"
            parts.append(MARK)
        elif closing is not None:
            continue
        elif token.token_type == TokenType.TEXT:
            parts.append(token.contents)
        elif token.token_type == TokenType.VAR:
            parts.append(MARK)
    return "".join(parts)


class _Finder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []
        self.skipping = 0

    def _check(self, text):
        text = text.replace(MARK, " ").strip()
        if text in PROPER_NAMES:
            return
        if LETTERS.search(text):
            self.found.append((self.getpos()[0], " ".join(text.split())))

    def handle_starttag(self, tag, attrs):
        if tag in SKIPPED_ELEMENTS:
            self.skipping += 1
        values = dict(attrs)
        for name, value in attrs:
            if value is None:
                continue
            if name in HUMAN_ATTRIBUTES:
                self._check(value)
            elif name == "content" and tag == "meta":
                kind = values.get("name") or values.get("property") or ""
                if kind in DESCRIPTIVE_META:
                    self._check(value)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag in SKIPPED_ELEMENTS:
            self.skipping -= 1

    def handle_endtag(self, tag):
        if tag in SKIPPED_ELEMENTS and self.skipping:
            self.skipping -= 1

    def handle_data(self, data):
        if not self.skipping:
            self._check(data)


def untranslated_strings(source):
    """(line, text) pairs of visible text not marked for translation."""
    finder = _Finder()
    finder.feed(literal_text(source))
    finder.close()
    return finder.found


def template_files():
    for directory in TEMPLATE_DIRS:
        for path in sorted(directory.rglob("*")):
            if path.suffix not in EXTENSIONS or not path.is_file():
                continue
            name = path.relative_to(directory).as_posix()
            if name in ALLOWLIST or name.startswith(ALLOWED_PREFIXES):
                continue
            yield path


def problems():
    found = []
    for path in template_files():
        for line, text in untranslated_strings(path.read_text(encoding="utf-8")):
            found.append(f"{path.relative_to(BASE_DIR)}:{line}: {text!r}")
    return found


def main():
    found = problems()
    for problem in found:
        print(problem)
    if found:
        print(f"{len(found)} template string(s) not marked for translation.")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
