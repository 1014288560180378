"""Browser fixtures: Debian's Chromium driven by Playwright against pytest-django's live
server, with a bilingual site built by factories.

Every test under tests/browser/ is marked `browser`, runs with a transactional database
(the live server's thread must see committed data) and is skipped, with the reason in the
summary, when Chromium is missing.
"""

import os
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest

# Playwright's sync API keeps an asyncio loop in this thread, which makes Django refuse ORM
# calls from test code (SynchronousOnlyOperation). The loop never runs Django code, so the
# check is safely off for the session that drives the browser.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
MISSING_CHROMIUM = (
    f"Chromium not found at {CHROMIUM}: browser tests skipped; "
    "install with apt-get install chromium"
)
HERE = Path(__file__).resolve().parent


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """Mark this folder's tests `browser` and skip them clearly when there is no Chromium."""
    chromium_missing = not CHROMIUM.exists()
    for item in items:
        if HERE not in Path(str(item.path)).resolve().parents:
            continue
        item.add_marker(pytest.mark.browser)
        if chromium_missing:
            item.add_marker(pytest.mark.skip(reason=MISSING_CHROMIUM))


@pytest.fixture(autouse=True)
def _wagtail_tree(request):
    """Put back what Wagtail's data migrations create when a transactional test has
    flushed them away: the root page, the root collection and the default locale.

    The live server needs a transactional database, and every transactional test ends with
    a flush of all tables. Serialized rollback would restore them, but it breaks as soon as
    any other transactional test without it has run first (content types clash).
    """
    if "live_server" not in request.fixturenames:
        return
    request.getfixturevalue("transactional_db")
    from django.conf import settings
    from wagtail.models import Collection, Locale, Page

    english = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)[0]
    if not Page.get_root_nodes().exists():
        Page.add_root(instance=Page(title="Root", slug="root", locale=english))
    if not Collection.get_root_nodes().exists():
        Collection.add_root(name="Root")


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    from tests.browser.checks import nu_checker

    nu_checker.start()  # the HTML checker's JVM warms up while Chromium starts
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield chromium
        chromium.close()
    nu_checker.stop()


def _new_page(browser, **options):
    from tests.browser.checks import DESKTOP

    context = browser.new_context(viewport=DESKTOP, locale="en-US", **options)
    context.set_default_timeout(20_000)
    return context, context.new_page()


@pytest.fixture
def page(browser):
    """A fresh browser tab (own cookies) at desktop size, JavaScript on."""
    context, tab = _new_page(browser)
    yield tab
    context.close()


@pytest.fixture
def nojs_page(browser):
    """A fresh tab with JavaScript turned off: every reader journey must work here too."""
    context, tab = _new_page(browser, java_script_enabled=False)
    yield tab
    context.close()


@pytest.fixture
def site(home, live_server):
    """The default Site answers on the live server's host and port, so full URLs are right."""
    from wagtail.models import Site

    parts = urlsplit(live_server.url)
    Site.objects.filter(is_default_site=True).update(hostname=parts.hostname, port=parts.port)
    return live_server


@pytest.fixture
def bilingual_pages(site, home, home_es, spanish, django_capture_on_commit_callbacks):
    """A standard page and the two index pages, in English and their Spanish translations."""
    from tests.browser.factories import ActionIndexPageFactory, CaseIndexPageFactory
    from tests.factories import StandardPageFactory
    from translation.builders import translate

    about = StandardPageFactory(
        parent=home,
        title="About us",
        slug="about",
        body="<p>We stand beside people who seek safety and publish their cases.</p>",
    )
    cases = CaseIndexPageFactory(parent=home)
    actions = ActionIndexPageFactory(parent=home)
    with django_capture_on_commit_callbacks(execute=True):
        translate(about, spanish, SPANISH["about"])
        translate(cases, spanish, SPANISH["cases"])
        translate(actions, spanish, SPANISH["actions"])
    base = site.url
    return SimpleNamespace(
        site=site,
        site_url=base,
        home=home,
        home_es=home_es,
        about=about,
        about_es=about.get_translation(spanish),
        cases=cases,
        cases_es=cases.get_translation(spanish),
        actions=actions,
        actions_es=actions.get_translation(spanish),
        url={
            "en": {
                "home": f"{base}/en/",
                "about": f"{base}/en/about/",
                "cases": f"{base}/en/cases/",
                "actions": f"{base}/en/act/",
                "search": f"{base}/en/search/",
            },
            "es": {
                "home": f"{base}/es/",
                "about": f"{base}/es/quienes-somos/",
                "cases": f"{base}/es/casos/",
                "actions": f"{base}/es/actue/",
                "search": f"{base}/es/search/",
            },
        },
    )


SPANISH = {
    "about": {
        "About us": "Quiénes somos",
        "about": "quienes-somos",
        "We stand beside people who seek safety and publish their cases.": (
            "Acompañamos a quienes buscan protección y publicamos sus casos."
        ),
    },
    "cases": {
        "Case stories": "Historias",
        "cases": "casos",
        "The people behind each urgent action.": "Las personas detrás de cada acción urgente.",
    },
    "actions": {
        "Urgent actions": "Acciones urgentes",
        "act": "actue",
        "Act today for people in danger of deportation.": (
            "Actúe hoy por personas en riesgo de deportación."
        ),
    },
}


@pytest.fixture
def case(bilingual_pages, settings, django_capture_on_commit_callbacks):
    """`bilingual_pages` plus a featured story with an open and a closed urgent action and
    the built-in officials (tests/browser/cases.py), ready for a reader to act.

    Forms take no minimum fill time here (the live server runs in this process, so the
    override reaches it), and the cache starts empty so earlier tests' posts count against
    no rate limit.
    """
    from django.core.cache import cache

    from tests.browser.cases import build_case

    settings.ACTIONS_MIN_FILL_SECONDS = 0
    settings.ACTIONS_CONFIRM_MIN_SECONDS = 0
    cache.clear()
    world = build_case(bilingual_pages, django_capture_on_commit_callbacks)
    world.pages = bilingual_pages
    yield world
    cache.clear()
