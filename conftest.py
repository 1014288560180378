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
    root = Page.get_first_root_node()
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
def _english_unless_a_test_says_otherwise():
    """LocaleMiddleware leaves the last request's language active in the thread; start each
    test from the default language so results do not depend on test order."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()
