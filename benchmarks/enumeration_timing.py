"""Do a first and a repeat signature take the same time? Prints both medians and their gap.

    .venv/bin/python benchmarks/enumeration_timing.py [-n 200]

Builds a throwaway test database (SQLite in memory, or DATABASE_URL's server with a
`test_` prefix), one action, and then alternates: a signature from a new address, then a
repeat of an address that already signed, each through the full Django stack (test
client, middleware, session, redirect). A difference a stranger could measure would tell
them whether someone had signed. A benchmark, not a test: numbers depend on the machine.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")


def main():
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test.utils import override_settings, setup_test_environment

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=200, help="signatures per path")
    args = parser.parse_args()

    setup_test_environment()
    # As in production: the confirmation is queued in the database, sent by the worker.
    # override_settings sends setting_changed, which makes django-tasks rebuild its backends
    # (a plain assignment would leave the test settings' immediate backend in place and
    # build the confirmation inside the request, which production never does).
    override_settings(
        TASKS={
            **settings.TASKS,
            "email": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]},
        }
    ).enable()
    settings.ACTIONS_MIN_FILL_SECONDS = 0
    settings.ACTIONS_RATE_LIMITS = [(10**9, 60)]
    settings.ACTIONS_FLOOD_PER_HOUR = 10**9
    settings.ACTIONS_RATE_PER_EMAIL = [(10**9, 600)]
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        from django.test import Client
        from wagtail.models import Locale, Page, Site

        from actions.forms import started_token
        from tests.factories import HomePageFactory
        from tests.factories_actions import ActionIndexPageFactory, UrgentActionPageFactory

        english = Locale.objects.get_or_create(language_code="en")[0]
        root = Page.get_first_root_node()
        Page.objects.filter(depth=2).delete()
        home = HomePageFactory(parent=root, slug="home", locale=english)
        Site.objects.update_or_create(
            is_default_site=True,
            defaults={"hostname": "testserver", "port": 80, "root_page": home},
        )
        index = ActionIndexPageFactory(parent=home)
        action = UrgentActionPageFactory(parent=index, slug="bench")
        url = action.url + "sign/"

        def post(email):
            data = {
                "sign-first_name": "Ana",
                "sign-last_name": "Pérez",
                "sign-email": email,
                "sign-zip_code": "20001",
                "sign-started": started_token(),
                "sign-website": "",
            }
            client = Client()
            start = time.perf_counter()
            response = client.post(url, data)
            elapsed = time.perf_counter() - start
            assert response.status_code == 303, response.status_code
            return elapsed

        for n in range(20):  # warm up caches, templates and the repeat addresses
            post(f"warm{n}@example.org")
        first, repeat = [], []
        for n in range(args.n):
            first.append(post(f"new{n}@example.org"))
            repeat.append(post(f"warm{n % 20}@example.org"))
        m_first = statistics.median(first) * 1000
        m_repeat = statistics.median(repeat) * 1000
        print(f"database: {connection.vendor}; {args.n} signatures per path")
        print(f"first signature  median {m_first:7.2f} ms")
        print(f"repeat signature median {m_repeat:7.2f} ms")
        print(f"gap {abs(m_first - m_repeat):.2f} ms; ratio {m_first / m_repeat:.2f}")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
