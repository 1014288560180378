"""Retention, export and erasure: personal data goes, counts and seats stay."""

import datetime
import json
from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from wagtail.models import ModelLogEntry

from actions.counting import count_from_db
from actions.models import ActionResponse
from home.roles import CAMPAIGN_MANAGERS
from supporters.confirmation import build_confirmation
from supporters.models import EmailPreference, OutboxEmail, email_digest
from supporters.privacy import ERASE_ACTION, anonymise_due, closed_at
from tests.actions_helpers import *  # noqa: F403  (fixtures)
from tests.actions_helpers import sign_data
from tests.factories_actions import ActionResponseFactory, UrgentActionPageFactory

pytestmark = pytest.mark.django_db

TASKS_DB = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "email": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}


def _responses(action):
    key = action.translation_key
    rows = [
        ActionResponseFactory(
            action_key=key,
            email="ana@example.org",
            zip_code="20001",
            city="Austin",
            state="TX",
            district="35",
            opt_in=True,
            consent_text="Send me news about this case",
        ),
        ActionResponseFactory(action_key=key, state="NY", district="10", zip_code="10001"),
        ActionResponseFactory(
            action_key=key, kind="call", outcome="busy", email="", email_canonical="", state="CA"
        ),
    ]
    return rows


def _close(action, days_ago):
    action.deadline = timezone.now() - datetime.timedelta(days=days_ago)
    action.save()


def test_responses_are_anonymised_after_retention_and_counts_stay(action, settings):
    settings.HAVEN_RETENTION_DAYS = 30
    _responses(action)
    before = count_from_db([action.translation_key])
    _close(action, 31)
    assert anonymise_due() == 3
    assert count_from_db([action.translation_key]) == before
    for row in ActionResponse.objects.all():
        assert (row.first_name, row.last_name, row.email, row.zip_code, row.city) == ("",) * 5
        assert row.consent_text == "" and not row.opt_in
    assert sorted(ActionResponse.objects.values_list("state", flat=True)) == ["CA", "NY", "TX"]
    assert ActionResponse.objects.get(state="TX").district == "35"
    assert anonymise_due() == 0  # idempotent


def test_recently_closed_and_open_actions_keep_their_data(action, action_index, settings):
    settings.HAVEN_RETENTION_DAYS = 30
    _responses(action)
    _close(action, 5)
    other = UrgentActionPageFactory(parent=action_index, slug="still-open")
    ActionResponseFactory(action_key=other.translation_key, email="luis@example.org")
    assert anonymise_due() == 0
    assert ActionResponse.objects.filter(email="ana@example.org").exists()


def test_action_marked_won_closes_at_its_last_publish(action):
    action.status = "won"
    action.deadline = None
    action.last_published_at = timezone.now() - datetime.timedelta(days=200)
    action.save()
    assert closed_at([action]) == action.last_published_at


def test_anonymising_blanks_sent_email_bodies(client, action, settings):
    settings.HAVEN_RETENTION_DAYS = 30
    client.post(action.url + "sign/", sign_data())
    assert OutboxEmail.objects.get().body_text
    _close(action, 31)
    anonymise_due()
    email = OutboxEmail.objects.get()
    assert (email.recipient, email.body_text, email.body_html) == ("", "", "")


def test_command_runs_and_schedules_the_daily_task_once(settings):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = TASKS_DB
    out = StringIO()
    call_command("anonymise_responses", "--schedule", stdout=out)
    call_command("anonymise_responses", "--schedule", stdout=out)
    assert "Anonymised 0 response(s)" in out.getvalue()
    runs = DBTaskResult.objects.filter(task_path="supporters.privacy.anonymise_daily")
    assert runs.count() == 1
    assert runs.get().run_after > timezone.now() + datetime.timedelta(hours=23)


# Export and erase ---------------------------------------------------------------------------


@pytest.fixture
def signed(client, action, settings):
    settings.TASKS = TASKS_DB  # the confirmation stays queued, as if the worker were slow
    client.post(action.url + "sign/", sign_data(**{"sign-opt_in": "on"}))
    # The worker has built the confirmation (the signing request only queued that)...
    build = DBTaskResult.objects.get(task_path="supporters.confirmation.build_confirmation")
    build_confirmation.call(*build.args_kwargs["args"])
    ActionResponseFactory(action_key=action.translation_key, email="other@example.org")
    EmailPreference.objects.filter(digest=email_digest("ana.perez@example.org")).update(
        unsubscribed_at=timezone.now()
    )
    return action


def test_export_command_prints_everything_held(signed):
    out = StringIO()
    call_command("supporter_data", "export", "Ana.Perez@example.org", stdout=out)
    data = json.loads(out.getvalue())
    assert data["responses"][0]["zip_code"] == "20001"
    assert data["responses"][0]["wants_news"] is True
    assert data["emails"][0]["status"] == "queued"
    assert "We ask you to act." in data["emails"][0]["body"]
    assert data["unsubscribed_at"]


def test_erase_command_keeps_counts_and_cancels_queued_email(signed, settings):
    before = count_from_db([signed.translation_key])
    call_command("supporter_data", "erase", "ana.perez@example.org", "--yes", stdout=StringIO())
    assert count_from_db([signed.translation_key]) == before
    assert not ActionResponse.objects.filter(email="ana.perez@example.org").exists()
    assert ActionResponse.objects.filter(email="other@example.org").exists()
    assert OutboxEmail.objects.count() == 0
    assert EmailPreference.objects.filter(digest=email_digest("ana.perez@example.org")).count() == 0
    # The queued task finds nothing left to send (run as the worker would run it).
    from django_tasks_db.models import DBTaskResult

    from supporters.mail import send_outbox_email

    pending = DBTaskResult.objects.filter(task_path="supporters.mail.send_outbox_email")
    assert pending.count() == 1
    for result in pending:
        send_outbox_email.call(*result.args_kwargs["args"], **result.args_kwargs["kwargs"])
    assert mail.outbox == []
    entry = ModelLogEntry.objects.get(action=ERASE_ACTION)
    assert "ana" not in json.dumps(entry.data).lower() and "ana" not in entry.label.lower()


@pytest.fixture
def manager(django_user_model):
    user = django_user_model.objects.create_user("manager", "m@example.net", "pw")
    user.groups.add(Group.objects.get(name=CAMPAIGN_MANAGERS))
    return user


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user("editor", "e@example.net", "pw")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


URL = "/admin/supporters/data/"


def test_editor_without_personal_data_permission_is_refused(client, editor, signed):
    client.force_login(editor)
    assert client.get(URL).status_code == 403
    response = client.post(URL, {"email": "ana.perez@example.org", "operation": "erase"})
    assert response.status_code == 403
    assert ActionResponse.objects.filter(email="ana.perez@example.org").exists()


def test_manager_sees_exports_and_erases_one_address(client, manager, signed):
    client.force_login(manager)
    assert client.get(URL).status_code == 200
    shown = client.post(URL, {"email": "ana.perez@example.org", "operation": "show"})
    html = shown.content.decode()
    assert "20001" in html and "Pérez" in html
    assert "no-store" in shown["Cache-Control"]
    exported = client.post(URL, {"email": "ana.perez@example.org", "operation": "export"})
    assert json.loads(exported.content)["responses"][0]["last_name"] == "Pérez"
    unconfirmed = client.post(URL, {"email": "ana.perez@example.org", "operation": "erase"})
    assert "Tick the box" in unconfirmed.content.decode()
    assert ActionResponse.objects.filter(email="ana.perez@example.org").exists()
    client.post(URL, {"email": "ana.perez@example.org", "operation": "erase", "confirm": "on"})
    assert not ActionResponse.objects.filter(email="ana.perez@example.org").exists()
    assert ActionResponse.objects.filter(action_key=signed.translation_key).count() == 2
    assert ModelLogEntry.objects.get(action=ERASE_ACTION).user == manager
