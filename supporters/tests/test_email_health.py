"""What editors and operators see when email does not flow: the health report, the
`email_health` command's exit status, "send again", and `/healthz`."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from supporters.models import OutboxEmail
from supporters.worker import reap

pytestmark = pytest.mark.django_db


def _failed(n, topic="update:abc"):
    return OutboxEmail.objects.create(
        dedupe_key=f"update:abc:{n}",
        kind=OutboxEmail.Kind.CASE_UPDATE,
        topic=topic,
        recipient=f"p{n}@example.org",
        recipient_digest=f"d{n}",
        language="en",
        subject="Update",
        body_text="News.",
        status=OutboxEmail.Status.FAILED,
        attempts=5,
        last_error="SMTPDataError 451",
    )


def test_email_health_exits_non_zero_when_emails_failed(capsys):
    call_command("email_health")
    assert "healthy" in capsys.readouterr().out
    _failed(1)
    with pytest.raises(
        CommandError, match="1 email could not be delivered in the last 24 hours"
    ) as error:
        call_command("email_health")
    assert error.value.returncode == 1


def test_email_health_reports_an_old_queue(settings):
    settings.HAVEN_EMAIL_MAX_QUEUE_AGE_MINUTES = 30
    row = _failed(1)
    OutboxEmail.objects.filter(pk=row.pk).update(
        status=OutboxEmail.Status.QUEUED, created_at=timezone.now() - timedelta(hours=2)
    )
    with pytest.raises(
        CommandError, match="The oldest email waiting to be sent is 120.0 minutes old"
    ):
        call_command("email_health")


def test_editor_sees_failures_and_sends_them_again(client, django_user_model, home):
    editor = django_user_model.objects.create_user("ed", "ed@example.org", "pw")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    _failed(1)
    _failed(2)
    report = client.get(reverse("supporters_update_emails")).content.decode()
    assert "2 emails could not be delivered after every attempt." in report
    assert "Email needs attention" in report
    # What is wrong, not only that something is.
    assert "<li>2 emails could not be delivered in the last 24 hours.</li>" in report
    mail.outbox.clear()
    response = client.post(reverse("supporters_send_again"), follow=True)
    assert "2 failed emails queued to be sent again." in response.content.decode()
    assert sorted(m.to[0] for m in mail.outbox) == ["p1@example.org", "p2@example.org"]
    assert set(OutboxEmail.objects.values_list("status", flat=True)) == {"sent"}
    assert (
        "Email is flowing normally."
        in client.get(reverse("supporters_update_emails")).content.decode()
    )


def test_report_says_nothing_is_waiting_instead_of_an_oldest_age_of_zero(
    client, django_user_model, home
):
    editor = django_user_model.objects.create_user("ed", "ed@example.org", "pw")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    report = client.get(reverse("supporters_update_emails")).content.decode()
    assert "Nothing is waiting to be sent" in report
    assert "oldest 0" not in report
    row = _failed(1)
    OutboxEmail.objects.filter(pk=row.pk).update(
        status=OutboxEmail.Status.QUEUED, created_at=timezone.now() - timedelta(minutes=12)
    )
    report = client.get(reverse("supporters_update_emails")).content.decode()
    assert "Waiting to be sent: 1 (oldest 12.0 minutes)" in report


def test_reaper_requeues_only_tasks_past_their_lease(settings):
    settings.HAVEN_TASK_LEASE_SECONDS = 600
    common = {
        "args_kwargs": {"args": [1], "kwargs": {}},
        "task_path": "supporters.mail.send_outbox_email",
        "backend_name": "email",
        "queue_name": "default",
        "run_after": timezone.now(),
        "status": TaskResultStatus.RUNNING,
    }
    dead = DBTaskResult.objects.create(**common, started_at=timezone.now() - timedelta(minutes=11))
    busy = DBTaskResult.objects.create(**common, started_at=timezone.now() - timedelta(minutes=1))
    assert reap() == 1
    dead.refresh_from_db()
    busy.refresh_from_db()
    assert dead.status == TaskResultStatus.READY
    assert busy.status == TaskResultStatus.RUNNING


def test_healthz_answers_ok_without_cookies(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert response["Cache-Control"] == "no-store"
    assert not response.cookies
