"""Campaign state is one fact in every language (home/shared_state.py).

An editor closes, wins or moves the deadline of an action, or resolves a story, in one
language: every translation shows it at once and refuses responses, with no sync and no
second publish; publishing a translation cannot undo it.
"""

import datetime

import pytest
from django.utils import timezone

from actions.models import ActionResponse, ActionState, ActionTarget, UrgentActionPage
from stories.models import CaseStoryPage, StoryState
from tests.actions_helpers import *  # noqa: F403  (fixtures)
from tests.actions_helpers import ACTION_ES, sign_data
from tests.factories_officials import TargetFactory
from tests.factories_stories import (
    INDEX_ES,
    CaseIndexPageFactory,
    CaseStoryPageFactory,
    translate_page,
)
from translation.builders import translate

pytestmark = pytest.mark.django_db


def _publish(page, **changes):
    page = type(page).objects.get(pk=page.pk)
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return page


def _spanish_form(client, action_es):
    """The Spanish sign form as a reader received it (before anything was closed), filled in.

    The form's single-use token is fetched by script (actions/formtoken.py); the closed
    check comes before any token check, so the post is refused whatever its token.
    """
    html = client.get(action_es.url).content.decode()
    assert 'name="sign-email"' in html
    return sign_data()


def test_english_action_won_refuses_a_spanish_signature_from_an_open_form(
    client, action, action_es
):
    data = _spanish_form(client, action_es)
    _publish(action, status="won")
    response = client.post(action_es.url + "sign/", data)
    html = response.content.decode()
    assert response.status_code == 409
    assert response["Content-Language"] == "es"
    assert "Ganamos" in html
    assert "Su respuesta no se registró" in html
    # What the reader typed comes back to them; nothing was stored.
    assert "Pérez" in html and "ana.perez@example.org" in html and "20001" in html
    assert ActionResponse.objects.count() == 0
    assert "private" in response["Cache-Control"]


def test_action_won_before_its_deadline_names_no_closing_date_in_either_language(
    client, action, action_es
):
    """The deadline is still ahead: "Closed on" that date would be false."""
    _publish(action, status="won")
    english = client.get(action.url).content.decode()
    spanish = client.get(action_es.url).content.decode()
    assert "Closed on:" not in english and "Deadline:" not in english
    assert "Cerrada el:" not in spanish and "Fecha límite:" not in spanish
    # Once the deadline has passed, the date it closed on is true again.
    _publish(action, deadline=timezone.now() - datetime.timedelta(days=1))
    assert "Closed on:" in client.get(action.url).content.decode()
    assert "Cerrada el:" in client.get(action_es.url).content.decode()


def test_english_deadline_moved_into_the_past_closes_the_spanish_page(client, action, action_es):
    data = _spanish_form(client, action_es)
    _publish(action, deadline=timezone.now() - datetime.timedelta(minutes=5))
    spanish_row = UrgentActionPage.objects.get(pk=action_es.pk)
    assert spanish_row.deadline < timezone.now()
    assert "Esta acción se ha cerrado" in client.get(action_es.url).content.decode()
    response = client.post(action_es.url + "sign/", data)
    assert response.status_code == 409
    assert "ana.perez@example.org" in response.content.decode()
    assert ActionResponse.objects.count() == 0
    assert client.get(action_es.url + "count/").json()["open"] is False


def test_spanish_call_and_email_logs_are_refused_once_closed_with_values_kept(
    client, action, action_es
):
    _publish(action, status="lost")
    call = client.post(
        action_es.url + "call/",
        {"step": "log", "log-outcome": "talked", "log-token": "t" * 24, "log-zip": "20001"},
    )
    assert call.status_code == 409
    assert "No ganamos esta vez" in call.content.decode()
    assert "Hablé con el personal" in call.content.decode()
    email = client.post(
        action_es.url + "email/",
        {"step": "sent", "sent-subject": "Libérenla", "sent-body": "Mi mensaje escrito."},
    )
    assert email.status_code == 409
    assert "Mi mensaje escrito." in email.content.decode()
    assert ActionResponse.objects.count() == 0


def test_publishing_the_spanish_page_cannot_reopen_the_action(client, action, action_es):
    _publish(action, status="closed")
    # An editor (or a stale translation snapshot) publishes the Spanish page as "open".
    _publish(action_es, status="open", deadline=timezone.now() + datetime.timedelta(days=30))
    spanish = UrgentActionPage.objects.get(pk=action_es.pk)
    assert spanish.status == "closed"
    assert ActionState.objects.get(translation_key=action.translation_key).status == "closed"
    response = client.post(action_es.url + "sign/", sign_data())
    assert response.status_code == 409
    assert ActionResponse.objects.count() == 0


def test_republishing_the_translation_from_its_snapshot_keeps_it_closed(
    client, action, action_es, spanish, django_capture_on_commit_callbacks
):
    _publish(action, status="won")
    with django_capture_on_commit_callbacks(execute=True):
        translate(action, spanish, {**ACTION_ES, "Sign the letter": "Firme esta carta"})
    html = client.get(action_es.url).content.decode()
    assert "Ganamos" in html
    assert 'name="sign-email"' not in html


def test_spanish_edit_form_shows_shared_fields_read_only(action, action_es, admin_user):
    _publish(action, status="won")
    form_class = UrgentActionPage.get_edit_handler().get_form_class()
    form = form_class(instance=action_es, for_user=admin_user)
    assert form.fields["status"].disabled
    assert "English" in str(form.fields["status"].help_text)
    assert form.initial["status"] == "won"
    english_form = form_class(instance=action, for_user=admin_user)
    assert not english_form.fields["status"].disabled


def test_untranslated_outcome_message_shows_english_with_a_spanish_note(
    client, action, action_es, spanish, django_capture_on_commit_callbacks
):
    _publish(action, status="won", outcome_message="<p>The family is free.</p>")
    html = client.get(action_es.url).content.decode()
    assert "Ganamos" in html
    assert '<div class="action__outcome" lang="en">' in html
    assert "The family is free." in html
    assert "Este mensaje aún no está traducido." in html
    with django_capture_on_commit_callbacks(execute=True):
        translate(action, spanish, {**ACTION_ES, "The family is free.": "La familia es libre."})
    html = client.get(action_es.url).content.decode()
    assert "La familia es libre." in html
    assert "The family is free." not in html
    assert "aún no está traducido" not in html


def test_chosen_officials_and_phone_numbers_come_from_the_english_page(client, action, action_es):
    director = TargetFactory(custom=True, title="Field Office Director", last_name="Ramos")
    english = UrgentActionPage.objects.get(pk=action.pk)
    english.action_targets.add(ActionTarget(target=director))
    ways = english.ways_to_act.raw_data
    for block in ways:
        if block["type"] == "call":
            for item in block["value"]["numbers"]:
                (item.get("value") or item)["number"] = "(202) 555-0199"
    english.ways_to_act = ways
    english.save_revision().publish()
    spanish = UrgentActionPage.objects.get(pk=action_es.pk)
    assert [t.pk for t in spanish.get_chosen_targets()] == [director.pk]
    assert list(spanish.action_targets.values_list("target_id", flat=True)) == [director.pk]
    html = client.get(action_es.url).content.decode()
    assert "(202) 555-0199" in html
    assert "(202) 555-0100" not in html


def test_spanish_first_campaign_is_decided_on_its_spanish_page(
    client, action_index, home_es, spanish, english, django_capture_on_commit_callbacks
):
    from tests.factories_actions import UrgentActionPageFactory

    with django_capture_on_commit_callbacks(execute=True):
        translate(action_index, spanish, ACTION_ES)
    index_es = action_index.get_translation(spanish)
    original = UrgentActionPageFactory(parent=index_es, slug="liberen", locale=spanish)
    with django_capture_on_commit_callbacks(execute=True):
        translate(original, english, {})
    translated = original.get_translation(english).specific
    _publish(original, status="won")
    assert UrgentActionPage.objects.get(pk=translated.pk).status == "won"
    _publish(translated, status="open")
    assert UrgentActionPage.objects.get(pk=translated.pk).status == "won"


# Stories ---------------------------------------------------------------------------------


@pytest.fixture
def story_pair(home, home_es, spanish, django_capture_on_commit_callbacks):
    index = CaseIndexPageFactory(parent=home)
    translate_page(index, spanish, INDEX_ES, django_capture_on_commit_callbacks)
    story = CaseStoryPageFactory(parent=index, slug="rosa", title="Rosa")
    story_es = translate_page(story, spanish, {"Rosa": "Rosa"}, django_capture_on_commit_callbacks)
    return story, story_es


def test_story_outcome_recorded_in_english_shows_on_the_spanish_story_at_once(client, story_pair):
    story, story_es = story_pair
    _publish(story, status="resolved", outcome="released", outcome_date=datetime.date(2026, 3, 2))
    html = client.get(story_es.url).content.decode()
    assert "Liberación" in html
    assert "2 de marzo de 2026" in html
    row = CaseStoryPage.objects.get(pk=story_es.pk)
    assert (row.status, row.outcome) == ("resolved", "released")
    index_html = client.get(story_es.get_parent().url).content.decode()
    assert "Historias de casos" in index_html


def test_publishing_the_spanish_story_cannot_undo_the_outcome(client, story_pair):
    story, story_es = story_pair
    _publish(story, status="resolved", outcome="released")
    _publish(story_es, status="active", outcome="")
    row = CaseStoryPage.objects.get(pk=story_es.pk)
    assert (row.status, row.outcome) == ("resolved", "released")
    assert StoryState.objects.get(translation_key=story.translation_key).status == "resolved"


def test_data_migration_fills_state_from_the_source_page_and_realigns_translations(
    action, action_es
):
    import importlib

    from django.apps import apps

    ActionState.objects.all().delete()
    UrgentActionPage.objects.filter(pk=action.pk).update(status="won")
    UrgentActionPage.objects.filter(pk=action_es.pk).update(status="open")
    migration = importlib.import_module("actions.migrations.0010_shared_state")
    migration.fill(apps, None)
    state = ActionState.objects.get(translation_key=action.translation_key)
    assert (state.status, state.source_page_id) == ("won", action.pk)
    assert [n["number"] for n in state.call_numbers] == ["(202) 555-0100"]
    assert UrgentActionPage.objects.get(pk=action_es.pk).status == "won"


def test_closing_in_english_purges_the_spanish_page_from_the_shared_cache(
    action, action_es, settings, monkeypatch, django_capture_on_commit_callbacks
):
    from wagtail.contrib.frontend_cache.utils import PurgeBatch

    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": "http://127.0.0.1:9",
        }
    }
    purged = []
    monkeypatch.setattr(PurgeBatch, "purge", lambda self, **kwargs: purged.extend(self.urls))
    with django_capture_on_commit_callbacks(execute=True):
        _publish(action, status="closed")
    assert any(url.endswith(action_es.url) for url in purged)
    assert any(url.endswith(action_es.url + "count/") for url in purged)


def test_a_translation_published_before_any_state_keeps_its_own_outcome_message(
    client, action, action_es
):
    """The state is recorded on the Spanish publish, from the English page: the English
    message dates from the English publish, so the newer Spanish text is current."""
    _publish(action, status="won", outcome_message="<p>The family is free.</p>")
    ActionState.objects.filter(translation_key=action.translation_key).delete()
    _publish(action_es, outcome_message="<p>La familia es libre.</p>")
    state = ActionState.objects.get(translation_key=action.translation_key)
    english = UrgentActionPage.objects.get(pk=action.pk)
    assert state.outcome_changed_at == english.last_published_at
    html = client.get(action_es.url).content.decode()
    assert "La familia es libre." in html
    assert "aún no está traducido" not in html
