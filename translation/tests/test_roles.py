"""Translators edit Spanish drafts only; editors review and publish them."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import GroupPagePermission, Page, WorkflowPage, WorkflowState

from home.roles import EDITORS, REVIEW_WORKFLOW, TRANSLATORS, ensure_roles
from tests.factories import OrganisationDetailsFactory, StandardPageFactory
from translation.builders import translate
from translation.tests.helpers import put_string

pytestmark = pytest.mark.django_db

ABOUT_ES = {"About us": "Quiénes somos", "about": "quienes-somos", "Some words.": "Unas palabras."}


def _refused(response):
    """403, or Wagtail's admin redirect to its dashboard that it uses for PermissionDenied."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    )


@pytest.fixture
def about(home, home_es, spanish, roles, django_capture_on_commit_callbacks):
    """An English page with a Spanish draft translation (not published)."""
    page = StandardPageFactory(parent=home, slug="about", title="About us")
    with django_capture_on_commit_callbacks(execute=True):
        translate(page, spanish, {"About us": "Quiénes somos"}, publish=False)
    return page, page.get_translation(spanish).specific


def test_migrate_creates_the_groups_and_the_review_workflow():
    from wagtail.models import Workflow

    assert set(Group.objects.values_list("name", flat=True)) >= {TRANSLATORS, EDITORS}
    assert Workflow.objects.filter(name=REVIEW_WORKFLOW).exists()


def test_roles_are_created_once_however_often_migrate_runs(home_es):
    ensure_roles()
    ensure_roles()
    assert Group.objects.filter(name=TRANSLATORS).count() == 1
    assert Group.objects.filter(name=EDITORS).count() == 1
    home_es_page = Page.objects.get(depth=2, locale__language_code="es")
    assert (
        GroupPagePermission.objects.filter(group__name=TRANSLATORS, page=home_es_page).count() == 2
    )
    assert WorkflowPage.objects.get(page=home_es_page).workflow.name == REVIEW_WORKFLOW


def test_spanish_home_gets_translator_permissions_when_it_is_created(home_es):
    """The on_commit handler ran when the fixture translated the home page."""
    perms = set(
        GroupPagePermission.objects.filter(group__name=TRANSLATORS).values_list(
            "page__locale__language_code", "permission__codename"
        )
    )
    assert perms == {("es", "add_page"), ("es", "change_page")}


def test_translators_hold_no_permission_outside_translation(roles):
    from home.roles import translatable_snippet_models

    codenames = set(
        Group.objects.get(name=TRANSLATORS).permissions.values_list(
            "content_type__app_label", "codename"
        )
    )
    # Discovered, so translatable snippets from other apps join automatically; nothing
    # else (no view, add or delete, nothing about people's responses) ever does.
    assert codenames == {
        ("wagtailadmin", "access_admin"),
        ("wagtail_localize", "submit_translation"),
        *{
            (m._meta.app_label, f"change_{m._meta.model_name}")
            for m in translatable_snippet_models()
        },
    }
    assert ("home", "change_organisationdetails") in codenames


def test_translator_can_open_the_spanish_translation_editor(client, about, translator):
    _en, es = about
    client.force_login(translator)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[es.id]))
    assert response.status_code == 200
    assert b"wagtail_localize" in response.content or b"translation-editor" in response.content


def test_translator_cannot_edit_the_english_page(client, about, translator):
    en, _es = about
    client.force_login(translator)
    assert _refused(client.get(reverse("wagtailadmin_pages:edit", args=[en.id])))
    assert not en.permissions_for_user(translator).can_edit()


def test_translator_cannot_publish_the_spanish_page(client, about, translator):
    _en, es = about
    client.force_login(translator)
    assert es.permissions_for_user(translator).can_edit()
    assert not es.permissions_for_user(translator).can_publish()
    response = client.post(reverse("wagtailadmin_pages:edit", args=[es.id]), {"action": "publish"})
    # Wagtail's admin answers PermissionDenied by sending the user to the dashboard.
    assert _refused(response)
    es.refresh_from_db()
    assert not es.live


def test_editor_can_publish_the_spanish_page(
    client, about, editor, django_capture_on_commit_callbacks
):
    _en, es = about
    client.force_login(editor)
    assert es.permissions_for_user(editor).can_publish()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("wagtailadmin_pages:edit", args=[es.id]), {"action": "publish"}
        )
    assert response.status_code == 302
    es.refresh_from_db()
    assert es.live and es.title == "Quiénes somos"


def test_translator_edits_the_spanish_snippet_but_not_the_english(
    client, spanish, translator, django_capture_on_commit_callbacks
):
    org = OrganisationDetailsFactory()
    with django_capture_on_commit_callbacks(execute=True):
        translate(org, spanish, {"Haven Test Network": "Red Haven de Prueba"})
    org_es = org.get_translation(spanish)
    client.force_login(translator)
    spanish_url = reverse("wagtailsnippets_home_organisationdetails:edit", args=[org_es.pk])
    english_url = reverse("wagtailsnippets_home_organisationdetails:edit", args=[org.pk])
    assert client.get(spanish_url).status_code == 200
    assert _refused(client.get(english_url))
    response = client.post(english_url, {"name": "Hijacked", "tagline": "", "footer_note": ""})
    assert _refused(response)
    org.refresh_from_db()
    assert org.name == "Haven Test Network"


def test_translator_cannot_reach_the_users_area(client, roles, translator):
    client.force_login(translator)
    assert _refused(client.get(reverse("wagtailusers_users:index")))


def test_full_review_path_from_translator_to_published_spanish_page(
    client, about, translator, editor, django_capture_on_commit_callbacks
):
    en, es = about
    client.force_login(translator)
    # The translator finishes the strings through the editor's API...
    from wagtail_localize.models import StringSegment, TranslationSource

    source = TranslationSource.objects.get_for_instance(en)
    translation = source.translations.get(target_locale=es.locale)
    for segment in StringSegment.objects.filter(source=source).select_related("string"):
        response = put_string(client, translation, segment, ABOUT_ES[segment.string.data])
        assert response.status_code in (200, 201)
    # ...and sends it for review; nothing is published yet.
    url = reverse("translation:submit_for_review", args=[es.id])
    assert "Submit for review" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response.status_code == 302
    state = WorkflowState.objects.get(object_id=str(es.id), status="in_progress")
    assert state.workflow.name == REVIEW_WORKFLOW
    assert client.get("/es/quienes-somos/").status_code == 404

    # The editor approves, which publishes the submitted revision.
    client.force_login(editor)
    task_state = state.current_task_state
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("wagtailadmin_pages:workflow_action", args=[es.id, "approve", task_state.id])
        )
    assert response.status_code in (200, 302)
    es.refresh_from_db()
    assert es.live
    html = client.get("/es/quienes-somos/").content.decode()
    assert "Quiénes somos" in html and "Unas palabras." in html


def test_translator_sees_a_submit_for_review_button_in_the_page_listing(
    client, about, translator, home_es
):
    _en, es = about
    client.force_login(translator)
    html = client.get(reverse("wagtailadmin_explore", args=[home_es.id])).content.decode()
    assert reverse("translation:submit_for_review", args=[es.id]) in html


@pytest.fixture
def live_faq(home, home_es, spanish, roles, django_capture_on_commit_callbacks):
    """A Spanish page published complete, then its English source grows a paragraph."""
    page = StandardPageFactory(parent=home, slug="faq", title="FAQ", body="<p>One.</p>")
    with django_capture_on_commit_callbacks(execute=True):
        translate(page, spanish, {"FAQ": "Preguntas", "faq": "preguntas", "One.": "Uno."})
    page.body = "<p>One.</p><p>Two in English.</p>"
    page.save_revision().publish()
    return page, page.get_translation(spanish).specific


def test_translator_cannot_publish_through_sync_publish_immediately(
    client, live_faq, translator, django_capture_on_commit_callbacks
):
    from wagtail_localize.models import TranslationSource

    page, _es = live_faq
    source = TranslationSource.objects.get_for_instance(page)
    url = reverse("wagtail_localize:update_translations", args=[source.id])
    client.force_login(translator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"publish_translations": "on"})
    assert _refused(response)
    assert "Two in English." not in client.get("/es/preguntas/").content.decode()
    # Syncing without publishing is the translator's normal way to bring changes in.
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, {}).status_code == 302
    assert "Two in English." not in client.get("/es/preguntas/").content.decode()


def test_submitting_an_update_for_review_keeps_the_live_spanish_page_unchanged(
    client, live_faq, translator, editor, django_capture_on_commit_callbacks
):
    from wagtail_localize.models import StringSegment, TranslationSource

    page, es = live_faq
    source = TranslationSource.objects.get_for_instance(page)
    source.update_from_db()
    translation = source.translations.get(target_locale=es.locale)
    client.force_login(translator)
    segment = StringSegment.objects.get(source=source, string__data="Two in English.")
    put_string(client, translation, segment, "Dos en español.")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("translation:submit_for_review", args=[es.id]))
    html = client.get("/es/preguntas/").content.decode()
    assert "Uno." in html and "Dos en español." not in html and "Two in English." not in html

    client.force_login(editor)
    task_state = WorkflowState.objects.get(object_id=str(es.id)).current_task_state
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("wagtailadmin_pages:workflow_action", args=[es.id, "approve", task_state.id])
        )
    assert "Dos en español." in client.get("/es/preguntas/").content.decode()


def test_translator_cannot_delete_a_spanish_draft(client, about, translator):
    _en, es = about
    client.force_login(translator)
    response = client.post(reverse("wagtailadmin_pages:delete", args=[es.id]))
    assert _refused(response)
    assert Page.objects.filter(id=es.id).exists()


def test_translator_saves_spanish_snippet_strings_but_an_editor_publishes_them(
    client, spanish, translator, editor, django_capture_on_commit_callbacks
):
    from wagtail_localize.models import StringSegment, TranslationSource

    org = OrganisationDetailsFactory()
    with django_capture_on_commit_callbacks(execute=True):
        translate(org, spanish, {"Haven Test Network": "Red Haven de Prueba"})
    org_es = org.get_translation(spanish)
    source = TranslationSource.objects.get_for_instance(org)
    translation = source.translations.get(target_locale=spanish)
    segment = StringSegment.objects.get(
        source=source, string__data="Case stories and urgent actions"
    )
    url = reverse("wagtailsnippets_home_organisationdetails:edit", args=[org_es.pk])

    client.force_login(translator)
    assert put_string(client, translation, segment, "Historias y acciones").status_code == 201
    with django_capture_on_commit_callbacks(execute=True):
        assert _refused(client.post(url, {"action": "publish"}))
    org_es.refresh_from_db()
    assert org_es.tagline == "Case stories and urgent actions"

    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"action": "publish"})
    org_es.refresh_from_db()
    assert org_es.tagline == "Historias y acciones"


def test_translation_editor_header_offers_submit_for_review(client, about, translator):
    _en, es = about
    client.force_login(translator)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[es.id])).content.decode()
    assert reverse("translation:submit_for_review", args=[es.id]) in html


def test_an_incomplete_translation_cannot_be_sent_for_review(client, about, translator):
    _en, es = about
    client.force_login(translator)
    url = reverse("translation:submit_for_review", args=[es.id])
    assert "2 strings still need Spanish." in client.get(url).content.decode()
    response = client.post(url, follow=True)
    assert "2 strings still need Spanish." in response.content.decode()
    assert not WorkflowState.objects.filter(object_id=str(es.id)).exists()


def test_translator_starts_spanish_translations_but_never_creates_english_pages(
    client, home, home_es, spanish, english, translator, django_capture_on_commit_callbacks
):
    press = StandardPageFactory(parent=home, slug="press", title="Press")
    client.force_login(translator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("wagtail_localize:submit_page_translation", args=[press.id]),
            {"locales": [spanish.id]},
        )
    assert response.status_code == 302
    press_es = press.get_translation(spanish)
    assert not press_es.live

    # A Spanish-only page may not be turned into an English one by a translator.
    spanish_only = StandardPageFactory(parent=home_es, slug="solo", title="Solo", locale=spanish)
    url = reverse("wagtail_localize:submit_page_translation", args=[spanish_only.id])
    assert _refused(client.get(url))
    assert _refused(client.post(url, {"locales": [english.id]}))
    assert spanish_only.get_translation_or_none(english) is None


def test_migrate_grants_every_group_its_permissions_and_no_one_elses(db):
    """One post_migrate handler (home/roles.py) makes all four groups."""
    from home.roles import CAMPAIGN_MANAGERS, MODERATORS

    def codenames(name):
        return set(Group.objects.get(name=name).permissions.values_list("codename", flat=True))

    managers, editors = codenames(CAMPAIGN_MANAGERS), codenames(EDITORS)
    allowed_networks = {f"{a}_allowednetwork" for a in ("add", "change", "delete", "view")}
    assert managers == {"access_admin", "view_personal_data", *allowed_networks}
    assert not allowed_networks & (editors | codenames(TRANSLATORS))
    assert {"add_consentrecord", "change_consentrecord", "submit_translation"} <= editors
    assert "delete_consentrecord" in codenames(MODERATORS)
    assert "view_personal_data" not in editors | codenames(TRANSLATORS) | codenames(MODERATORS)
    assert not {c for c in codenames(TRANSLATORS) if c.endswith("consentrecord")}
