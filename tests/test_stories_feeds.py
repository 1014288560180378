"""RSS and Atom feeds of case updates, per language, linking to each update's anchor."""

import datetime
import xml.etree.ElementTree as ET

import pytest

from tests.factories_stories import (
    INDEX_ES,
    CaseIndexPageFactory,
    CaseStoryPageFactory,
    CaseUpdateFactory,
    translate_page,
)

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def stories(home, home_es, spanish, django_capture_on_commit_callbacks):
    index = CaseIndexPageFactory(parent=home)
    translate_page(index, spanish, INDEX_ES, django_capture_on_commit_callbacks)
    story = CaseStoryPageFactory(parent=index, slug="samuel", display_name="Samuel")
    CaseUpdateFactory(page=story, date=datetime.date(2026, 3, 2), headline="Detained")
    CaseUpdateFactory(page=story, date=datetime.date(2026, 10, 30), headline="Hearing scheduled")
    draft = CaseStoryPageFactory(parent=index, slug="draft", live=False)
    CaseUpdateFactory(page=draft, headline="Secret draft update")
    translate_page(
        story,
        spanish,
        {"Detained": "Detenido", "Hearing scheduled": "Audiencia programada"},
        django_capture_on_commit_callbacks,
    )
    return story


def test_rss_feeds_are_valid_xml_in_both_languages_and_link_to_update_anchors(client, stories):
    for url, language, first, story_url in [
        ("/en/cases/feed/rss/", "en", "Samuel: Hearing scheduled", "/en/cases/samuel/"),
        ("/es/casos/feed/rss/", "es", "Samuel: Audiencia programada", "/es/casos/samuel/"),
    ]:
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/rss+xml")
        channel = ET.fromstring(response.content).find("channel")  # noqa: S314 (our own feed)
        assert channel.findtext("language") == language
        items = channel.findall("item")
        assert [i.findtext("title") for i in items][0] == first
        assert len(items) == 2  # the draft story's update is not published
        link = items[0].findtext("link")
        assert link.startswith(f"http://testserver{story_url}#update-")
        page = client.get(story_url).content.decode()
        assert f'id="{link.split("#")[1]}"' in page


def test_atom_feeds_are_valid_xml_in_both_languages(client, stories):
    for url, title in [
        ("/en/cases/feed/atom/", "Samuel: Detained"),
        ("/es/casos/feed/atom/", "Samuel: Detenido"),
    ]:
        response = client.get(url)
        assert response.status_code == 200
        feed = ET.fromstring(response.content)  # noqa: S314 (our own feed)
        assert feed.tag == f"{ATOM}feed"
        entries = feed.findall(f"{ATOM}entry")
        assert [e.findtext(f"{ATOM}title") for e in entries][-1] == title
        assert all("#update-" in e.find(f"{ATOM}link").get("href") for e in entries)


def test_index_and_story_pages_advertise_their_feeds(client, stories):
    html = client.get("/es/casos/samuel/").content.decode()
    assert 'type="application/rss+xml"' in html and 'href="/es/casos/feed/rss/"' in html
    html = client.get("/en/cases/").content.decode()
    assert 'href="/en/cases/feed/atom/"' in html
