"""A bilingual site with every kind of public page, translated through wagtail-localize."""

import datetime
from types import SimpleNamespace

import pytest

from tests.actions_helpers import _no_fill_delay  # noqa: F401  (autouse fixture)
from tests.factories import StandardPageFactory
from tests.factories_actions import UrgentActionPageFactory as ActionWithFormsFactory
from tests.factories_stories import (
    ACTIONS_ES,
    INDEX_ES,
    ActionIndexPageFactory,
    CaseIndexPageFactory,
    CaseStoryPageFactory,
    CaseUpdateFactory,
    UrgentActionPageFactory,
    link_action,
    make_image,
    translate_page,
)

STRINGS_ES = {
    **INDEX_ES,
    **ACTIONS_ES,
    "Free the family": "Liberen a la familia",
    "Ask the director to release them.": "Pida al director que los libere.",
    "Sign the letter": "Firme la carta",
    "Rosa's story": "La historia de Rosa",
    "Held for months without a hearing.": "Detenida durante meses sin audiencia.",
    "About us": "Quiénes somos",
    "Some words.": "Algunas palabras.",
}


@pytest.fixture
def site_pages(home, home_es, spanish, django_capture_on_commit_callbacks):
    """Home, indexes, a story with many updates and linked actions, an action with every
    way to act and a standard page, each in English and Spanish."""
    capture = django_capture_on_commit_callbacks
    cases = CaseIndexPageFactory(parent=home, show_in_menus=True)
    actions = ActionIndexPageFactory(parent=home, show_in_menus=True)
    about = StandardPageFactory(parent=home, title="About us", slug="about", show_in_menus=True)
    action = ActionWithFormsFactory(parent=actions, title="Free the family", slug="free")
    story = CaseStoryPageFactory(
        parent=cases,
        title="Rosa's story",
        slug="rosa",
        hero_image=make_image("rosa"),
        hero_image_alt="A drawing",
    )
    link_action(story, action, sort_order=0)
    for i in range(12):
        CaseUpdateFactory(page=story, date=datetime.date(2026, 1, 1) + datetime.timedelta(days=i))
        other = UrgentActionPageFactory(parent=actions, status="closed" if i % 2 else "open")
        link_action(story, other, sort_order=i + 1)
    for n in range(4):
        CaseStoryPageFactory(parent=cases, hero_image=make_image(f"s{n}"), hero_image_alt="A")
    from home.models import HomeFeaturedStory

    home.featured_stories.add(HomeFeaturedStory(page=story))
    home.save_revision().publish()
    story.save_revision().publish()  # refresh the reference index with the linked actions
    es = SimpleNamespace(home=home_es)
    for name, page in (("cases", cases), ("actions", actions), ("about", about)):
        setattr(es, name, translate_page(page, spanish, STRINGS_ES, capture))
    es.action = translate_page(action, spanish, STRINGS_ES, capture)
    es.story = translate_page(story, spanish, STRINGS_ES, capture)
    _site_settings(home, about, spanish)
    en = SimpleNamespace(
        home=home, cases=cases, actions=actions, about=about, action=action, story=story
    )
    return SimpleNamespace(en=en, es=es)


def _site_settings(home, privacy_page, spanish):
    """Settings as a real site has them: a translated organisation and a privacy page."""
    from wagtail.models import Site

    from home.models import HavenSettings, OrganisationDetails

    organisation = OrganisationDetails.objects.create(
        name="Haven", tagline="Standing with people seeking safety", locale=home.locale
    )
    translated = organisation.copy_for_translation(spanish)
    translated.tagline = "Junto a quienes buscan protección"
    translated.save()
    haven = HavenSettings.for_site(Site.objects.get(is_default_site=True))
    haven.organisation = organisation
    haven.privacy_page = privacy_page
    haven.donate_url = "https://example.org/donate"
    haven.contact_email = "hello@example.org"
    haven.save()
