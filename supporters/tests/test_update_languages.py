"""Supporters hear a case update in their language: Spanish readers wait for the Spanish
update, and get the English one with a note only after the grace period or "Send now"."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from supporters.models import NotifiedUpdate, OutboxEmail
from supporters.tests.notifications_helpers import *  # noqa: F403  (fixtures)
from supporters.tests.notifications_helpers import UPDATE_ES, _publish, _supporter
from supporters.updates import notify_story_updates
from tests.factories_stories import translate_page

pytestmark = pytest.mark.django_db

STORY_ES = {"Rosa": "Rosa", **UPDATE_ES}


def _to(address):
    return [m for m in mail.outbox if m.to == [address]]


@pytest.fixture
def people(case):
    first = case["actions"][0]
    return {
        "lucia": _supporter(first, "lucia@example.org", language="es"),
        "ana": _supporter(first, "ana@example.org", language="en"),
    }


def test_spanish_supporter_waits_and_gets_the_spanish_email_when_it_is_published(
    case, people, spanish, django_capture_on_commit_callbacks
):
    _publish(case["story"])
    # English supporters hear at once; the Spanish one waits.
    assert [m.to[0] for m in mail.outbox] == ["ana@example.org"]
    marker = NotifiedUpdate.objects.get(update_key=case["update"].translation_key)
    assert marker.waiting_languages == ["es"]
    translate_page(case["story"], spanish, STORY_ES, django_capture_on_commit_callbacks)
    spanish_mail = _to("lucia@example.org")
    assert len(spanish_mail) == 1
    assert spanish_mail[0].subject == "Novedad del caso: Liberada bajo palabra"
    assert "Está en casa con sus hijos." in spanish_mail[0].body
    assert "aún no está traducida" not in spanish_mail[0].body
    # It names the action she took.
    assert "porque firmó «" in spanish_mail[0].body
    # Nobody gets a second email for the update, whatever is published next.
    _publish(case["story"])
    _publish(case["story"].get_translation(spanish))
    assert len(_to("lucia@example.org")) == 1
    assert len(_to("ana@example.org")) == 1
    assert NotifiedUpdate.objects.get().waiting_languages == []


def test_spanish_supporter_gets_english_with_a_spanish_note_only_after_the_grace_period(
    case, people, settings
):
    settings.HAVEN_TRANSLATION_GRACE_HOURS = 48
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        _publish(case["story"])
    assert _to("lucia@example.org") == []
    with time_machine.travel(start + datetime.timedelta(hours=47), tick=False):
        notify_story_updates.call(case["story"].pk)  # an early run changes nothing
    assert _to("lucia@example.org") == []
    with time_machine.travel(start + datetime.timedelta(hours=48, minutes=1), tick=False):
        notify_story_updates.call(case["story"].pk)  # the run scheduled for the end
    sent = _to("lucia@example.org")
    assert len(sent) == 1
    assert sent[0].subject == "Case update: Released on parole"
    assert "Esta novedad aún no está traducida al español" in sent[0].body
    assert OutboxEmail.objects.get(recipient="lucia@example.org").language == "en"
    assert len(_to("ana@example.org")) == 1


def test_the_end_of_grace_run_is_scheduled_on_a_deferring_backend(case, people, settings):
    settings.TASKS = {
        **settings.TASKS,
        "email": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]},
    }
    from django_tasks_db.models import DBTaskResult

    start = timezone.now()
    with time_machine.travel(start, tick=False):
        _publish(case["story"])  # queues the fan-out in the database
        notify_story_updates.call(case["story"].pk)  # what the worker then runs
    scheduled = DBTaskResult.objects.filter(task_path="supporters.updates.notify_story_updates")
    # One run queued for now (stored with a far-future sentinel) and one for later.
    run_after = [r.run_after for r in scheduled if r.run_after.year < 9999]
    assert run_after == [start + datetime.timedelta(hours=48)]


def test_editor_sees_who_waits_and_can_send_now_after_confirming(case, people, admin_client):
    _publish(case["story"])
    edit = admin_client.get(reverse("wagtailadmin_pages:edit", args=[case["story"].pk]))
    html = edit.content.decode()
    assert "Waiting for Spanish: 1" in html
    url = reverse(
        "supporters_send_update_now", args=[case["story"].pk, case["update"].translation_key]
    )
    assert url in html
    confirm = admin_client.get(url)
    assert confirm.status_code == 200
    assert "1 supporter is waiting" in confirm.content.decode()
    assert _to("lucia@example.org") == []  # asking is not sending
    response = admin_client.post(url)
    assert response.status_code == 302
    sent = _to("lucia@example.org")
    assert len(sent) == 1 and "aún no está traducida" in sent[0].body
    html = admin_client.get(
        reverse("wagtailadmin_pages:edit", args=[case["story"].pk])
    ).content.decode()
    assert "Waiting for Spanish" not in html
    admin_client.post(url)
    assert len(_to("lucia@example.org")) == 1


def test_send_now_needs_permission_to_publish_the_story(case, people, client, django_user_model):
    from django.contrib.auth.models import Group, Permission

    _publish(case["story"])
    user = django_user_model.objects.create_user("viewer", password="pw")  # noqa: S106
    group = Group.objects.create(name="Admin only")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(group)
    client.force_login(user)
    url = reverse(
        "supporters_send_update_now", args=[case["story"].pk, case["update"].translation_key]
    )
    assert client.post(url).status_code == 403
    assert _to("lucia@example.org") == []


def test_english_supporters_are_unaffected_by_the_grace_period(case, settings):
    settings.HAVEN_TRANSLATION_GRACE_HOURS = 48
    _supporter(case["actions"][0], "ana@example.org", language="en")
    _supporter(case["actions"][1], "bob@example.org", language="en-us")
    _publish(case["story"])
    assert sorted(m.to[0] for m in mail.outbox) == ["ana@example.org", "bob@example.org"]
    assert NotifiedUpdate.objects.get().waiting_languages == []


def test_the_email_names_the_action_the_person_took(case):
    from actions.models import ActionResponse

    _supporter(case["actions"][1], "cal@example.org").__class__.objects.filter(
        email="cal@example.org"
    ).update(kind=ActionResponse.Kind.CALL)
    _publish(case["story"])
    body = _to("cal@example.org")[0].body
    assert f"you called about “{case['actions'][1].title}”" in body
    assert "News about “Rosa”" in body
