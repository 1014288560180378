"""When mail goes wrong, the queue keeps moving and people can see and fix it: a hung SMTP
server costs one timeout, failures after the last attempt are listed with "send again",
and `manage.py email_health` / `/healthz` tell an operator."""

from datetime import timedelta
from unittest import mock

import pytest
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.core.management import CommandError, call_command
from django.db import OperationalError
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from home.roles import CAMPAIGN_MANAGERS, ensure_roles
from supporters.mail import queue_email
from supporters.models import OutboxEmail
from supporters.tests.smtp_helpers import *  # noqa: F403 (fixtures)
from supporters.tests.smtp_helpers import work

pytestmark = pytest.mark.django_db(transaction=True)

SMTP_PORT = 8851
REPORT = "/admin/reports/failed-emails/"


def _queue(name, subject="Case update: hearing moved"):
    return queue_email(
        dedupe_key=f"update:fail:{name}",
        kind=OutboxEmail.Kind.CASE_UPDATE,
        topic="update:fail",
        recipient=f"{name}@example.org",
        canonical_email=f"{name}@example.org",
        language="en",
        subject=subject,
        body_text="The hearing moved to March.",
    )


@pytest.fixture
def people(django_user_model):
    ensure_roles()
    manager = django_user_model.objects.create_user("manager", "m@example.net", "pw")
    manager.groups.add(Group.objects.get(name=CAMPAIGN_MANAGERS))
    editor = django_user_model.objects.create_user("editor", "e@example.net", "pw")
    editor.groups.add(Group.objects.get(name="Editors"))
    return {"manager": manager, "editor": editor}


def test_email_timeout_is_on_by_default():
    from cms.settings import base

    assert base.EMAIL_TIMEOUT == 10


def test_hung_smtp_server_costs_one_timeout_not_the_queue(home, real_smtp, settings):
    settings.EMAIL_TIMEOUT = 1
    real_smtp.stall_next_data = True  # the server stops answering mid-message
    first = _queue("ana")
    second = _queue("luis")

    work()  # one worker pass: must come back, having sent what it could

    first.refresh_from_db()
    second.refresh_from_db()
    assert second.status == OutboxEmail.Status.SENT
    assert [e.rcpt_tos for e in real_smtp.delivered] == [["luis@example.org"]]
    # The hung one cost one attempt and waits for its retry, not held by anyone.
    assert first.status == OutboxEmail.Status.QUEUED
    assert first.attempts == 1
    assert first.last_error in {"SMTPServerDisconnected", "TimeoutError"}
    assert first.lease_until is None
    retry = DBTaskResult.objects.get(status="READY")
    assert retry.run_after > timezone.now() + timedelta(seconds=30)


def _failed_email(real_smtp):
    real_smtp.refuse.add("bounce@example.org")
    email = _queue("bounce", subject="Case update: released on parole")
    work()
    email.refresh_from_db()
    assert email.status == OutboxEmail.Status.FAILED
    assert email.failed_at is not None
    return email


def test_campaign_manager_sends_a_failed_email_again_and_it_is_delivered(
    client, home, real_smtp, people
):
    email = _failed_email(real_smtp)
    client.force_login(people["manager"])
    page = client.get(REPORT)
    html = page.content.decode()
    assert page.status_code == 200
    assert "Case update: released on parole" in html
    assert "bounce@example.org" in html
    assert "SMTPDataError 550" in html  # what the server said, in class-and-code form
    assert "Send again" in html
    assert "no-store" in page["Cache-Control"]

    real_smtp.refuse.clear()  # the cause is fixed (say, the address's mailbox exists now)
    answer = client.post(REPORT, {"email": email.pk})
    assert answer.status_code == 302
    assert [str(m) for m in get_messages(answer.wsgi_request)] == [
        f"Email #{email.pk} is queued to be sent again."
    ]
    work()

    email.refresh_from_db()
    assert email.status == OutboxEmail.Status.SENT
    assert [e.rcpt_tos for e in real_smtp.delivered] == [["bounce@example.org"]]
    assert "No email has failed." in client.get(REPORT).content.decode()


def test_editor_sees_failures_without_addresses_and_cannot_send_again(
    client, home, real_smtp, people
):
    email = _failed_email(real_smtp)
    client.force_login(people["editor"])
    html = client.get(REPORT).content.decode()
    assert "Case update: released on parole" in html
    assert "bounce@example.org" not in html
    assert "Send again" not in html
    assert client.post(REPORT, {"email": email.pk}).status_code == 403
    email.refresh_from_db()
    assert email.status == OutboxEmail.Status.FAILED


def test_email_health_is_zero_when_healthy_and_fails_on_stuck_or_failed(
    home, real_smtp, settings, capsys
):
    _queue("ana")
    work()
    call_command("email_health")  # healthy: returns normally (exit status 0)
    assert "email queue healthy" in capsys.readouterr().out

    # A worker was killed mid-send longer than a lease ago, and no reaper has run.
    stuck = _queue("luis")
    DBTaskResult.objects.filter(status="READY").update(
        status="RUNNING", started_at=timezone.now() - timedelta(hours=1)
    )
    with pytest.raises(CommandError) as unhealthy:
        call_command("email_health")
    assert unhealthy.value.returncode == 1
    out = capsys.readouterr()
    assert "stuck (lease expired): 1" in out.out
    assert "outlived their lease" in out.err
    assert "luis@example.org" not in out.out + out.err

    work()  # the worker's reaper takes it up again and sends it
    stuck.refresh_from_db()
    assert stuck.status == OutboxEmail.Status.SENT
    call_command("email_health")

    _failed_email(real_smtp)
    with pytest.raises(CommandError) as failing:
        call_command("email_health")
    assert failing.value.returncode == 1
    assert "failed for good" in capsys.readouterr().err
    settings.HAVEN_EMAIL_HEALTH_MAX_FAILED = 1  # an operator who tolerates one bounce
    call_command("email_health")


def test_email_health_fails_when_the_oldest_queued_email_is_too_old(home, settings, capsys):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
        "email": {"BACKEND": "django_tasks_db.DatabaseBackend"},
    }
    email = _queue("ana")
    OutboxEmail.objects.filter(pk=email.pk).update(created_at=timezone.now() - timedelta(hours=3))
    with pytest.raises(CommandError):
        call_command("email_health")
    assert "oldest queued: 108" in capsys.readouterr().out


def test_healthz_answers_from_database_reachability(client):
    ok = client.get("/healthz")
    assert ok.status_code == 200
    assert ok.json() == {"status": "ok", "database": "ok"}
    assert "no-store" in ok["Cache-Control"]
    with mock.patch("cms.health.connection.cursor", side_effect=OperationalError("down")):
        down = client.get("/healthz")
    assert down.status_code == 503
    assert down.json() == {"status": "unavailable", "database": "unreachable"}
    assert "no-store" in down["Cache-Control"]
