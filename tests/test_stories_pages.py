"""A case story page: who, status, timeline, linked actions, blocks, sharing, in both languages."""

import datetime
import re

import pytest
from wagtail.images.models import Image
from wagtail_localize.models import StringSegment, TranslationSource

from stories.blocks import StoryBodyBlock
from stories.models import CaseStoryAction, CaseStoryPage, CaseUpdate
from tests.factories_stories import (
    ACTIONS_ES,
    INDEX_ES,
    ActionIndexPageFactory,
    CaseIndexPageFactory,
    CaseStoryPageFactory,
    CaseUpdateFactory,
    ConsentRecordFactory,
    UrgentActionPageFactory,
    link_action,
    make_image,
    translate_page,
)

pytestmark = pytest.mark.django_db

STORY_ES = {
    "Samuel: held without a hearing": "Samuel: detenido sin audiencia",
    "samuel": "samuel",
    "Samuel": "Samuel",
    "A teacher detained at the border.": "Un maestro detenido en la frontera.",
    "Detained": "Detenido",
    "Parole denied": "Libertad condicional negada",
    "Hearing scheduled": "Audiencia programada",
    "A hearing was scheduled.": "Se programó una audiencia.",
}


@pytest.fixture
def index(home):
    return CaseIndexPageFactory(parent=home)


@pytest.fixture
def story(index):
    story = CaseStoryPageFactory(
        parent=index,
        title="Samuel: held without a hearing",
        slug="samuel",
        display_name="Samuel",
        country_of_origin="CM",
        summary="A teacher detained at the border.",
    )
    # Added out of date order on purpose: the page sorts by date, newest first.
    CaseUpdateFactory(page=story, date=datetime.date(2026, 3, 2), headline="Detained", sort_order=0)
    CaseUpdateFactory(
        page=story, date=datetime.date(2026, 10, 30), headline="Hearing scheduled", sort_order=1
    )
    CaseUpdateFactory(
        page=story, date=datetime.date(2026, 7, 14), headline="Parole denied", sort_order=2
    )
    return story


def _positions(html, *needles):
    return [html.index(n) for n in needles]


def test_story_shows_updates_newest_first_each_with_anchor_link(client, story):
    html = client.get("/en/cases/samuel/").content.decode()
    a, b, c = _positions(html, "Hearing scheduled", "Parole denied", "Detained")
    assert a < b < c
    anchors = re.findall(r'<li class="timeline__item" id="(update-[0-9a-f]{8})"', html)
    assert len(anchors) == 3
    for anchor in anchors:
        assert f'href="#{anchor}"' in html
    assert "Oct. 30, 2026" in html


def test_spanish_story_shows_spanish_dates_country_category_and_flag(
    client, home_es, spanish, index, story, django_capture_on_commit_callbacks
):
    translate_page(index, spanish, INDEX_ES, django_capture_on_commit_callbacks)
    story_es = translate_page(story, spanish, STORY_ES, django_capture_on_commit_callbacks)
    assert story_es.url == "/es/casos/samuel/"
    html = client.get(story_es.url).content.decode()
    assert '<html lang="es">' in html
    assert "Camerún" in html
    assert "Detención" in html
    assert "Identidad protegida: nombre cambiado" in html
    assert "30 de octubre de 2026" in html
    a, b, c = _positions(html, "Audiencia programada", "Libertad condicional negada", "Detenido <a")
    assert a < b < c
    # The update anchors are the same in both languages, so shared links keep working.
    english = client.get("/en/cases/samuel/").content.decode()
    assert re.findall(r'id="(update-\w+)"', html) == re.findall(r'id="(update-\w+)"', english)


def test_story_with_real_name_shows_no_protected_flag(client, index):
    CaseStoryPageFactory(parent=index, slug="leticia", identity_protected=False, consent__name=True)
    html = client.get("/en/cases/leticia/").content.decode()
    assert "Identity protected" not in html


def test_linked_actions_open_first_closed_marked_and_in_the_readers_language(
    client, home, home_es, spanish, index, story, django_capture_on_commit_callbacks
):
    actions = ActionIndexPageFactory(parent=home)
    closed = UrgentActionPageFactory(
        parent=actions, title="Write to the judge", slug="judge", status="closed"
    )
    open_ = UrgentActionPageFactory(
        parent=actions,
        title="Call the field office",
        slug="call",
        deadline=datetime.datetime(2099, 1, 1, tzinfo=datetime.UTC),
    )
    link_action(story, closed, sort_order=0)
    link_action(story, open_, sort_order=1)
    translate_page(index, spanish, INDEX_ES, django_capture_on_commit_callbacks)
    translate_page(actions, spanish, ACTIONS_ES, django_capture_on_commit_callbacks)
    translate_page(
        closed,
        spanish,
        {"Write to the judge": "Escriba al juez", "judge": "juez"},
        django_capture_on_commit_callbacks,
    )
    translate_page(
        open_,
        spanish,
        {"Call the field office": "Llame a la oficina local", "call": "llame"},
        django_capture_on_commit_callbacks,
    )
    story_es = translate_page(story, spanish, STORY_ES, django_capture_on_commit_callbacks)

    html = client.get(story_es.url).content.decode()
    assert html.index("Llame a la oficina local") < html.index("Escriba al juez")
    assert 'href="/es/acciones/llame/"' in html
    assert 'href="/es/acciones/juez/"' in html
    assert "Esta acción se ha cerrado" in html
    assert "Write to the judge" not in html

    english = client.get("/en/cases/samuel/").content.decode()
    assert english.index("Call the field office") < english.index("Write to the judge")
    assert 'href="/en/actions/call/"' in english
    assert "This action has closed" in english


def test_linked_action_not_yet_translated_links_to_the_live_original(
    client, home, home_es, spanish, index, story, django_capture_on_commit_callbacks
):
    actions = ActionIndexPageFactory(parent=home)
    action = UrgentActionPageFactory(parent=actions, title="Call the field office", slug="call")
    link_action(story, action)
    translate_page(index, spanish, INDEX_ES, django_capture_on_commit_callbacks)
    story_es = translate_page(story, spanish, STORY_ES, django_capture_on_commit_callbacks)
    html = client.get(story_es.url).content.decode()
    assert 'href="/en/actions/call/"' in html


def test_hero_image_needs_alt_text_and_resolved_case_needs_outcome(index):
    story = CaseStoryPageFactory(parent=index)
    story.hero_image = make_image()
    story.hero_image_alt = "  "
    story.status = CaseStoryPage.Status.RESOLVED
    with pytest.raises(Exception) as excinfo:
        story.full_clean()
    errors = excinfo.value.message_dict
    assert "hero_image_alt" in errors
    assert "outcome" in errors


def test_open_graph_falls_back_to_hero_image_and_summary(client, index):
    image = make_image("Dawn")
    CaseStoryPageFactory(
        parent=index,
        slug="dawn",
        summary="A family waits to travel.",
        hero_image=image,
        hero_image_alt="Sun rising over hills.",
    )
    html = client.get("/en/cases/dawn/").content.decode()
    assert '<meta property="og:description" content="A family waits to travel.">' in html
    assert re.search(r'<meta property="og:image" content="http://testserver/[^"]+\.png">', html)
    assert '<meta property="og:image:alt" content="Sun rising over hills.">' in html
    assert '<meta property="og:type" content="article">' in html
    assert 'alt="Sun rising over hills."' in html


def test_share_links_are_plain_urls_with_no_third_party_script(client, story):
    html = client.get("/en/cases/samuel/").content.decode()
    encoded = "http%3A%2F%2Ftestserver%2Fen%2Fcases%2Fsamuel%2F"
    assert (
        f'href="https://wa.me/?text=Samuel%3A%20held%20without%20a%20hearing%20{encoded}"' in html
    )
    assert f"https://www.facebook.com/sharer/sharer.php?u={encoded}" in html
    assert (
        f'href="https://x.com/intent/post?text=Samuel%3A%20held%20without%20a%20hearing'
        f'&amp;url={encoded}"' in html
    )
    assert 'href="mailto:?subject=' in html
    assert not re.search(r"<script[^>]+src=\"https?://", html)


def test_every_body_block_has_icon_template_preview_and_description():
    for name, block in StoryBodyBlock().child_blocks.items():
        meta = block.meta
        assert meta.icon, name
        assert meta.template.startswith("components/blocks/"), name
        assert meta.preview_value, name
        assert meta.description, name


def test_body_blocks_render_quote_fact_image_and_paragraph(client, index):
    image = make_image("Threads")
    CaseStoryPageFactory(
        parent=index,
        slug="blocks",
        body=[
            ("paragraph", "<p>She taught others to sew.</p>"),
            ("quote", {"quote": "Every letter mattered.", "attribution": "Leticia"}),
            ("key_fact", {"figure": "97 days", "label": "apart", "source": "Court file"}),
            (
                "image",
                {
                    "image": image,
                    "alt_text": "Coloured threads",
                    "caption": "A drawing",
                    "credit": "Haven",
                },
            ),
        ],
    )
    html = client.get("/en/cases/blocks/").content.decode()
    assert "<p>She taught others to sew.</p>" in html
    assert "— Leticia" in html
    assert '<p class="block-key-fact__figure">97 days</p>' in html
    assert "Source: Court file" in html
    assert 'alt="Coloured threads"' in html
    assert "Credit: Haven" in html


def test_translators_get_update_text_but_never_consent_or_internal_flags(index, story):
    ConsentRecordFactory(story=story, given_by="Zyxwv Qoph", notes="Form in drawer 7")
    source, _ = TranslationSource.get_or_create_from_instance(story)
    strings = set(
        StringSegment.objects.filter(source=source).values_list("string__data", flat=True)
    )
    assert {"Detained", "Parole denied", "Hearing scheduled", "A hearing was scheduled."} <= strings
    assert "Samuel" in strings
    assert "Zyxwv Qoph" not in source.content_json
    assert "drawer 7" not in source.content_json
    revision = story.save_revision()
    assert "Zyxwv" not in str(revision.content)
    # notify_supporters is synchronised, never a string for translators to change.
    assert not any(s in {"True", "False"} for s in strings)


def test_search_finds_stories_by_name_country_and_update_in_the_readers_language(
    client, home_es, spanish, index, story, django_capture_on_commit_callbacks
):
    translate_page(index, spanish, INDEX_ES, django_capture_on_commit_callbacks)
    story_es = translate_page(story, spanish, STORY_ES, django_capture_on_commit_callbacks)
    # Publishing is what editors do; it must index the updates' text too.
    with django_capture_on_commit_callbacks(execute=True):
        CaseStoryPage.objects.get(pk=story.pk).save_revision().publish()
    for url, expected, absent in [
        ("/es/search/?q=Camerún", story_es.url, "/en/cases/samuel/"),
        ("/es/search/?q=Samuel", story_es.url, "/en/cases/samuel/"),
        ("/es/search/?q=Audiencia", story_es.url, "/en/cases/samuel/"),
        ("/en/search/?q=Cameroon", "/en/cases/samuel/", story_es.url),
        ("/en/search/?q=scheduled", "/en/cases/samuel/", story_es.url),
    ]:
        html = client.get(url).content.decode()
        assert f'href="{expected}"' in html, url
        assert f'href="{absent}"' not in html, url


def test_story_images_are_real_wagtail_images():
    # Guard for the factories the other tests rely on.
    image = make_image("Check")
    assert Image.objects.filter(pk=image.pk, width=80, height=60).exists()


def test_update_and_action_added_later_reach_the_spanish_page_on_the_next_sync(
    client, home, home_es, spanish, index, story, django_capture_on_commit_callbacks
):
    translate_page(index, spanish, INDEX_ES, django_capture_on_commit_callbacks)
    translate_page(story, spanish, STORY_ES, django_capture_on_commit_callbacks)
    actions = ActionIndexPageFactory(parent=home)
    action = UrgentActionPageFactory(parent=actions, title="Call the field office", slug="call")
    translate_page(actions, spanish, ACTIONS_ES, django_capture_on_commit_callbacks)
    translate_page(
        action,
        spanish,
        {"Call the field office": "Llame", "call": "llame"},
        django_capture_on_commit_callbacks,
    )

    # The editor adds an update and links the action, then publishes the English story.
    story = CaseStoryPage.objects.get(pk=story.pk)
    story.updates.add(
        CaseUpdate(date=datetime.date(2026, 11, 20), headline="Released on bond", sort_order=9)
    )
    story.linked_actions.add(CaseStoryAction(action=action, sort_order=0))
    story.save_revision().publish()
    strings = {**STORY_ES, "Released on bond": "Liberado bajo fianza"}
    story_es = translate_page(story, spanish, strings, django_capture_on_commit_callbacks)

    html = client.get(story_es.url).content.decode()
    assert html.index("Liberado bajo fianza") < html.index("Audiencia programada")
    assert "20 de noviembre de 2026" in html
    assert 'href="/es/acciones/llame/"' in html
    assert story_es.updates.get(headline="Liberado bajo fianza").locale == spanish


def test_story_addresses_route_as_before_one_query_routing_aside(client, story, index):
    """The case index finds its story with one query; drafts, unknown slugs and the feeds
    answer as Wagtail's own routing did."""
    response = client.get(story.url)
    assert response.status_code == 200
    assert response.context["case_index"].pk == index.pk  # the back link, from routing
    assert client.get(index.url + "nobody/").status_code == 404
    assert client.get(story.url + "extra/").status_code == 404
    assert client.get(index.url + "feed/rss/").status_code == 200
    story.unpublish()
    assert client.get(story.url).status_code == 404


def test_preview_shows_a_linked_action_added_but_not_yet_saved(home, story):
    """An editor's preview holds the links in memory only; they still show, in the editor's order
    (not the order the actions were created in)."""
    actions = ActionIndexPageFactory(parent=home)
    first = UrgentActionPageFactory(parent=actions, title="Call the field office", slug="call")
    second = UrgentActionPageFactory(parent=actions, title="Sign the letter", slug="sign")
    story.linked_actions.add(CaseStoryAction(action=second, sort_order=0))
    story.linked_actions.add(CaseStoryAction(action=first, sort_order=1))
    assert [a.title for a in story.localized_actions()] == [
        "Sign the letter",
        "Call the field office",
    ]
    story.save_revision().publish()
    story = CaseStoryPage.objects.get(pk=story.pk)
    assert [a.title for a in story.localized_actions()] == [
        "Sign the letter",
        "Call the field office",
    ]
