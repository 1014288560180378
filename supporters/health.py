"""How the supporter-email queue is doing, in numbers an operator can alert on.

Shared by `manage.py email_health` and the admin's Reports -> Failed emails, so both say
the same thing. Counts and ages only: nothing here names a person.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.db.models import Min
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks_db.models import DBTaskResult

from supporters.leases import EMAIL_BACKEND_ALIAS, RUNNING, expired_rows, expired_tasks
from supporters.models import OutboxEmail

FAILED_WINDOW = timedelta(hours=24)


@dataclass
class QueueHealth:
    queued: int
    running: int
    failed: int
    failed_recent: int
    stuck: int
    oldest_queued_seconds: int | None
    problems: list = field(default_factory=list)

    @property
    def healthy(self):
        return not self.problems


def email_queue_health(now=None):
    now = now or timezone.now()
    queued = OutboxEmail.objects.filter(status=OutboxEmail.Status.QUEUED)
    oldest = queued.aggregate(oldest=Min("created_at"))["oldest"]
    failed = OutboxEmail.objects.filter(status=OutboxEmail.Status.FAILED)
    health = QueueHealth(
        queued=queued.count(),
        running=DBTaskResult.objects.filter(
            backend_name=EMAIL_BACKEND_ALIAS, status=RUNNING
        ).count(),
        failed=failed.count(),
        failed_recent=failed.filter(failed_at__gte=now - FAILED_WINDOW).count(),
        # Held past their lease: a worker died, and no reaper has run since.
        stuck=expired_tasks(now).count() + expired_rows(now).count(),
        oldest_queued_seconds=int((now - oldest).total_seconds()) if oldest else None,
    )
    max_age = settings.HAVEN_EMAIL_HEALTH_MAX_AGE_SECONDS
    if health.oldest_queued_seconds is not None and health.oldest_queued_seconds > max_age:
        health.problems.append(
            _("The oldest queued email has waited %(age)s s (limit %(limit)s s).")
            % {"age": health.oldest_queued_seconds, "limit": max_age}
        )
    if health.stuck:
        health.problems.append(
            _("%(n)s email task(s) outlived their lease: is `manage.py email_worker` running?")
            % {"n": health.stuck}
        )
    if health.failed_recent > settings.HAVEN_EMAIL_HEALTH_MAX_FAILED:
        health.problems.append(
            _("%(n)s email(s) failed for good in the last 24 hours (limit %(limit)s).")
            % {"n": health.failed_recent, "limit": settings.HAVEN_EMAIL_HEALTH_MAX_FAILED}
        )
    return health
