"""Case-update emails: one per supporter per update, in their language, honouring unsubscribes."""

import pytest
from django.core import mail
from django.utils import timezone

from supporters.models import EmailPreference, NotifiedUpdate, OutboxEmail, email_digest
from supporters.tests.notifications_helpers import *  # noqa: F403  (fixtures)
from supporters.tests.notifications_helpers import UPDATE_ES, _publish, _supporter
from supporters.updates import update_topic
from tests.factories_stories import translate_page

pytestmark = pytest.mark.django_db


def test_each_opted_in_supporter_gets_one_email_across_actions_and_republishing(case):
    first, second = case["actions"]
    _supporter(first, "ana@example.org")
    _supporter(second, "ana@example.org")  # acted on both actions of the case
    _supporter(second, "luis@example.org")
    _supporter(first, "quiet@example.org", opt_in=False)
    _publish(case["story"])
    _publish(case["story"])
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == ["ana@example.org", "luis@example.org"]
    sent = mail.outbox[0]
    assert sent.subject == "Case update: Released on parole"
    assert "She is home with her children." in sent.body
    assert f"/en/cases/rosa/#{case['update'].anchor}" in sent.body
    assert sent.extra_headers["List-Unsubscribe"].startswith("<http://")
    assert NotifiedUpdate.objects.filter(update_key=case["update"].translation_key).exists()


def test_dedupe_key_blocks_a_second_email_even_if_the_marker_is_lost(case):
    _supporter(case["actions"][0], "ana@example.org")
    _publish(case["story"])
    NotifiedUpdate.objects.all().delete()
    _publish(case["story"])
    assert len(mail.outbox) == 1
    key = f"update:{case['update'].translation_key}:{email_digest('ana@example.org')}"
    assert OutboxEmail.objects.get().dedupe_key == key


def test_unticked_update_sends_nothing(case):
    case["update"].notify_supporters = False
    case["update"].save()
    _supporter(case["actions"][0], "ana@example.org")
    _publish(case["story"])
    assert mail.outbox == []


def test_spanish_supporter_gets_english_with_a_spanish_note_when_not_translated(case):
    _supporter(case["actions"][0], "lucia@example.org", language="es")
    _publish(case["story"])
    sent = mail.outbox[0]
    assert sent.subject == "Case update: Released on parole"
    assert "Esta novedad aún no está traducida al español" in sent.body
    assert "/en/cases/rosa/#update-" in sent.body
    assert OutboxEmail.objects.get().language == "en"


def test_spanish_supporter_gets_spanish_when_the_translation_is_published(
    case, spanish, django_capture_on_commit_callbacks
):
    _supporter(case["actions"][0], "lucia@example.org", language="es")
    _supporter(case["actions"][0], "ana@example.org", language="en")
    # Publishing the Spanish translation is the first publish that notifies.
    translate_page(case["story"], spanish, UPDATE_ES, django_capture_on_commit_callbacks)
    by_address = {m.to[0]: m for m in mail.outbox}
    spanish_mail = by_address["lucia@example.org"]
    assert spanish_mail.subject == "Novedad del caso: Liberada bajo palabra"
    assert "Está en casa con sus hijos." in spanish_mail.body
    assert "aún no está traducida" not in spanish_mail.body
    assert f"/es/casos/rosa/#{case['update'].anchor}" in spanish_mail.body
    assert "/es/unsubscribe/" in spanish_mail.body
    assert by_address["ana@example.org"].subject == "Case update: Released on parole"
    assert len(mail.outbox) == 2


def test_unsubscribed_supporter_gets_nothing(case, client):
    _supporter(case["actions"][0], "ana@example.org")
    EmailPreference.objects.create(
        digest=email_digest("ana@example.org"), unsubscribed_at=timezone.now()
    )
    _publish(case["story"])
    assert mail.outbox == []


def test_outbox_topic_groups_the_update_for_editor_counts(case):
    _supporter(case["actions"][0], "ana@example.org")
    _supporter(case["actions"][1], "luis@example.org")
    _publish(case["story"])
    topic = update_topic(case["update"].translation_key)
    assert OutboxEmail.objects.filter(topic=topic, status=OutboxEmail.Status.SENT).count() == 2
