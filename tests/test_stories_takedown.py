"""Taking a story down: one step unpublishes every translation, is logged, and is
permission-checked."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.models import GroupPagePermission, PageLogEntry

from stories.models import CaseStoryPage, ConsentRecord
from tests.factories_stories import (
    INDEX_ES,
    CaseIndexPageFactory,
    CaseStoryPageFactory,
    translate_page,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def bilingual_story(home, home_es, spanish, django_capture_on_commit_callbacks):
    index = CaseIndexPageFactory(parent=home)
    translate_page(index, spanish, INDEX_ES, django_capture_on_commit_callbacks)
    story = CaseStoryPageFactory(parent=index, slug="rosa", title="Rosa")
    story_es = translate_page(story, spanish, {"Rosa": "Rosa"}, django_capture_on_commit_callbacks)
    assert story.live and story_es.live
    return story, story_es


def _user(username, superuser=False, codenames=()):
    User = get_user_model()
    if superuser:
        return User.objects.create_superuser(username, f"{username}@example.org", "pw")
    user = User.objects.create_user(username, f"{username}@example.org", "pw")
    group = Group.objects.create(name=f"{username} group")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    from wagtail.models import Page

    root = Page.get_first_root_node()
    for codename in codenames:
        GroupPagePermission.objects.create(
            group=group,
            page=root,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )
    user.groups.add(group)
    return user


def test_take_down_unpublishes_every_translation_and_is_logged(client, bilingual_story):
    story, story_es = bilingual_story
    client.force_login(_user("editor", superuser=True))
    url = reverse("stories_take_down", args=[story.pk])

    assert client.get("/es/casos/rosa/").status_code == 200
    confirm = client.get(url).content.decode()
    assert "These versions will be unpublished:" in confirm
    assert confirm.count("<li>") >= 2

    # A publication scheduled earlier must not bring the story back.
    scheduled = story.save_revision()
    scheduled.approved_go_live_at = "2099-01-01T00:00:00Z"
    scheduled.save()

    response = client.post(url, {"withdraw_consent": "1"})
    print("LOC", response["Location"], [str(m) for m in response.wsgi_request._messages])
    assert response.status_code == 302
    for page in (story, story_es):
        page.refresh_from_db()
        assert not page.live
        assert PageLogEntry.objects.filter(page=page, action="wagtail.unpublish").exists()
    scheduled.refresh_from_db()
    assert scheduled.approved_go_live_at is None
    entry = PageLogEntry.objects.get(page=story, action="stories.take_down")
    assert sorted(entry.data["languages"]) == ["en", "es"]
    assert client.get("/en/cases/rosa/").status_code == 404
    assert client.get("/es/casos/rosa/").status_code == 404
    # Consent is recorded as withdrawn, so publishing again is refused until new consent.
    assert not ConsentRecord.objects.in_force().filter(story_key=story.translation_key).exists()
    assert CaseStoryPage.objects.get(pk=story.pk).consent_problems()


def test_take_down_is_refused_to_an_editor_who_cannot_unpublish(client, bilingual_story):
    story, story_es = bilingual_story
    client.force_login(_user("writer", codenames=["add_page", "change_page"]))
    url = reverse("stories_take_down", args=[story.pk])
    assert "nothing has been taken down" in client.get(url).content.decode()
    # Wagtail's admin turns PermissionDenied into a redirect with a "no permission" message.
    response = client.post(url)
    assert response.status_code == 302 and response["Location"] != url
    story.refresh_from_db()
    story_es.refresh_from_db()
    assert story.live and story_es.live


def test_take_down_is_offered_in_the_story_editor(client, bilingual_story):
    story, _ = bilingual_story
    client.force_login(_user("editor", superuser=True))
    html = client.get(reverse("wagtailadmin_pages:edit", args=[story.pk])).content.decode()
    assert reverse("stories_take_down", args=[story.pk]) in html
    assert "Take down in every language" in html
