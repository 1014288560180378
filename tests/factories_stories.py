"""Factories for case stories (and the urgent actions they link to, for story tests)."""

import datetime
import io

import factory
import wagtail_factories
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images import get_image_model

from actions.models import UrgentActionPage
from stories.models import CaseIndexPage, CaseStoryAction, CaseStoryPage, CaseUpdate, ConsentRecord
from tests import factories_actions
from tests.factories_actions import ActionIndexPageFactory  # noqa: F401  (re-exported for story tests)


class CaseIndexPageFactory(wagtail_factories.PageFactory):
    title = "Case stories"
    slug = "cases"
    intro = "The people behind each action."

    class Meta:
        model = CaseIndexPage


class CaseStoryPageFactory(wagtail_factories.PageFactory):
    """A live story; `consent=True` (default) also records story consent for it."""

    title = factory.Sequence(lambda n: f"Story {n}")
    slug = factory.Sequence(lambda n: f"story-{n}")
    display_name = "Rosa"
    country_of_origin = "HN"
    category = CaseStoryPage.Category.DETENTION
    status = CaseStoryPage.Status.ACTIVE
    summary = "Held for months without a hearing."
    first_published_at = factory.LazyFunction(
        lambda: datetime.datetime(2026, 1, 1, 12, tzinfo=datetime.UTC)
    )

    class Meta:
        model = CaseStoryPage
        skip_postgeneration_save = True

    @factory.post_generation
    def consent(obj, create, extracted, **kwargs):
        if create and extracted is not False:
            ConsentRecord.objects.create(
                story_key=obj.translation_key,
                given_by="R.",
                covers_story=True,
                covers_photo=kwargs.get("photo", True),
                covers_name=kwargs.get("name", False),
            )


class CaseUpdateFactory(factory.django.DjangoModelFactory):
    page = factory.SubFactory(CaseStoryPageFactory)
    date = datetime.date(2026, 2, 1)
    headline = factory.Sequence(lambda n: f"Update {n}")
    body = "<p>A hearing was scheduled.</p>"
    locale = factory.LazyAttribute(lambda o: o.page.locale)

    class Meta:
        model = CaseUpdate


class ConsentRecordFactory(factory.django.DjangoModelFactory):
    story_key = factory.LazyAttribute(lambda o: o.story.translation_key)
    given_by = "R."
    covers_story = True

    class Meta:
        model = ConsentRecord
        exclude = ["story"]

    story = None


class UrgentActionPageFactory(factories_actions.UrgentActionPageFactory):
    """An action as stories see it: no deadline, goal or ways to act unless a test sets them."""

    title = factory.Sequence(lambda n: f"Action {n}")
    slug = factory.Sequence(lambda n: f"action-{n}")
    summary = "Ask the field office to release her."
    status = UrgentActionPage.Status.OPEN
    deadline = None
    signature_goal = None
    ways_to_act = factory.LazyFunction(list)


def link_action(story, action, sort_order=0):
    return CaseStoryAction.objects.create(page=story, action=action, sort_order=sort_order)


def make_image(title="Illustration", colour=(200, 120, 60)):
    """A small real PNG as a Wagtail image (renditions need real pixels)."""
    buffer = io.BytesIO()
    PILImage.new("RGB", (80, 60), colour).save(buffer, "PNG")
    return get_image_model().objects.create(
        title=title, file=ImageFile(buffer, name=f"{title.lower().replace(' ', '-')}.png")
    )


# Bilingual set-up helpers ------------------------------------------------------------------

INDEX_ES = {
    "Case stories": "Historias de casos",
    "cases": "casos",
    "The people behind each action.": "Las personas detrás de cada acción.",
}
ACTIONS_ES = {"Urgent actions": "Acciones urgentes", "actions": "acciones"}


def translate_page(page, locale, strings, capture):
    """Translate and publish through wagtail-localize (its publish runs on commit)."""
    from translation.builders import translate

    with capture(execute=True):
        translate(page, locale, strings)
    return page.get_translation(locale).specific
