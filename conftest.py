"""Shared fixtures: a bilingual site whose Spanish pages are real wagtail-localize
translations, as in production."""

import pytest
from wagtail.models import Locale, Page, Site

from tests.factories import HomePageFactory
from translation.builders import translate

HOME_ES = {
    "Haven": "Haven",
    "Stand with people seeking safety": "Acompañe a quienes buscan protección",
    "Read their stories and act for them.": "Lea sus historias y actúe por ellas.",
    "Cases that need you now": "Casos que le necesitan ahora",
    "Act now": "Actúe ahora",
}


@pytest.fixture
def english(db):
    return Locale.objects.get_or_create(language_code="en")[0]


@pytest.fixture
def spanish(db):
    return Locale.objects.get_or_create(language_code="es")[0]


@pytest.fixture
def home(db, english):
    """The English home page as the default site's root, replacing Wagtail's placeholder."""
    # A transactional test flushes every table, Wagtail's root page (made by a migration)
    # included: tests after it in a shuffled order build the root again.
    root = Page.get_first_root_node() or Page.add_root(
        instance=Page(title="Root", slug="root", locale=english)
    )
    Page.objects.filter(depth=2).delete()
    home = HomePageFactory(parent=root, slug="home", locale=english)
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "testserver", "port": 80, "root_page": home, "site_name": "Haven"},
    )
    return home


@pytest.fixture
def home_es(home, spanish, django_capture_on_commit_callbacks):
    """The Spanish home page, translated and published through wagtail-localize."""
    with django_capture_on_commit_callbacks(execute=True):
        translate(home, spanish, HOME_ES)
    return home.get_translation(spanish).specific


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: the test database is rolled back between tests
    but the in-memory cache is not, and a memo from an earlier test (a remembered route, a
    count) must not answer for rows that no longer exist."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _english_unless_a_test_says_otherwise():
    """LocaleMiddleware leaves the last request's language active in the thread; start each
    test from the default language so results do not depend on test order."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


# --- One demo database for the tests that need the whole demo -------------------------------
# Loading the demo takes about a minute on a busy machine; six tests used to load it each.
# `demo_site` loads it once per run, outside any test transaction (wagtail-localize publishes
# translations on commit, so the loader must run in autocommit). Each test that uses it runs
# in the usual rolled-back transaction, so what one test changes, the next does not see.
# Tests that use it are moved to the end of the run (after the shuffle and pytest-django's
# grouping), so no other test ever sees the demo's pages; at the end the database is put back
# as migrations left it, so `--reuse-db` starts clean too.

# Not the default password, so a test can prove HAVEN_DEMO_PASSWORD is honoured.
DEMO_PASSWORD = "pick-a-password"  # noqa: S105 (a demo login in a throwaway test database)


@pytest.fixture(scope="session")
def demo_site(django_db_setup, django_db_blocker):
    """The demo, loaded once: `.output` is what load_demo printed, `.password` the logins'.
    Read it; anything a test writes is rolled back after it."""
    import os
    from io import StringIO
    from types import SimpleNamespace

    from django.core.management import call_command
    from django.db import connection

    with django_db_blocker.unblock():
        baseline = connection.creation.serialize_db_to_string()
        saved = {k: os.environ.get(k) for k in ("HAVEN_ALLOW_DEMO", "HAVEN_DEMO_PASSWORD")}
        os.environ.update(HAVEN_ALLOW_DEMO="1", HAVEN_DEMO_PASSWORD=DEMO_PASSWORD)
        out = StringIO()
        try:
            # As `make demo PORT=9000` runs it: every link must follow that port
            # (tests/test_demo_loader.py checks).
            call_command("load_demo", "--host", "127.0.0.1", "--port", "9000", stdout=out)
        finally:
            for key, value in saved.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value
    yield SimpleNamespace(output=out.getvalue(), password=DEMO_PASSWORD)
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
        _restore(connection, baseline)


def _restore(connection, baseline):
    """Django's `deserialize_db_from_string`, with the content types put back first.

    When an earlier test cleared the content-type cache (a migration test does), restoring
    can create a content type of its own before the baseline's row for the same model is
    saved, which then broke the unique constraint at the very end of a run. A content type
    of the baseline replaces any such stray row.
    """
    from django.contrib.contenttypes.models import ContentType
    from django.core import serializers
    from django.db import transaction

    rows = list(serializers.deserialize("json", baseline, using=connection.alias))
    rows.sort(key=lambda row: not isinstance(row.object, ContentType))  # stable
    tables = set()
    with transaction.atomic(using=connection.alias):
        with connection.constraint_checks_disabled():
            for row in rows:
                if isinstance(row.object, ContentType):
                    ContentType.objects.filter(
                        app_label=row.object.app_label, model=row.object.model
                    ).exclude(pk=row.object.pk).delete()
                row.save()
                tables.add(row.object._meta.db_table)
        connection.check_constraints(table_names=tables)
    ContentType.objects.clear_cache()


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Run the tests that share the loaded demo last (stable: their shuffled order stays)."""
    items.sort(key=lambda item: "demo_site" in getattr(item, "fixturenames", ()))
