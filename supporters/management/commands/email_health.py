"""`manage.py email_health`: is supporter email flowing? Exit status 1 when it is not.

For a monitoring probe or a cron job: prints the queue's size and age, failures in the
last 24 hours, and rows or tasks held by a stopped worker.
"""

from django.core.management.base import BaseCommand, CommandError

from supporters.worker import email_health


class Command(BaseCommand):
    help = "Report on the supporter email queue; exit 1 when it is unhealthy."

    def handle(self, *args, **options):
        health = email_health()
        self.stdout.write(f"queued: {health.queued}")
        self.stdout.write(f"oldest queued (minutes): {health.oldest_queued_minutes}")
        self.stdout.write(f"failed in the last 24 hours: {health.failed_recently}")
        self.stdout.write(
            f"held by a stopped worker: {health.stuck_rows} emails, {health.stuck_tasks} tasks"
        )
        if not health.healthy:
            raise CommandError("unhealthy: " + "; ".join(health.problems), returncode=1)
        self.stdout.write(self.style.SUCCESS("healthy"))
