"""CI check: every visible template string is marked for translation."""

import pytest

from cms.check_template_strings import problems, untranslated_strings


def test_every_project_template_marks_its_visible_text_for_translation():
    assert problems() == []


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("<p>Sign now</p>", ["Sign now"]),
        ('<img src="{{ x }}" alt="A photo">', ["A photo"]),
        ('<a href="/en/" title="Home">{{ label }}</a>', ["Home"]),
        ('<meta name="description" content="About us">', ["About us"]),
        ('<input aria-label="Your ZIP code" name="zip">', ["Your ZIP code"]),
        ("<p>{{ count }} people</p>", ["people"]),
    ],
)
def test_unmarked_text_is_reported(source, expected):
    assert [text for _line, text in untranslated_strings(source)] == expected


@pytest.mark.parametrize(
    "source",
    [
        '{% load i18n %}<p>{% translate "Sign now" %}</p>',
        "{% blocktranslate %}Hello {{ name }}{% endblocktranslate %}",
        "{# a note #}{% comment %}Not shown{% endcomment %}<p>{{ page.title }}</p>",
        '<a href="/en/about/" class="button primary" data-x="yes">{{ label }}</a>',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<script>const label = 'ignored';</script><style>.a{color:red}</style>",
        "{% block body_class %}page-home{% endblock %}",
        "<p>{{ a }} · {{ b }} – 100%</p>",
    ],
)
def test_marked_or_technical_text_passes(source):
    assert untranslated_strings(source) == []
