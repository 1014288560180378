"""Query counts of story and index pages do not grow with updates, actions or stories."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories_stories import (
    ActionIndexPageFactory,
    CaseIndexPageFactory,
    CaseStoryPageFactory,
    CaseUpdateFactory,
    UrgentActionPageFactory,
    link_action,
    make_image,
)

pytestmark = pytest.mark.django_db


def _count(client, url):
    client.get(url)  # warm up: renditions and caches are created on first view
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def _story_with(index, actions_index, n, slug):
    story = CaseStoryPageFactory(
        parent=index, slug=slug, hero_image=make_image(slug), hero_image_alt="A drawing"
    )
    for i in range(n):
        CaseUpdateFactory(page=story, date=datetime.date(2026, 1, 1) + datetime.timedelta(days=i))
        action = UrgentActionPageFactory(parent=actions_index, status="closed" if i % 2 else "open")
        link_action(story, action, sort_order=i)
    return story


def test_story_page_queries_do_not_grow_with_updates_or_linked_actions(client, home):
    index = CaseIndexPageFactory(parent=home)
    actions = ActionIndexPageFactory(parent=home)
    _story_with(index, actions, 1, "one")
    _story_with(index, actions, 30, "thirty")
    one = _count(client, "/en/cases/one/")
    thirty = _count(client, "/en/cases/thirty/")
    assert one == thirty


def test_index_queries_do_not_grow_with_stories_on_the_page(client, home):
    index = CaseIndexPageFactory(parent=home)
    CaseStoryPageFactory(parent=index, hero_image=make_image("a"), hero_image_alt="A drawing")
    one = _count(client, "/en/cases/")
    for n in range(9):
        story = CaseStoryPageFactory(
            parent=index, hero_image=make_image(f"img{n}"), hero_image_alt="A drawing"
        )
        CaseUpdateFactory(page=story)
    ten = _count(client, "/en/cases/")
    assert one == ten
