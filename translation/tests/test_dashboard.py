"""The translators' dashboard: what needs Spanish, how far along it is, what comes first."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Locale, Page

from actions.models import ActionIndexPage, UrgentActionPage
from tests.factories import OrganisationDetailsFactory, StandardPageFactory
from translation.builders import translate
from translation.dashboard import dashboard_rows

pytestmark = pytest.mark.django_db


@pytest.fixture
def work(home, home_es, spanish, roles, django_capture_on_commit_callbacks):
    about = StandardPageFactory(
        parent=home, slug="about", title="About us", body="<p>We help.</p><p>We listen.</p>"
    )
    with django_capture_on_commit_callbacks(execute=True):
        translate(about, spanish, {"About us": "Quiénes somos"}, publish=False)
    press = StandardPageFactory(parent=home, slug="press", title="Press")
    index = ActionIndexPage(title="Act", slug="act")
    home.add_child(instance=index)
    now = timezone.now()
    actions = {}
    for title, days in [("Later action", 9), ("Sooner action", 2), ("Undated action", None)]:
        action = UrgentActionPage(
            title=title,
            slug=title.lower().replace(" ", "-"),
            summary="Write now.",
            deadline=now + timedelta(days=days) if days else None,
        )
        index.add_child(instance=action)
        actions[title] = action
    org = OrganisationDetailsFactory()
    return {"about": about, "press": press, "org": org, **actions}


def _row(rows, title):
    return next(r for r in rows if r.title == title)


def test_urgent_actions_come_first_soonest_deadline_first(work):
    titles = [r.title for r in dashboard_rows()]
    assert titles[:3] == ["Sooner action", "Later action", "Undated action"]


def test_progress_is_the_share_of_strings_translated(work):
    about = _row(dashboard_rows(), "About us")
    assert (about.total, about.translated, about.percent) == (4, 1, 25)
    assert about.out_of_date and not about.missing and not about.live


def test_untranslated_pages_and_snippets_are_listed_as_missing(work):
    rows = dashboard_rows()
    press = _row(rows, "Press")
    org = _row(rows, "Haven Test Network")
    assert press.missing and press.percent == 0
    assert press.start_url == reverse(
        "wagtail_localize:submit_page_translation", args=[work["press"].id]
    )
    assert org.missing and org.kind == "Organisation details"


def test_a_changed_english_page_is_flagged_for_sync(work):
    about = work["about"]
    assert not _row(dashboard_rows(), "About us").english_changed
    about.body = "<p>We help.</p><p>We listen well.</p>"
    about.save_revision().publish()
    row = _row(dashboard_rows(), "About us")
    assert row.english_changed and row.out_of_date


def test_a_complete_published_translation_is_up_to_date(
    work, spanish, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        translate(
            work["about"],
            spanish,
            {
                "About us": "Quiénes somos",
                "about": "quienes-somos",
                "We help.": "Ayudamos.",
                "We listen.": "Escuchamos.",
            },
        )
    row = _row(dashboard_rows(), "About us")
    assert row.percent == 100 and row.live and not row.out_of_date


def test_translator_sees_the_dashboard_with_links_to_edit(client, work, translator, spanish):
    client.force_login(translator)
    response = client.get(reverse("translation:dashboard"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "25%" in html
    es = work["about"].get_translation(spanish)
    assert reverse("wagtailadmin_pages:edit", args=[es.id]) in html
    # Only a complete translation can be sent for review.
    assert reverse("translation:submit_for_review", args=[es.id]) not in html
    # The sidebar menu is serialised as JSON in the admin page.
    assert "/admin/translation/" in client.get(reverse("wagtailadmin_home")).content.decode()


def test_dashboard_is_closed_to_users_without_translation_rights(client, work):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Permission

    user = get_user_model().objects.create_user("reader", password="x")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    response = client.get(reverse("translation:dashboard"))
    assert response.status_code in (302, 403)


@pytest.mark.django_db
def test_demo_has_translator_logins_and_a_translation_in_progress(demo_site, client):
    # Reads the demo loaded once for the run (`demo_site` in conftest.py).
    assert "user: traductora" in demo_site.output and "user: editor" in demo_site.output

    row = _row(dashboard_rows(), "How we work")
    assert 0 < row.percent < 100 and not row.live and row.translation is not None
    assert client.get("/es/como-trabajamos/").status_code == 404

    # A story update added in English after the Spanish was published waits for a sync.
    story = _row(dashboard_rows(), "The K. family: a father held a thousand miles away")
    assert story.english_changed and story.live and story.sync_url
    # Open urgent actions lead the list, and none shows Spanish with English text left in.
    from actions.models import UrgentActionPage
    from translation.builders import missing_strings

    rows = dashboard_rows()
    assert rows[0].urgent and isinstance(rows[0].source, UrgentActionPage)

    spanish = Locale.objects.get(language_code="es")
    for action in UrgentActionPage.objects.filter(locale__language_code="en"):
        assert [s for s in missing_strings(action, spanish) if " " in s] == [], action.title

    assert client.login(username="traductora", password=demo_site.password)
    response = client.get(reverse("translation:dashboard"))
    html = response.content.decode()
    assert "How we work" in html and f"{row.percent}%" in html
    assert "English changed: sync needed" in html
    es_story = Page.objects.get(translation_key=story.source.translation_key, locale=spanish)
    assert client.get(reverse("wagtailadmin_pages:edit", args=[es_story.id])).status_code == 200


def test_strings_translated_since_the_last_publish_are_flagged_until_published(
    work, spanish, django_capture_on_commit_callbacks
):
    strings = {
        "About us": "Quiénes somos",
        "about": "quienes-somos",
        "We help.": "Ayudamos.",
        "We listen.": "Escuchamos.",
    }
    with django_capture_on_commit_callbacks(execute=True):
        translate(work["about"], spanish, strings)
    assert not _row(dashboard_rows(), "About us").unpublished_strings
    from wagtail_localize.models import StringTranslation

    string = StringTranslation.objects.get(locale=spanish, translation_of__data="We listen.")
    string.data = "Escuchamos con atención."
    string.save()
    row = _row(dashboard_rows(), "About us")
    assert row.unpublished_strings and row.out_of_date and row.percent == 100
