"""`manage.py email_worker`: the supporter-email worker, with the lease reaper built in.

Runs django-tasks-db's `db_worker` on the `email` backend and, beside it, the reaper
(supporters.leases.reap) once at start and then every `--reap-every` seconds, so tasks
and emails a killed worker was holding are sent by a living one. Use it wherever
`db_worker --backend email` would be used (make serve, Procfile, a service unit).
"""

import threading

from django.conf import settings
from django.db import close_old_connections, connections
from django_tasks_db.management.commands import db_worker

from supporters.leases import reap


def _reap_forever(interval, stop):
    while not stop.wait(interval):
        try:
            close_old_connections()
            reap()
        except Exception:  # a database hiccup must not end the reaper; try again later
            db_worker.logger.exception("Email reaper failed; trying again later")
        finally:
            connections.close_all()


class Command(db_worker.Command):
    help = "Send supporter email: the email task worker plus the reaper for expired leases"

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.set_defaults(backend_name="email")
        parser.add_argument(
            "--reap-every",
            type=float,
            default=None,
            help="Seconds between reaper runs (default: a fifth of HAVEN_EMAIL_LEASE_SECONDS, "
            "at least 5).",
        )

    def handle(self, *args, reap_every=None, **options):
        reap()
        stop = threading.Event()
        if not options.get("batch"):
            interval = reap_every or max(5.0, settings.HAVEN_EMAIL_LEASE_SECONDS / 5)
            reaper = threading.Thread(
                target=_reap_forever, args=(interval, stop), name="email-reaper", daemon=True
            )
            reaper.start()
        try:
            return super().handle(*args, **options)
        finally:
            stop.set()
