"""Editors build actions in the admin; the tree is constrained; blocks preview."""

import pytest
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from actions.blocks import CallBlock, EmailBlock, PledgeBlock, SignLetterBlock
from actions.models import ActionIndexPage, UrgentActionPage
from tests.actions_helpers import *  # noqa: F403  (fixtures)

pytestmark = pytest.mark.django_db


def test_action_pages_only_live_under_the_actions_index():
    assert UrgentActionPage.parent_page_types == ["actions.ActionIndexPage"]
    assert ActionIndexPage.parent_page_types == ["home.HomePage"]
    assert UrgentActionPage.subpage_types == []


def test_editor_creates_an_action_with_every_way_to_act(admin_client, action_index):
    data = nested_form_data(
        {
            "title": "Bring her home",
            "slug": "bring-her-home",
            "summary": "Ask the agency to release her.",
            "why_it_matters": rich_text("<p>She has a sponsor.</p>"),
            "recipients": "zip",
            "recipients_note": "",
            "status": "open",
            "deadline": "2030-01-01 17:00",
            "deadline_timezone": "America/Chicago",
            "signature_goal": "50",
            "outcome_message": rich_text(""),
            "action_targets": inline_formset([]),
            "letter_versions": inline_formset([]),
            "ways_to_act": streamfield(
                [
                    (
                        "sign",
                        {
                            "heading": "Sign",
                            "introduction": "",
                            "letter": rich_text("<p>Dear Director,</p>"),
                            "demands": streamfield([("item", "Release her.")]),
                            "closing": "",
                        },
                    ),
                ]
            ),
        }
    )
    data["action-publish"] = "1"
    url = f"/admin/pages/add/actions/urgentactionpage/{action_index.pk}/"
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    page = UrgentActionPage.objects.get(slug="bring-her-home")
    assert page.live and page.deadline_local.hour == 17
    assert page.block_of_kind("sign").value["demands"][0] == "Release her."


@pytest.mark.parametrize("block", [SignLetterBlock(), PledgeBlock(), CallBlock(), EmailBlock()])
def test_every_block_has_a_preview_and_description(block):
    assert block.meta.description
    assert block.meta.icon
    html = block.render(block.get_preview_value())
    assert block.meta.preview_value["heading"] in html


def test_edit_form_shows_the_deadline_in_the_actions_time_zone(admin_client, action):
    import datetime

    action.deadline = datetime.datetime(2030, 3, 1, 23, 0, tzinfo=datetime.UTC)
    action.deadline_timezone = "America/Los_Angeles"
    action.save_revision().publish()
    html = admin_client.get(f"/admin/pages/{action.pk}/edit/").content.decode()
    assert "2030-03-01 15:00" in html


def test_preview_of_a_new_unsaved_action_renders(action_index, rf):
    from tests.factories_actions import CALL, EMAIL, LETTER

    page = UrgentActionPage(
        title="Draft action",
        slug="draft-action",
        summary="Not saved yet.",
        ways_to_act=[("sign", LETTER), ("call", CALL), ("email", EMAIL)],
        locale=action_index.locale,
    )
    page.set_url_path(action_index)
    response = page.make_preview_request()
    assert response.status_code == 200
    assert "Not saved yet." in response.content.decode()


def test_hostile_public_signer_name_is_escaped_on_the_action_page(client, action):
    from tests.actions_helpers import sign_data

    client.post(
        action.url + "sign/",
        sign_data(
            **{"sign-first_name": "<img src=x onerror=alert(1)>Ana", "sign-show_publicly": "on"}
        ),
    )
    html = client.get(action.url).content.decode()
    assert "<img src=x" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;Ana" in html


def test_thanks_step_shows_the_donate_link_from_site_settings(client, action):
    from wagtail.models import Site

    from home.models import HavenSettings
    from tests.actions_helpers import sign_data

    settings_ = HavenSettings.for_site(Site.objects.get(is_default_site=True))
    settings_.donate_url = "https://example.org/give"
    settings_.save()
    response = client.post(action.url + "sign/", sign_data())
    html = client.get(response["Location"]).content.decode()
    assert 'href="https://example.org/give"' in html
    assert "https://wa.me/?text=" in html
    assert "<script" not in html.split("<main", 1)[1].split("</main>")[0]
