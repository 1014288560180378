"""django-tasks-db's worker, plus the reaper (supporters/worker.py).

Same name and options as the original (`manage.py db_worker --backend email`): this app is
listed before django_tasks_db in INSTALLED_APPS, so this command is the one that runs.
The reaper re-queues tasks abandoned by a killed worker once before the first task (so
`--batch` runs see them too) and then, from a background thread, every
HAVEN_REAP_INTERVAL_SECONDS.
"""

import threading

from django.conf import settings
from django.db import close_old_connections, connection
from django_tasks_db.management.commands.db_worker import Command as BaseCommand

from supporters.worker import reap


class Command(BaseCommand):
    help = "Run the database task worker, re-queuing tasks abandoned by stopped workers."

    def handle(self, *args, **options):
        reap()
        stop = threading.Event()
        interval = getattr(settings, "HAVEN_REAP_INTERVAL_SECONDS", 60)

        def reaper():
            while not stop.wait(interval):
                try:
                    close_old_connections()
                    reap()
                except Exception:  # noqa: BLE001 - the reaper must outlive a database hiccup
                    self.stderr.write("Reaper: could not check for abandoned tasks")
                finally:
                    connection.close()

        if not options.get("batch"):
            threading.Thread(target=reaper, name="haven-reaper", daemon=True).start()
        try:
            return super().handle(*args, **options)
        finally:
            stop.set()
