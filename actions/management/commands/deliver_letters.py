"""Deliver every sign-on letter whose deadline has passed and that asked for it.

Run it from cron (every 15 minutes is plenty); it is safe to run again: each office gets
the letter once.
"""

from django.core.management.base import BaseCommand

from actions.delivery import deliver, due_for_delivery


class Command(BaseCommand):
    help = "E-mail sign-on letters whose deadline has passed to each recipient office."

    def handle(self, *args, **options):
        for page in due_for_delivery():
            sent = deliver(page, trigger="deadline")
            self.stdout.write(f"{page.title}: delivered to {len(sent)} office(s)")
