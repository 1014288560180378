"""The reaper: emails a dead worker was holding are given to a live one.

django-tasks-db marks a task RUNNING when a worker claims it and nothing ever re-queues
it if that worker is killed (SIGKILL, OOM, a deploy). Every email task and outbox row is
therefore held for a lease of HAVEN_EMAIL_LEASE_SECONDS; `manage.py email_worker` runs
`reap()` when it starts and every few seconds while it works, and `reap()` puts back
whatever has outlived its lease. Sending twice is prevented elsewhere (the row's claim and
`accepted_at`, supporters.mail.send_outbox_email), so reaping a slow but living worker's
task costs a little work, never a second email.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from supporters.models import OutboxEmail

logger = logging.getLogger(__name__)

EMAIL_BACKEND_ALIAS = "email"
RUNNING = "RUNNING"
READY = "READY"


def expired_tasks(now=None):
    """Email tasks claimed by a worker longer ago than the lease and never finished."""
    now = now or timezone.now()
    cutoff = now - timedelta(seconds=settings.HAVEN_EMAIL_LEASE_SECONDS)
    return DBTaskResult.objects.filter(
        backend_name=EMAIL_BACKEND_ALIAS, status=RUNNING, started_at__lt=cutoff
    )


def expired_rows(now=None):
    """Outbox rows still queued whose sender's lease ran out before it finished."""
    now = now or timezone.now()
    return OutboxEmail.objects.filter(status=OutboxEmail.Status.QUEUED, lease_until__lt=now)


def reap(now=None):
    """Put abandoned email work back in the queue; returns (tasks, emails) taken up again."""
    from supporters.mail import send_outbox_email

    now = now or timezone.now()
    # The task goes back to READY as it was: the next worker runs it from the start.
    tasks = expired_tasks(now).update(status=READY)
    emails = 0
    for pk in list(expired_rows(now).values_list("pk", flat=True)):
        # Conditional, so two reapers running at once queue the email only once.
        if OutboxEmail.objects.filter(pk=pk, lease_until__lt=now).update(lease_until=None):
            send_outbox_email.enqueue(pk)
            emails += 1
    if tasks or emails:
        # Counts only: which emails (and so whose) stays out of the log.
        logger.warning(
            "Took up %s email task(s) and %s email(s) abandoned by a worker", tasks, emails
        )
    return tasks, emails
