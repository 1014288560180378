"""`manage.py email_health`: the supporter-email queue's age and failures, for monitoring.

Prints the numbers and exits 1 when the queue is unhealthy (an email waiting longer than
HAVEN_EMAIL_HEALTH_MAX_AGE_SECONDS, work held past its lease, more recent failures than
HAVEN_EMAIL_HEALTH_MAX_FAILED), 0 otherwise: usable as-is from cron or a monitoring check.
"""

from django.core.management.base import BaseCommand, CommandError

from supporters.health import email_queue_health


class Command(BaseCommand):
    help = "Report the supporter-email queue's age, stuck work and failures; exit 1 if unhealthy"

    def handle(self, *args, **options):
        health = email_queue_health()
        oldest = health.oldest_queued_seconds
        self.stdout.write(f"queued: {health.queued}")
        self.stdout.write(f"oldest queued: {'-' if oldest is None else f'{oldest} s'}")
        self.stdout.write(f"running: {health.running}")
        self.stdout.write(f"stuck (lease expired): {health.stuck}")
        self.stdout.write(f"failed: {health.failed} ({health.failed_recent} in the last 24 h)")
        if health.healthy:
            self.stdout.write(self.style.SUCCESS("email queue healthy"))
            return
        for problem in health.problems:
            self.stderr.write(problem)
        raise CommandError("email queue unhealthy", returncode=1)
