"""Link cards and one address for every link: what a search engine, a link preview and a
feed reader read from Haven, in both languages, all rooted at the default Site record."""

import datetime
import json
import re
from html.parser import HTMLParser

import feedparser
import pytest
from wagtail.models import Site

from home.links import absolute_url, absolutise_html, tel_url
from home.models import HavenSettings
from tests.actions_helpers import *  # noqa: F403  (fixtures)
from tests.factories import OrganisationDetailsFactory
from tests.factories_stories import (
    INDEX_ES,
    CaseIndexPageFactory,
    CaseStoryPageFactory,
    CaseUpdateFactory,
    translate_page,
)

pytestmark = pytest.mark.django_db

ROOT = "http://haven.example.org:8443"


class HeadReader(HTMLParser):
    """Collects <meta>, <link>, <title>, JSON-LD and every href/src, like a crawler."""

    def __init__(self):
        super().__init__()
        self.meta, self.links, self.urls, self.json_ld = {}, [], [], []
        self.title, self._in, self._buffer = "", None, ""
        self.html_lang = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.html_lang = attrs.get("lang")
        if tag == "meta":
            key = attrs.get("property") or attrs.get("name")
            if key:
                self.meta.setdefault(key, []).append(attrs.get("content"))
        if tag == "link":
            self.links.append(attrs)
        if tag in ("title",) or (tag == "script" and attrs.get("type") == "application/ld+json"):
            self._in, self._buffer = tag, ""
        for name in ("href", "src", "content"):
            if attrs.get(name):
                self.urls.append(attrs[name])

    def handle_data(self, data):
        if self._in:
            self._buffer += data

    def handle_endtag(self, tag):
        if tag == self._in:
            if tag == "title":
                self.title = self._buffer.strip()
            else:
                self.json_ld.append(json.loads(self._buffer))
            self._in = None

    def one(self, key):
        values = self.meta.get(key) or [None]
        return values[0]

    def link(self, rel, **match):
        return [
            link["href"]
            for link in self.links
            if link.get("rel") == rel and all(link.get(k) == v for k, v in match.items())
        ]


def read(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    reader = HeadReader()
    reader.feed(response.content.decode())
    return reader


@pytest.fixture
def site_root(home):
    """The default Site served somewhere unusual: every link must follow it."""
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = "haven.example.org", 8443
    site.save()  # not update(): Wagtail caches site roots and clears them on save
    org = OrganisationDetailsFactory(name="Haven Test Network", tagline="Stories that act")
    haven = HavenSettings.for_site(Site.objects.get(is_default_site=True))
    haven.organisation = org
    haven.contact_email = "security@example.org"
    haven.save()
    return ROOT


@pytest.fixture
def story(site_root, home, home_es, spanish, django_capture_on_commit_callbacks):
    index = CaseIndexPageFactory(parent=home)
    translate_page(index, spanish, INDEX_ES, django_capture_on_commit_callbacks)
    story = CaseStoryPageFactory(parent=index, slug="samuel", display_name="Samuel")
    CaseUpdateFactory(
        page=story,
        date=datetime.date(2026, 3, 2),
        headline="Moved",
        body='<p>Read <a href="/en/actions/free-the-family/">the action</a>.</p>',
    )
    translate_page(story, spanish, {"Moved": "Trasladado"}, django_capture_on_commit_callbacks)
    return story


def test_every_page_has_a_complete_link_card_in_both_languages(client, site_root, story, action_es):
    pages = {
        "/en/": "WebSite",
        "/es/": "WebSite",
        "/en/cases/samuel/": "NewsArticle",
        "/es/casos/samuel/": "NewsArticle",
        "/en/actions/free-the-family/": "Event",
        f"{action_es.url}": "Event",
        "/en/cases/": "CollectionPage",
    }
    for url, kind in pages.items():
        head = read(client, url)
        assert head.one("description"), url
        assert head.link("canonical") == [f"{ROOT}{url}"], url
        assert head.one("og:url") == f"{ROOT}{url}", url
        assert head.one("og:image").startswith(ROOT + "/"), url
        assert head.one("og:image:alt"), url
        assert head.one("twitter:card") in {"summary", "summary_large_image"}, url
        assert head.one("og:locale") == ("es_US" if url.startswith("/es/") else "en_US"), url
        types = [
            node["@type"]
            for node in head.json_ld
            for node in (node if isinstance(node, list) else [node])
        ]
        assert kind in types, (url, types)
    # Pages that exist in both languages name the other one.
    assert read(client, "/en/cases/samuel/").meta["og:locale:alternate"] == ["es_US"]


def test_action_card_uses_the_required_summary_and_a_real_home_title(client, site_root, action):
    head = read(client, "/en/actions/free-the-family/")
    assert head.one("description") == "Ask the director to release them."
    assert head.one("og:description") == "Ask the director to release them."
    event = head.json_ld[0]
    assert event["endDate"].startswith(action.deadline_local.date().isoformat())
    home = read(client, "/en/")
    assert home.title == "Haven Test Network — Stories that act"
    assert home.one("og:title") == "Haven Test Network — Stories that act"


def test_story_with_an_image_gets_a_large_card_with_alt_text(client, site_root, story):
    from tests.factories_stories import make_image

    story.hero_image = make_image("Drawing")
    story.hero_image_alt = "A drawing of a door"
    story.save_revision().publish()
    head = read(client, "/en/cases/samuel/")
    assert head.one("twitter:card") == "summary_large_image"
    assert head.one("og:image:alt") == "A drawing of a door"
    article = head.json_ld[0]
    assert article["image"] == [head.one("og:image")]
    assert article["datePublished"] and article["dateModified"] >= article["datePublished"]


def test_every_absolute_link_a_page_writes_points_at_the_site_record(client, site_root, story):
    """hreflang, og:url, canonical, share links: no other host or port appears."""
    for url in ["/en/cases/samuel/", "/es/casos/samuel/", "/en/"]:
        html = client.get(url).content.decode()
        hosts = set(re.findall(r"https?://(?:127\.0\.0\.1|localhost|testserver)[:/\w]*", html))
        assert not hosts, (url, hosts)
        head = read(client, url)
        for href in head.link("alternate"):
            if href.startswith("http"):
                assert href.startswith(ROOT + "/"), href


def test_sitemap_and_hreflang_agree_on_every_address(client, site_root, story):
    sitemap = client.get("/sitemap.xml").content.decode()
    locations = set(re.findall(r"<loc>([^<]+)</loc>", sitemap))
    assert locations and all(loc.startswith(ROOT + "/") for loc in locations)
    head = read(client, "/en/cases/samuel/")
    for href in head.link("alternate"):
        if href.startswith("http"):
            assert href in sitemap


def test_robots_favicon_and_security_txt_answer(client, site_root):
    robots = client.get("/robots.txt")
    assert robots.status_code == 200
    assert f"Sitemap: {ROOT}/sitemap.xml" in robots.content.decode()
    favicon = client.get("/favicon.ico")
    assert favicon.status_code == 200
    assert b"".join(favicon.streaming_content)[:4] == b"\x00\x00\x01\x00"  # an ICO file
    security = client.get("/.well-known/security.txt").content.decode()
    assert "Contact: mailto:security@example.org" in security
    expires = re.search(r"^Expires: (\S+)$", security, re.M).group(1)
    assert datetime.datetime.fromisoformat(expires) > datetime.datetime.now(datetime.UTC)


def test_relative_links_become_absolute_and_phone_numbers_international(site_root):
    assert absolute_url("/en/cases/") == f"{ROOT}/en/cases/"
    assert absolute_url("mailto:a@example.org") == "mailto:a@example.org"
    html = '<a href="/en/x/">x</a> <img src="/media/a.png"> <a href="https://o.org/">o</a>'
    assert absolutise_html(html) == (
        f'<a href="{ROOT}/en/x/">x</a> <img src="{ROOT}/media/a.png"> '
        '<a href="https://o.org/">o</a>'
    )
    assert tel_url("(202) 555-0143") == "tel:+12025550143"
    assert tel_url("1-202-555-0143") == "tel:+12025550143"
    assert tel_url("+52 55 1234 5678") == "tel:+525512345678"
    assert tel_url("555-0143") == ""


def test_call_numbers_typed_by_editors_dial_internationally(client, site_root, action):
    html = client.get("/en/actions/free-the-family/").content.decode()
    assert 'href="tel:+12025550100"' in html
    assert 'href="tel:2025550100"' not in html


def test_feeds_carry_what_rfc_4287_and_rss_2_require(client, site_root, story):
    second = CaseUpdateFactory(page=story, date=datetime.date(2026, 3, 2), headline="Again")
    second.created_at = second.created_at + datetime.timedelta(minutes=5)
    second.save()
    atom = feedparser.parse(client.get("/en/cases/feed/atom/").content)
    assert not atom.bozo, atom.bozo_exception
    assert atom.version == "atom10"
    assert atom.feed.id and atom.feed.title and atom.feed.updated
    assert atom.feed.author == "Haven Test Network"
    stamps = []
    for entry in atom.entries:
        assert entry.id.startswith(ROOT + "/") and entry.title and entry.updated
        assert entry.author == "Haven Test Network"
        assert entry.link.startswith(ROOT + "/")
        stamps.append(entry.updated)
    assert len(stamps) == len(set(stamps)), "two entries share atom:updated"
    # The same-day update keeps its real time of day, not noon.
    assert all(not s.endswith("T12:00:00-05:00") for s in stamps)

    rss = feedparser.parse(client.get("/en/cases/feed/rss/").content)
    assert not rss.bozo, rss.bozo_exception
    assert rss.version == "rss20"
    assert rss.feed.title and rss.feed.link and rss.feed.description
    for entry in rss.entries:
        assert entry.title and entry.link.startswith(ROOT + "/")
        hrefs = re.findall(r'href="([^"]+)"', entry.description)
        assert all(h.startswith(ROOT + "/") for h in hrefs), hrefs
    assert any(ROOT + "/en/actions/free-the-family/" in e.description for e in rss.entries)


def test_email_text_part_keeps_every_link_absolute(site_root):
    from home.links import html_to_text

    html = (
        '<p>Read <a href="/en/actions/free/">the action</a> &amp; share it.</p>'
        '<ul><li>One</li><li><a href="mailto:a@example.org">a@example.org</a></li></ul>'
    )
    text = html_to_text(html)
    assert f"the action ({ROOT}/en/actions/free/)" in text
    assert "& share it." in text
    assert "- One" in text and "- a@example.org" in text
