"""A small bilingual case for reader, editor and translator journeys: one story featured on
the home page, linked to an open urgent action (sign the letter, call your officials by ZIP
code) and to a closed one, every page translated into Spanish through wagtail-localize,
and the built-in fictional officials loaded for the call step.

Readers find their way by what they see, so the texts readers read are kept here, in both
languages, for the tests to look for.
"""

import datetime
from types import SimpleNamespace

from django.utils import timezone

# --- What readers read ----------------------------------------------------------------------

STORY = {
    "title": ("Rosa and her son: held at the border", "Rosa y su hijo: detenidos en la frontera"),
    "slug": ("rosa", "rosa"),
    "display_name": ("Rosa", "Rosa"),
    "summary": (
        "A mother and her nine-year-old son asked for asylum and have waited four months.",
        "Una madre y su hijo de nueve años pidieron asilo y llevan cuatro meses esperando.",
    ),
    "current_location": ("A family detention centre in Texas", "Un centro de detención en Texas"),
    "paragraph": (
        "Rosa left Honduras after threats against her son. At the border they asked for "
        "protection, as the law allows.",
        "Rosa salió de Honduras tras amenazas contra su hijo. En la frontera pidieron "
        "protección, como lo permite la ley.",
    ),
    "update_headline": ("Hearing moved to March", "La audiencia pasó a marzo"),
    "update_body": (
        "The court moved the hearing without explanation.",
        "El tribunal cambió la audiencia sin explicación.",
    ),
}

ACTION = {
    "title": ("Release Rosa and her son", "Liberen a Rosa y a su hijo"),
    "slug": ("release-rosa", "liberen-a-rosa"),
    "summary": (
        "Ask the field office director to release the family on parole.",
        "Pida al director de la oficina local que libere a la familia bajo palabra.",
    ),
    "sign_heading": ("Sign the letter", "Firme la carta"),
    "introduction": (
        "Add your name before the hearing.",
        "Agregue su nombre antes de la audiencia.",
    ),
    "greeting": ("Dear Director,", "Estimado director:"),
    "letter": (
        "We ask you to release Rosa and her son while their case is heard.",
        "Le pedimos que libere a Rosa y a su hijo mientras se decide su caso.",
    ),
    "demand_1": ("Release the family on parole.", "Libere a la familia bajo palabra."),
    "demand_2": ("Restore their access to counsel.", "Restablezca su acceso a un abogado."),
    "closing": ("Sincerely,", "Atentamente,"),
    "call_heading": ("Call your members of Congress", "Llame a sus legisladores"),
    "script": (
        "Hello {official}, my name is {first_name} and I live in {city}. "
        "Please ask the field office to release Rosa and her son.",
        "Hola, {official}. Me llamo {first_name} y vivo en {city}. "
        "Pida a la oficina local que libere a Rosa y a su hijo.",
    ),
}

CLOSED = {
    "title": ("Stop Rosa's transfer", "Detengan el traslado de Rosa"),
    "slug": ("stop-the-transfer", "detengan-el-traslado"),
    "summary": (
        "Ask the agency not to move the family far from their lawyer.",
        "Pida a la agencia que no traslade a la familia lejos de su abogada.",
    ),
    "sign_heading": ("Sign the letter", "Firme la carta"),
    "letter": (
        "Please keep the family near their lawyer.",
        "Mantenga a la familia cerca de su abogada.",
    ),
    "outcome": (
        "The transfer was cancelled after 2,400 letters. Thank you.",
        "El traslado se canceló tras 2400 cartas. Gracias.",
    ),
}

# Signatures already given before the reader arrives, so "the new count" is a change.
EARLIER_SIGNATURES = 2
GOAL = 100

# A ZIP code of the built-in fictional officials with exactly one district (MD-1).
SINGLE_DISTRICT_ZIP = "21201"


def _pairs(*tables):
    """English → Spanish for wagtail-localize, from (English, Spanish) tables."""
    strings = {}
    for table in tables:
        for english, spanish in table.values():
            strings[english] = spanish
    return strings


def en(table, key):
    return table[key][0]


def es(table, key):
    return table[key][1]


def text(table, key, lang):
    return table[key][0 if lang == "en" else 1]


# --- Building it ------------------------------------------------------------------------------


def _letter(table, *, demands=True):
    value = {
        "heading": en(table, "sign_heading"),
        "introduction": en(table, "introduction") if "introduction" in table else "",
        "letter": (
            f"<p>{en(table, 'greeting')}</p><p>{en(table, 'letter')}</p>"
            if "greeting" in table
            else f"<p>{en(table, 'letter')}</p>"
        ),
        "demands": [en(table, "demand_1"), en(table, "demand_2")] if demands else [],
        "closing": en(table, "closing") if "closing" in table else "",
    }
    return value


def build_case(pages, capture):
    """Add the case to `bilingual_pages` (tests/browser/conftest.py); returns what tests need."""
    from actions.models import UrgentActionPage
    from home.models import HomeFeaturedStory
    from officials.demo import BUILT_IN
    from officials.importers import import_officials, import_zip_districts
    from stories.models import CaseStoryAction, CaseStoryPage, CaseUpdate, ConsentRecord
    from tests.factories_actions import ActionResponseFactory
    from translation.builders import missing_strings, translate

    spanish = pages.home_es.locale

    import_officials(BUILT_IN / "sample-members.json", BUILT_IN / "sample-member-offices.json")
    import_zip_districts(BUILT_IN / "sample-zip-districts.csv")

    action = pages.actions.add_child(
        instance=UrgentActionPage(
            title=en(ACTION, "title"),
            slug=en(ACTION, "slug"),
            summary=en(ACTION, "summary"),
            status=UrgentActionPage.Status.OPEN,
            deadline=timezone.now() + datetime.timedelta(days=10),
            signature_goal=GOAL,
            ways_to_act=[
                ("sign", _letter(ACTION)),
                (
                    "call",
                    {
                        "heading": en(ACTION, "call_heading"),
                        "recipients": "zip",
                        "script": en(ACTION, "script"),
                        "numbers": [],
                    },
                ),
            ],
        )
    )
    closed = pages.actions.add_child(
        instance=UrgentActionPage(
            title=en(CLOSED, "title"),
            slug=en(CLOSED, "slug"),
            summary=en(CLOSED, "summary"),
            status=UrgentActionPage.Status.CLOSED,
            signature_goal=GOAL,
            outcome_message=f"<p>{en(CLOSED, 'outcome')}</p>",
            ways_to_act=[("sign", _letter(CLOSED, demands=False))],
        )
    )
    # Published as an editor publishes them (a revision, then Publish), so the source page's
    # `page_published` records the shared campaign state (home/shared_state.py) before any
    # translation exists. A page only saved live by `add_child` fires no publish: the state
    # would first be recorded when the Spanish page is published, newer than that page, and
    # the Spanish reader would get the English outcome as "not translated yet".
    for page in (action, closed):
        with capture(execute=True):
            page.save_revision().publish()

    story = CaseStoryPage(
        title=en(STORY, "title"),
        slug=en(STORY, "slug"),
        display_name=en(STORY, "display_name"),
        country_of_origin="HN",
        category=CaseStoryPage.Category.DETENTION,
        status=CaseStoryPage.Status.ACTIVE,
        summary=en(STORY, "summary"),
        current_location=en(STORY, "current_location"),
        body=[("paragraph", f"<p>{en(STORY, 'paragraph')}</p>")],
    )
    story.updates = [
        CaseUpdate(
            date=datetime.date(2026, 2, 3),
            headline=en(STORY, "update_headline"),
            body=f"<p>{en(STORY, 'update_body')}</p>",
        )
    ]
    story.linked_actions = [
        CaseStoryAction(action=action, sort_order=0),
        CaseStoryAction(action=closed, sort_order=1),
    ]
    pages.cases.add_child(instance=story)
    ConsentRecord.objects.create(story_key=story.translation_key, given_by="R.", covers_story=True)
    story.save_revision().publish()

    # One publish at a time, each in its own on-commit capture (see tests/actions_helpers.py).
    translated = {}
    for page, table in ((action, ACTION), (closed, CLOSED), (story, STORY)):
        strings = _pairs(table)
        with capture(execute=True):
            translate(page, spanish, strings)
        missing = missing_strings(page, spanish)
        assert not missing, f"untranslated strings in {page.title!r}: {missing}"
        translated[page.pk] = page.get_translation(spanish).specific

    # Pinned on both home pages; each resolves the story in its reader's language.
    HomeFeaturedStory.objects.create(home=pages.home, page=story, sort_order=0)
    HomeFeaturedStory.objects.create(home=pages.home_es, page=story, sort_order=0)

    for _ in range(EARLIER_SIGNATURES):
        ActionResponseFactory(action_key=action.translation_key, page=action)

    base = pages.site_url
    story_es, action_es, closed_es = (
        translated[story.pk],
        translated[action.pk],
        translated[closed.pk],
    )
    return SimpleNamespace(
        story={"en": story, "es": story_es},
        action={"en": action, "es": action_es},
        closed={"en": closed, "es": closed_es},
        url={
            lang: {
                "story": base + page_story.url,
                "action": base + page_action.url,
                "closed": base + page_closed.url,
                "representatives": f"{base}/{lang}/representatives/",
            }
            for lang, page_story, page_action, page_closed in (
                ("en", story, action, closed),
                ("es", story_es, action_es, closed_es),
            )
        },
    )
