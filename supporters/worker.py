"""Keeping the email queue moving when a worker dies, and saying how healthy it is.

django-tasks-db marks a task RUNNING when a worker claims it; a worker killed with
SIGKILL (an OOM kill, a deploy) leaves it RUNNING for ever and nothing runs it again.
`reap()` hands such tasks back to the queue once they have been RUNNING longer than
`HAVEN_TASK_LEASE_SECONDS`; the send itself is safe to repeat because each outbox row is
leased and marked accepted the moment SMTP accepts it (supporters/mail.py). Our
`db_worker` command runs `reap()` at start-up and every `HAVEN_REAP_INTERVAL_SECONDS`.
"""

import logging
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Min
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from supporters.models import OutboxEmail

logger = logging.getLogger(__name__)


def task_lease():
    return timedelta(seconds=getattr(settings, "HAVEN_TASK_LEASE_SECONDS", 600))


def stale_tasks(now=None):
    now = now or timezone.now()
    return DBTaskResult.objects.filter(
        status=TaskResultStatus.RUNNING, started_at__lt=now - task_lease()
    )


def reap(now=None):
    """Put tasks abandoned by a dead worker back in the queue; return how many."""
    now = now or timezone.now()
    with transaction.atomic():
        ids = list(
            stale_tasks(now).select_for_update(skip_locked=True).values_list("pk", flat=True)
        )
        if ids:
            DBTaskResult.objects.filter(pk__in=ids).update(
                status=TaskResultStatus.READY, run_after=now
            )
    if ids:
        logger.warning("Re-queued %s task(s) abandoned by a stopped worker", len(ids))
    return len(ids)


@dataclass
class EmailHealth:
    queued: int = 0
    oldest_queued_minutes: float = 0.0
    failed_recently: int = 0
    stuck_rows: int = 0
    stuck_tasks: int = 0
    problems: list = field(default_factory=list)

    @property
    def healthy(self):
        return not self.problems


def email_health(now=None):
    """Queue age, failures in the last day, and rows or tasks held by dead workers."""
    now = now or timezone.now()
    queued = OutboxEmail.objects.filter(status=OutboxEmail.Status.QUEUED)
    health = EmailHealth(queued=queued.count())
    oldest = queued.aggregate(oldest=Min("created_at"))["oldest"]
    if oldest is not None:
        health.oldest_queued_minutes = round((now - oldest).total_seconds() / 60, 1)
    health.failed_recently = OutboxEmail.objects.filter(
        status=OutboxEmail.Status.FAILED, created_at__gte=now - timedelta(days=1)
    ).count()
    health.stuck_rows = queued.filter(lease_until__lt=now).count()
    health.stuck_tasks = stale_tasks(now).count()
    limit = getattr(settings, "HAVEN_EMAIL_MAX_QUEUE_AGE_MINUTES", 30)
    # Said in the reader's language: the admin's Update emails report lists them, and
    # `manage.py email_health` prints them.
    if health.oldest_queued_minutes > limit:
        health.problems.append(
            gettext(
                "The oldest email waiting to be sent is %(age)s minutes old (the limit is "
                "%(limit)s): is the email worker running?"
            )
            % {"age": health.oldest_queued_minutes, "limit": limit}
        )
    if health.failed_recently:
        health.problems.append(
            ngettext(
                "%(count)s email could not be delivered in the last 24 hours.",
                "%(count)s emails could not be delivered in the last 24 hours.",
                health.failed_recently,
            )
            % {"count": health.failed_recently}
        )
    if health.stuck_rows or health.stuck_tasks:
        health.problems.append(
            gettext(
                "%(emails)s email(s) and %(tasks)s task(s) are held by a worker that stopped: "
                "is a worker running?"
            )
            % {"emails": health.stuck_rows, "tasks": health.stuck_tasks}
        )
    return health


def database_ok():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return True
    except Exception:  # noqa: BLE001 - any failure means "not ok" to a health probe
        return False
