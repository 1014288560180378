"""A campaign page (not a person's case) and stories about a group, in both languages."""

import datetime

import pytest
import wagtail_factories
from wagtail.models import Page

from actions.models import ActionResponse
from home.models import HomePage, StandardPage
from stories.blocks import CampaignBodyBlock, StoryBodyBlock
from stories.models import (
    CampaignAction,
    CampaignPage,
    CaseIndexPage,
    CaseStoryCountry,
    CaseStoryPage,
)
from tests.factories_stories import (
    ACTIONS_ES,
    INDEX_ES,
    ActionIndexPageFactory,
    CaseIndexPageFactory,
    CaseStoryPageFactory,
    UrgentActionPageFactory,
    link_action,
    make_image,
    translate_page,
)

pytestmark = pytest.mark.django_db


class CampaignPageFactory(wagtail_factories.PageFactory):
    title = "A humane asylum system"
    slug = "humane-asylum"
    summary = "Seeking safety is not a crime."
    actions_heading = "What you can do"

    class Meta:
        model = CampaignPage


CAMPAIGN_ES = {
    "A humane asylum system": "Un sistema de asilo humano",
    "humane-asylum": "asilo-humano",
    "Seeking safety is not a crime.": "Buscar protección no es un delito.",
    "What you can do": "Qué puede hacer",
    "Spread the word": "Corra la voz",
    "Support legal help": "Apoye la ayuda legal",
    "Donate": "Donar",
    "Border office, 2026": "Oficina fronteriza, 2026",
    "A border crossing": "Un cruce fronterizo",
    "Our lawyers see it every week.": "Nuestros abogados lo ven cada semana.",
    "Staff attorney": "Abogada del equipo",
}


@pytest.fixture
def action(home):
    actions = ActionIndexPageFactory(parent=home)
    return UrgentActionPageFactory(
        parent=actions,
        title="Call the field office",
        slug="call",
        deadline=datetime.datetime(2099, 1, 1, tzinfo=datetime.UTC),
    )


@pytest.fixture
def campaign(home, action):
    image = make_image("Crossing")
    page = CampaignPageFactory(
        parent=home,
        hero_image=image,
        hero_image_alt="A border crossing",
        hero_image_credit="Border office, 2026",
        body=[
            ("paragraph", "<p>Families wait in danger.</p>"),
            ("quote", {"quote": "Our lawyers see it every week.", "attribution": "Staff attorney"}),
            (
                "image",
                {"image": image, "alt_text": "A border crossing", "caption": "", "credit": "MSF"},
            ),
            ("share", {"heading": "Spread the word", "text": ""}),
            (
                "donate",
                {
                    "heading": "Support legal help",
                    "text": "",
                    "button_label": "Donate",
                    "url": "https://example.org/donate",
                },
            ),
        ],
    )
    CampaignAction.objects.create(page=page, action=action, sort_order=0)
    return page


def test_campaign_page_shows_credited_pictures_quote_share_donate_and_its_action(client, campaign):
    html = client.get("/en/humane-asylum/").content.decode()
    assert "<h1>A humane asylum system</h1>" in html
    assert "Credit: Border office, 2026" in html
    assert "Credit: MSF" in html
    assert "— Staff attorney" in html
    assert "https://wa.me/?text=A%20humane%20asylum%20system" in html
    assert "http%3A%2F%2Ftestserver%2Fen%2Fhumane-asylum%2F" in html
    assert 'href="https://example.org/donate"' in html
    assert "What you can do" in html
    assert 'href="/en/actions/call/"' in html
    # Not a case: no consent, status or country of a person.
    assert "Identity protected" not in html
    assert "Country of origin" not in html


def test_campaign_page_needs_no_consent_record_to_publish(home):
    page = CampaignPageFactory(parent=home, live=False)
    page.save_revision().publish()
    assert CampaignPage.objects.get(pk=page.pk).live


def test_spanish_campaign_is_translated_and_links_the_spanish_action(
    client, home, home_es, spanish, campaign, action, django_capture_on_commit_callbacks
):
    translate_page(action.get_parent(), spanish, ACTIONS_ES, django_capture_on_commit_callbacks)
    translate_page(
        action,
        spanish,
        {"Call the field office": "Llame a la oficina local", "call": "llame"},
        django_capture_on_commit_callbacks,
    )
    campaign_es = translate_page(campaign, spanish, CAMPAIGN_ES, django_capture_on_commit_callbacks)
    assert campaign_es.url == "/es/asilo-humano/"
    html = client.get(campaign_es.url).content.decode()
    assert '<html lang="es">' in html
    assert "Crédito: Oficina fronteriza, 2026" in html
    assert "Qué puede hacer" in html
    assert "Corra la voz" in html
    assert ">Donar</a>" in html
    assert 'href="/es/acciones/llame/"' in html
    assert "Llame a la oficina local" in html
    # The donation page is synchronised: translators cannot send money elsewhere.
    assert 'href="https://example.org/donate"' in html


def test_translators_get_the_campaign_copy_but_not_the_donation_address(campaign):
    from wagtail_localize.models import StringSegment, TranslationSource

    source, _ = TranslationSource.get_or_create_from_instance(campaign)
    strings = set(
        StringSegment.objects.filter(source=source).values_list("string__data", flat=True)
    )
    assert {"Seeking safety is not a crime.", "Support legal help", "Donate"} <= strings
    assert "Border office, 2026" in strings
    assert not any("example.org" in s for s in strings)


def test_campaign_pages_live_only_under_a_home_page(home):
    assert CampaignPage.can_create_at(home)
    index = CaseIndexPageFactory(parent=home)
    assert not CampaignPage.can_create_at(index)
    assert CampaignPage.allowed_parent_page_models() == [HomePage]
    assert CampaignPage.allowed_subpage_models() == []
    assert not CampaignPage.can_create_at(Page.get_first_root_node())
    assert StandardPage not in CampaignPage.allowed_parent_page_models()
    assert CaseIndexPage.allowed_subpage_models() == [CaseStoryPage]


def test_action_page_lists_stories_but_not_campaigns_as_the_people_behind_it(
    client, home, campaign, action
):
    index = CaseIndexPageFactory(parent=home)
    story = CaseStoryPageFactory(parent=index, title="Rosa waits", slug="rosa")
    link_action(story, action)
    html = client.get("/en/actions/call/").content.decode()
    assert "The people behind this action" in html
    assert "Rosa waits" in html
    assert "A humane asylum system" not in html


def test_every_campaign_block_has_icon_template_preview_and_description():
    for stream in (CampaignBodyBlock(), StoryBodyBlock()):
        for name, block in stream.child_blocks.items():
            meta = block.meta
            assert meta.icon, name
            assert meta.template.startswith("components/blocks/"), name
            assert meta.preview_value, name
            assert meta.description, name
    assert {"video", "image", "quote", "share", "donate"} <= set(CampaignBodyBlock().child_blocks)
    # The campaign's picture does not ask for a person's photo consent.
    assert "consent" not in str(CampaignBodyBlock().child_blocks["image"].meta.description)


def test_share_and_donate_blocks_preview_without_a_request():
    share = StoryBodyBlock().child_blocks["share"]
    html = share.render(share.get_default() | share.meta.preview_value)
    assert "Share links for this page appear here" in html
    donate = StoryBodyBlock().child_blocks["donate"]
    assert 'href="https://example.org/donate"' in donate.render(
        donate.to_python(donate.meta.preview_value)
    )


# A story about a group ---------------------------------------------------------------


def test_group_story_lists_every_country_in_both_languages(
    client, home, home_es, spanish, django_capture_on_commit_callbacks
):
    index = CaseIndexPageFactory(parent=home)
    story = CaseStoryPageFactory(
        parent=index,
        title="Families at the border",
        slug="families",
        display_name="Twelve families",
        subject_kind=CaseStoryPage.SubjectKind.GROUP,
        country_of_origin="HN",
    )
    CaseStoryCountry.objects.create(page=story, country="GT", sort_order=0)
    CaseStoryCountry.objects.create(page=story, country="HT", sort_order=1)
    story.save_revision().publish()
    html = client.get("/en/cases/families/").content.decode()
    assert "Countries of origin" in html
    assert "Honduras, Guatemala, Haiti" in html
    assert "Group of people" in html

    translate_page(index, spanish, INDEX_ES, django_capture_on_commit_callbacks)
    story_es = translate_page(
        story,
        spanish,
        {"Families at the border": "Familias en la frontera", "families": "familias"},
        django_capture_on_commit_callbacks,
    )
    # wagtail-localize copies the synchronised orderable (a M2M would be ignored).
    assert [c.country.code for c in story_es.other_countries.all()] == ["GT", "HT"]
    html_es = client.get(story_es.url).content.decode()
    assert "Países de origen" in html_es
    assert "Honduras, Guatemala, Haití" in html_es
    assert "Grupo de personas" in html_es


def test_search_finds_a_group_story_by_any_of_its_countries(home):
    index = CaseIndexPageFactory(parent=home)
    story = CaseStoryPageFactory(parent=index, slug="group", country_of_origin="HN")
    CaseStoryCountry.objects.create(page=story, country="SY", sort_order=0)
    story = CaseStoryPage.objects.get(pk=story.pk)
    assert "Syria" in story.country_search_text()
    assert "Honduras" in story.country_search_text()


def test_campaign_counts_come_from_the_shared_action_count(client, campaign, action):
    ActionResponse.objects.create(
        action_key=action.translation_key, kind="sign", email="a@example.org", language="en"
    )
    html = client.get("/en/humane-asylum/").content.decode()
    assert "Call the field office" in html
