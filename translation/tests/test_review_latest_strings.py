"""What the editor approves is the translation as it is at approval: strings a
translator fixes after "Submit for review" are published too, and approving says so."""

import pytest
from django.urls import reverse
from wagtail.models import WorkflowState
from wagtail.users.models import UserProfile
from wagtail_localize.models import StringSegment, TranslationSource

from tests.factories import StandardPageFactory
from translation.builders import translate
from translation.tests.helpers import put_string

pytestmark = pytest.mark.django_db

ABOUT_ES = {"About us": "Quiénes somos", "about": "quienes-somos", "Some words.": "Unas palabras."}


@pytest.fixture
def submitted(
    client, home, home_es, spanish, roles, translator, django_capture_on_commit_callbacks
):
    """A Spanish page translated in full by the translator and sent for review."""
    page = StandardPageFactory(
        parent=home, slug="about", title="About us", body="<p>Some words.</p>"
    )
    with django_capture_on_commit_callbacks(execute=True):
        translate(page, spanish, {"About us": "Quiénes somos"}, publish=False)
    es = page.get_translation(spanish).specific
    source = TranslationSource.objects.get_for_instance(page)
    translation = source.translations.get(target_locale=spanish)
    client.force_login(translator)
    for segment in StringSegment.objects.filter(source=source).select_related("string"):
        put_string(client, translation, segment, ABOUT_ES[segment.string.data])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("translation:submit_for_review", args=[es.id]))
    state = WorkflowState.objects.get(object_id=str(es.id), status="in_progress")
    return es, translation, state


def fix_string_after_submitting(client, translation, english, spanish_text):
    segment = StringSegment.objects.get(source=translation.source, string__data=english)
    response = put_string(client, translation, segment, spanish_text)
    assert response.status_code in (200, 201)


def approve(client, es, state, capture):
    with capture(execute=True):
        return client.post(
            reverse(
                "wagtailadmin_pages:workflow_action",
                args=[es.id, "approve", state.current_task_state.id],
            ),
            follow=True,
        )


def test_strings_fixed_after_submitting_are_in_the_approved_page(
    client, submitted, editor, django_capture_on_commit_callbacks
):
    es, translation, state = submitted
    fix_string_after_submitting(client, translation, "Some words.", "Unas pocas palabras.")
    client.force_login(editor)
    response = approve(client, es, state, django_capture_on_commit_callbacks)
    assert "&#x27;Quiénes somos&#x27; was approved and is now live." in response.content.decode()
    es.refresh_from_db()
    assert es.live
    html = client.get("/es/quienes-somos/").content.decode()
    assert "Unas pocas palabras." in html
    assert "Unas palabras." not in html


def test_without_later_changes_the_submitted_translation_is_published(
    client, submitted, editor, django_capture_on_commit_callbacks
):
    es, _translation, state = submitted
    client.force_login(editor)
    approve(client, es, state, django_capture_on_commit_callbacks)
    assert "Unas palabras." in client.get("/es/quienes-somos/").content.decode()


def test_approval_message_is_in_the_editors_language(
    client, submitted, editor, django_capture_on_commit_callbacks
):
    es, _translation, state = submitted
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "es"
    profile.save()
    client.force_login(editor)
    response = approve(client, es, state, django_capture_on_commit_callbacks)
    assert (
        "&#x27;Quiénes somos&#x27; fue aprobada y ya está publicada." in response.content.decode()
    )


def test_submit_screen_says_later_fixes_are_included(
    client, home, home_es, spanish, roles, translator, django_capture_on_commit_callbacks
):
    page = StandardPageFactory(
        parent=home, slug="about", title="About us", body="<p>Some words.</p>"
    )
    with django_capture_on_commit_callbacks(execute=True):
        translate(page, spanish, ABOUT_ES, publish=False)
    es = page.get_translation(spanish)
    client.force_login(translator)
    html = client.get(reverse("translation:submit_for_review", args=[es.id])).content.decode()
    assert "the strings you save until the editor approves are the ones published" in html


def test_dashboard_shows_an_approved_translation_as_published_not_awaiting_review(
    client, submitted, editor, django_capture_on_commit_callbacks
):
    """Approval publishes the latest strings: the translators' dashboard must not then say
    "Not published yet" and offer "Submit for review" again."""
    from translation.dashboard import dashboard_rows

    es, translation, state = submitted
    fix_string_after_submitting(client, translation, "Some words.", "Unas pocas palabras.")
    client.force_login(editor)
    approve(client, es, state, django_capture_on_commit_callbacks)
    [row] = [r for r in dashboard_rows() if r.title == "About us"]
    assert not row.unpublished_strings
    assert not row.review_url
    html = client.get(reverse("translation:dashboard")).content.decode()
    row_html = html[html.index('data-row="About us"') :].split("</tr>", 1)[0]
    assert "Not published yet" not in row_html and "Up to date" in row_html
