"""Consent: publishing is refused in the admin without consent on file (story, photo, name);
consent records live outside the page and are never shown, translated or saved in revisions."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import Revision
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from stories.models import CaseStoryPage, ConsentMissing, ConsentRecord
from tests.factories_stories import (
    CaseIndexPageFactory,
    CaseStoryPageFactory,
    ConsentRecordFactory,
    make_image,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    user = get_user_model().objects.create_superuser("editor", "editor@example.org", "pw")
    client.force_login(user)
    return client


@pytest.fixture
def index(home):
    return CaseIndexPageFactory(parent=home)


def _story(index, **kwargs):
    kwargs.setdefault("live", False)
    return CaseStoryPageFactory(parent=index, slug="samuel", **kwargs)


def _form(story, publish=True, **overrides):
    data = {
        "title": "Samuel: edited title",
        "slug": story.slug,
        "display_name": "Samuel",
        "identity_protected": "on",
        "subject_kind": "individual",
        "country_of_origin": "CM",
        "other_countries": inline_formset([]),
        "current_location": "",
        "category": "detention",
        "status": "active",
        "outcome": "",
        "outcome_date": "",
        "summary": "A teacher detained at the border.",
        "hero_image": "",
        "hero_image_alt": "",
        "body": streamfield([]),
        "updates": inline_formset([]),
        "linked_actions": inline_formset([]),
        "comments": inline_formset([]),
        "seo_title": "",
        "search_description": "",
        "social_image": "",
    }
    data.update(overrides)
    if data.get("identity_protected") is False:
        del data["identity_protected"]
    form = nested_form_data(data)
    if publish:
        form["action-publish"] = "action-publish"
    return form


def _edit(admin_client, story, **kwargs):
    url = reverse("wagtailadmin_pages:edit", args=[story.pk])
    return admin_client.post(url, _form(story, **kwargs), follow=True)


def test_admin_publish_without_consent_is_refused_and_keeps_the_edits(admin_client, index):
    story = _story(index, consent=False)
    response = _edit(admin_client, story)
    html = response.content.decode()
    assert "there is no consent on file to tell it" in html
    assert "Samuel: edited title" in html  # the editor's input is still on screen
    story.refresh_from_db()
    assert not story.live
    assert not Revision.objects.filter(object_id=str(story.pk)).exists()


def test_admin_save_draft_without_consent_is_allowed(admin_client, index):
    story = _story(index, consent=False)
    _edit(admin_client, story, publish=False)
    story.refresh_from_db()
    assert not story.live
    assert story.latest_revision.as_object().title == "Samuel: edited title"


def test_admin_publish_with_consent_goes_live_with_its_new_update(admin_client, index):
    story = _story(index)
    update = {
        "date": "2026-10-30",
        "headline": "Hearing scheduled",
        "body": rich_text("A judge will hear the case."),
        "notify_supporters": "on",
    }
    response = _edit(admin_client, story, updates=inline_formset([update]))
    assert response.status_code == 200
    story = CaseStoryPage.objects.get(pk=story.pk)
    assert story.live
    assert story.title == "Samuel: edited title"
    saved = story.updates.get()
    assert saved.headline == "Hearing scheduled"
    assert saved.notify_supporters is True
    # The new update takes the story's language, so wagtail-localize can translate it.
    assert saved.locale_id == story.locale_id


def test_admin_publish_of_a_hero_image_needs_photo_consent(admin_client, index):
    story = _story(index, consent__photo=False)
    image = make_image()
    response = _edit(admin_client, story, hero_image=image.pk, hero_image_alt="Sun over hills")
    assert "does not cover photos" in response.content.decode()
    story.refresh_from_db()
    assert not story.live


def test_admin_publish_of_a_body_image_needs_photo_consent(admin_client, index):
    story = _story(index, consent__photo=False)
    image = make_image()
    body = streamfield(
        [("image", {"image": image.pk, "alt_text": "Threads", "caption": "", "credit": ""})]
    )
    response = _edit(admin_client, story, body=body)
    assert "does not cover photos" in response.content.decode()
    story.refresh_from_db()
    assert not story.live


def test_admin_publish_of_a_real_name_needs_name_consent(admin_client, index):
    story = _story(index)
    response = _edit(admin_client, story, identity_protected=False)
    assert "does not cover publishing their real name" in response.content.decode()
    story.refresh_from_db()
    assert not story.live
    ConsentRecordFactory(story=story, covers_story=False, covers_name=True)
    _edit(admin_client, story, identity_protected=False)
    story.refresh_from_db()
    assert story.live and not story.identity_protected


def test_admin_hero_image_without_alt_text_is_refused(admin_client, index):
    story = _story(index)
    response = _edit(admin_client, story, hero_image=make_image().pk)
    assert "Describe the hero image for people who cannot see it." in response.content.decode()
    story.refresh_from_db()
    assert not story.live


def test_withdrawn_consent_blocks_every_other_publish_path(index):
    story = _story(index)
    ConsentRecord.objects.filter(story_key=story.translation_key).update(withdrawn_on="2026-01-01")
    revision = story.save_revision()
    with pytest.raises(ConsentMissing):
        revision.publish()
    story.refresh_from_db()
    assert not story.live


def test_consent_record_is_added_in_the_admin_for_the_chosen_story(admin_client, index):
    story = _story(index, consent=False)
    add_url = reverse("consent_records:add")
    page = admin_client.get(f"{add_url}?story={story.pk}").content.decode()
    assert f'value="{story.pk}"' in page
    response = admin_client.post(
        add_url,
        {
            "story": story.pk,
            "given_by_role": "person",
            "given_by": "S. K.",
            "given_on": "2026-01-05",
            "covers_story": "on",
            "notes": "",
            "withdrawn_on": "",
        },
    )
    assert response.status_code == 302
    record = ConsentRecord.objects.get()
    assert record.story_key == story.translation_key
    assert record.recorded_by.username == "editor"
    assert story.consent_problems() == []


def test_consent_record_must_cover_something(admin_client, index):
    story = _story(index, consent=False)
    response = admin_client.post(
        reverse("consent_records:add"),
        {"story": story.pk, "given_by_role": "person", "given_by": "S.", "given_on": "2026-01-05"},
    )
    assert response.status_code == 200
    assert "Tick at least one thing the consent covers" in response.content.decode()
    assert not ConsentRecord.objects.exists()


def test_story_editor_shows_consent_status_with_a_link_to_record_it(admin_client, index):
    story = _story(index, consent=False)
    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=[story.pk])).content.decode()
    assert "No consent on file: this story cannot be published." in html
    assert f"{reverse('consent_records:add')}?story={story.pk}" in html


def test_consent_details_never_reach_the_public_page(client, index):
    story = CaseStoryPageFactory(parent=index, slug="rosa", consent=False)
    ConsentRecordFactory(story=story, given_by="Zyxwv Qoph", notes="Signed form in drawer 7")
    story.save_revision().publish()
    html = client.get("/en/cases/rosa/").content.decode()
    assert "Zyxwv" not in html
    assert "drawer 7" not in html
    assert "Zyxwv" not in str(CaseStoryPage.objects.get(pk=story.pk).latest_revision.content)


def test_consent_records_listing_names_the_story_not_the_person(admin_client, index):
    story = _story(index, title="Rosa waits", consent=False)
    ConsentRecordFactory(story=story, given_by="Zyxwv Qoph")
    html = admin_client.get(reverse("consent_records:index")).content.decode()
    assert "Rosa waits" in html
    assert "Zyxwv" not in html


def test_translator_publish_is_refused_when_consent_was_withdrawn(
    admin_client, home_es, spanish, index, django_capture_on_commit_callbacks
):
    from tests.factories_stories import INDEX_ES, translate_page
    from translation.builders import translate

    translate_page(index, spanish, INDEX_ES, django_capture_on_commit_callbacks)
    story = CaseStoryPageFactory(parent=index, slug="rosa")
    with django_capture_on_commit_callbacks(execute=True):
        translate(story, spanish, {}, publish=False)
    story_es = story.get_translation(spanish)
    assert not story_es.live
    ConsentRecord.objects.update(withdrawn_on="2026-01-01")

    url = reverse("wagtailadmin_pages:edit", args=[story_es.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(url, {"action": "publish"}, follow=True)
    assert "there is no consent on file to tell it" in response.content.decode()
    story_es.refresh_from_db()
    assert not story_es.live


def test_editor_can_preview_a_new_story_before_saving_it(admin_client, index):
    url = reverse("wagtailadmin_pages:preview_on_add", args=["stories", "casestorypage", index.pk])
    form = _form(CaseStoryPage(slug="new-story"), publish=False)
    response = admin_client.post(url, form)
    assert response.json()["is_valid"] is True
    html = admin_client.get(url).content.decode()
    assert "Samuel: edited title" in html
    assert "Identity protected — name changed" in html


def test_scheduled_publishing_skips_a_story_without_consent_and_goes_on(index):
    import datetime

    from django.core.management import call_command
    from django.utils import timezone
    from wagtail.models import PageLogEntry

    refused = _story(index, consent=False)
    allowed = CaseStoryPageFactory(parent=index, slug="allowed", live=False)
    past = timezone.now() - datetime.timedelta(minutes=5)
    for page in (refused, allowed):
        revision = page.save_revision()
        revision.approved_go_live_at = past
        revision.save()
    call_command("publish_scheduled", stdout=open("/dev/null", "w"))
    refused.refresh_from_db()
    allowed.refresh_from_db()
    assert not refused.live
    assert allowed.live
    assert not Revision.objects.filter(
        object_id=str(refused.pk), approved_go_live_at__isnull=False
    ).exists()
    assert PageLogEntry.objects.filter(page=refused, action="stories.publish_refused").exists()


def test_bulk_publish_with_a_story_without_consent_publishes_nothing(admin_client, index):
    refused = _story(index, consent=False)
    allowed = CaseStoryPageFactory(parent=index, slug="allowed", live=False)
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
    response = admin_client.post(
        f"{url}?id={refused.pk}&id={allowed.pk}&next=/admin/", {}, follow=True
    )
    assert "Nothing was published" in response.content.decode()
    refused.refresh_from_db()
    allowed.refresh_from_db()
    assert not refused.live and not allowed.live


def test_editors_and_moderators_may_record_consent(db):
    from django.contrib.auth.models import Group

    editors = set(Group.objects.get(name="Editors").permissions.values_list("codename", flat=True))
    moderators = set(
        Group.objects.get(name="Moderators").permissions.values_list("codename", flat=True)
    )
    assert {"add_consentrecord", "change_consentrecord", "view_consentrecord"} <= editors
    assert "delete_consentrecord" not in editors
    assert "delete_consentrecord" in moderators
