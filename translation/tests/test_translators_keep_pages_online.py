"""Translators can never take a page offline; editors still can.

Each action is tried over HTTP both ways: the translator is refused and nothing changes,
the editor is allowed. The buttons are checked too: a translator is never shown them.
"""

import json
import re

import pytest
from django.urls import reverse
from wagtail.models import Page

from tests.factories import StandardPageFactory
from translation.builders import translate

pytestmark = pytest.mark.django_db

PRIVACY_ES = {
    "Privacy": "Privacidad",
    "privacy": "privacidad",
    "We keep little.": "Guardamos poco.",
}


def refused(response):
    """403, or Wagtail's redirect to its dashboard, which it uses for PermissionDenied."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    )


@pytest.fixture
def privacy(home, home_es, spanish, roles, django_capture_on_commit_callbacks):
    """/es/privacidad/, live: the page every Spanish sign form links to."""
    page = StandardPageFactory(
        parent=home, slug="privacy", title="Privacy", body="<p>We keep little.</p>"
    )
    with django_capture_on_commit_callbacks(execute=True):
        translate(page, spanish, PRIVACY_ES)
    return page, page.get_translation(spanish).specific


@pytest.fixture
def draft_es(home, home_es, spanish, roles, translator, django_capture_on_commit_callbacks):
    """A Spanish draft the translator owns: Wagtail alone would let its owner delete it."""
    page = StandardPageFactory(parent=home, slug="faq", title="FAQ")
    with django_capture_on_commit_callbacks(execute=True):
        translate(page, spanish, {"FAQ": "Preguntas"}, publish=False)
    es = page.get_translation(spanish).specific
    Page.objects.filter(pk=es.pk).update(owner=translator)
    return es


def test_spanish_privacy_page_is_live(client, privacy):
    assert client.get("/es/privacidad/").status_code == 200


# Convert to alias ----------------------------------------------------------------------


def test_translator_cannot_convert_a_live_translation_to_an_alias(client, privacy, translator):
    _en, es = privacy
    client.force_login(translator)
    url = reverse("wagtail_localize:convert_to_alias", args=[es.id])
    assert refused(client.get(url))
    assert refused(client.post(url))
    # The edit form's menu item posts here and is redirected to the view above.
    assert refused(
        client.post(
            reverse("wagtailadmin_pages:edit", args=[es.id]), {"localize-convert-to-alias": "1"}
        )
    )
    es.refresh_from_db()
    assert es.alias_of_id is None
    assert client.get("/es/privacidad/").status_code == 200


def test_editor_can_convert_a_translation_to_an_alias(client, privacy, editor):
    en, es = privacy
    client.force_login(editor)
    response = client.post(reverse("wagtail_localize:convert_to_alias", args=[es.id]))
    assert response.status_code == 302
    es.refresh_from_db()
    assert es.alias_of_id == en.id


def test_translation_editor_offers_a_translator_no_alias_delete_or_unpublish(
    client, privacy, translator
):
    _en, es = privacy
    client.force_login(translator)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[es.id])).content.decode()
    props = json.loads(
        re.search(r'class="js-translation-editor" data-props="([^"]*)"', html)
        .group(1)
        .replace("&quot;", '"')
        .replace("&amp;", "&")
        .replace("&#x27;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
    )
    assert props["links"]["convertToAliasUrl"] is None
    assert props["links"]["deleteUrl"] is None
    assert not props["perms"]["canDelete"]
    assert not props["perms"]["canUnpublish"]
    assert not props["perms"]["canPublish"]
    assert "convert_to_alias" not in html


def test_translation_editor_still_offers_the_editor_alias_and_delete(client, privacy, editor):
    _en, es = privacy
    client.force_login(editor)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[es.id])).content.decode()
    assert reverse("wagtail_localize:convert_to_alias", args=[es.id]) in html
    assert "&quot;canDelete&quot;: true" in html


# Delete, unpublish, move, publish -------------------------------------------------------


def test_translator_cannot_delete_even_their_own_draft(client, draft_es, translator):
    client.force_login(translator)
    url = reverse("wagtailadmin_pages:delete", args=[draft_es.id])
    assert refused(client.get(url))
    assert refused(client.post(url))
    assert Page.objects.filter(pk=draft_es.pk).exists()


def test_translator_cannot_delete_a_live_page(client, privacy, translator):
    _en, es = privacy
    client.force_login(translator)
    assert refused(client.post(reverse("wagtailadmin_pages:delete", args=[es.id])))
    assert client.get("/es/privacidad/").status_code == 200


def test_editor_can_delete_a_spanish_page(client, draft_es, editor):
    client.force_login(editor)
    response = client.post(reverse("wagtailadmin_pages:delete", args=[draft_es.id]))
    assert response.status_code == 302 and not refused(response)
    assert not Page.objects.filter(pk=draft_es.pk).exists()


def test_translator_cannot_unpublish(client, privacy, translator):
    _en, es = privacy
    client.force_login(translator)
    url = reverse("wagtailadmin_pages:unpublish", args=[es.id])
    assert refused(client.get(url))
    assert refused(client.post(url))
    assert client.get("/es/privacidad/").status_code == 200


def test_editor_can_unpublish(client, privacy, editor, django_capture_on_commit_callbacks):
    _en, es = privacy
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("wagtailadmin_pages:unpublish", args=[es.id]))
    assert response.status_code == 302 and not refused(response)
    es.refresh_from_db()
    assert not es.live


def test_translator_cannot_move_a_page(client, privacy, draft_es, translator):
    _en, es = privacy
    client.force_login(translator)
    url = reverse("wagtailadmin_pages:move_confirm", args=[draft_es.id, es.id])
    assert refused(client.get(url))
    assert refused(client.post(url))
    assert Page.objects.get(pk=draft_es.pk).get_parent().pk != es.pk


def test_editor_can_move_a_page(client, privacy, draft_es, editor):
    _en, es = privacy
    client.force_login(editor)
    response = client.post(reverse("wagtailadmin_pages:move_confirm", args=[draft_es.id, es.id]))
    assert response.status_code == 302 and not refused(response)
    assert Page.objects.get(pk=draft_es.pk).get_parent().pk == es.pk


def test_translator_cannot_publish_from_the_translation_editor(client, draft_es, translator):
    client.force_login(translator)
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[draft_es.id]), {"action": "publish"}
    )
    assert refused(response)
    draft_es.refresh_from_db()
    assert not draft_es.live


# Buttons in the page listing and header ------------------------------------------------


def test_page_listing_shows_a_translator_no_delete_move_or_unpublish(
    client, privacy, draft_es, translator, home_es
):
    _en, es = privacy
    client.force_login(translator)
    html = client.get(reverse("wagtailadmin_explore", args=[home_es.id])).content.decode()
    for page in (es, draft_es):
        assert reverse("wagtailadmin_pages:delete", args=[page.id]) not in html
        assert reverse("wagtailadmin_pages:move", args=[page.id]) not in html
    assert reverse("wagtailadmin_pages:unpublish", args=[es.id]) not in html
    # The header of the page's own listing neither.
    html = client.get(reverse("wagtailadmin_explore", args=[es.id])).content.decode()
    assert reverse("wagtailadmin_pages:delete", args=[es.id]) not in html
    assert reverse("wagtailadmin_pages:unpublish", args=[es.id]) not in html


def test_page_listing_shows_the_editor_delete_move_and_unpublish(client, privacy, editor, home_es):
    _en, es = privacy
    client.force_login(editor)
    html = client.get(reverse("wagtailadmin_explore", args=[home_es.id])).content.decode()
    assert reverse("wagtailadmin_pages:delete", args=[es.id]) in html
    assert reverse("wagtailadmin_pages:move", args=[es.id]) in html
    assert reverse("wagtailadmin_pages:unpublish", args=[es.id]) in html


def test_edit_form_menu_offers_a_translator_no_convert_to_alias(
    client, privacy, translator, spanish, django_capture_on_commit_callbacks
):
    """Once a synced translation is stopped, the page has Wagtail's own edit form, whose
    action menu wagtail-localize extends with "Convert to alias page"."""
    from wagtail_localize.models import Translation

    _en, es = privacy
    Translation.objects.filter(target_locale=spanish).update(enabled=False)
    client.force_login(translator)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[es.id])).content.decode()
    assert "localize-convert-to-alias" not in html
    assert "Convert to alias page" not in html


# Stop synced translation, and syncing --------------------------------------------------


def _translation_of(es):
    from wagtail_localize.models import Translation

    return Translation.objects.get(source__object_id=es.translation_key, target_locale=es.locale)


def test_translator_cannot_stop_a_synced_translation(client, privacy, translator):
    """Stopping cuts the Spanish page loose from the English one: an editor's decision."""
    _en, es = privacy
    translation = _translation_of(es)
    client.force_login(translator)
    assert refused(
        client.post(
            reverse("wagtail_localize:stop_translation", args=[translation.id]),
            {"next": reverse("translation:dashboard")},
        )
    )
    translation.refresh_from_db()
    assert translation.enabled


def test_editor_can_stop_a_synced_translation(client, privacy, editor):
    _en, es = privacy
    translation = _translation_of(es)
    client.force_login(editor)
    response = client.post(
        reverse("wagtail_localize:stop_translation", args=[translation.id]),
        {"next": reverse("translation:dashboard")},
    )
    assert response.status_code == 302 and not refused(response)
    translation.refresh_from_db()
    assert not translation.enabled


def test_translation_editor_hides_stop_from_a_translator_only(client, privacy, translator, editor):
    """wagtail-localize always draws "Stop Synced translation", and for a translator it
    was the footer's one big button: their page hides it (Preview stays)."""
    _en, es = privacy
    hide = '.footer .w-dropdown-button:has(> [data-w-action-url-value$="/disable/"])'
    url = reverse("wagtailadmin_pages:edit", args=[es.id])
    client.force_login(translator)
    assert hide in client.get(url).content.decode()
    client.force_login(editor)
    assert hide not in client.get(url).content.decode()


def test_sync_page_offers_a_translator_no_publish_immediately(client, privacy, translator):
    """Ticking it could only end on "permission denied": it is not offered at all."""
    _en, es = privacy
    source = _translation_of(es).source
    client.force_login(translator)
    response = client.get(reverse("wagtail_localize:update_translations", args=[source.id]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Publish immediately" not in html
    assert 'type="checkbox" name="publish_translations"' not in html
    # Syncing itself still works, and leaves the Spanish page as readers see it.
    response = client.post(reverse("wagtail_localize:update_translations", args=[source.id]))
    assert response.status_code == 302 and not refused(response)
    assert client.get("/es/privacidad/").status_code == 200


def test_sync_page_still_offers_the_editor_publish_immediately(client, privacy, editor):
    _en, es = privacy
    source = _translation_of(es).source
    client.force_login(editor)
    html = client.get(
        reverse("wagtail_localize:update_translations", args=[source.id])
    ).content.decode()
    assert 'type="checkbox" name="publish_translations"' in html
