"""Anonymise responses whose action closed more than HAVEN_RETENTION_DAYS ago.

Run it daily from cron, or once with --schedule to start the self-renewing daily task on
the database task queue (the `db_worker --backend email` process runs it).
"""

from django.core.management.base import BaseCommand

from supporters.privacy import anonymise_due, retention_days, schedule_daily


class Command(BaseCommand):
    help = "Anonymise responses once their action has been closed for the retention period."

    def add_arguments(self, parser):
        parser.add_argument(
            "--schedule",
            action="store_true",
            help="Also queue the daily task (does nothing if one is already waiting).",
        )

    def handle(self, *args, schedule=False, **options):
        count = anonymise_due()
        self.stdout.write(
            f"Anonymised {count} response(s) (retention: {retention_days()} days after closing)."
        )
        if schedule:
            result = schedule_daily()
            self.stdout.write(
                "Daily task queued." if result else "Daily task already queued or not supported."
            )
